// Every bad value that reaches the engine becomes a ConfigError whose message
// names the field, the value and what is allowed.
#pragma once
#include <stdexcept>
#include <string>

namespace nnp {

class ConfigError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

[[noreturn]] inline void fail(const std::string& field, const std::string& got, const std::string& allowed) {
  throw ConfigError(field + ": got " + got + ", expected " + allowed);
}

}  // namespace nnp
