// Every bad value that reaches the engine becomes a ConfigError whose message
// names the field, the value and what is allowed.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

namespace nnp {

class ConfigError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

[[noreturn]] inline void fail(const std::string& field, const std::string& got, const std::string& allowed) {
  throw ConfigError(field + ": got " + got + ", expected " + allowed);
}

// Position of `id` in a table whose order is its enum's, so the result casts
// to the enum; an unknown id throws naming the field and every allowed id.
template <typename Table, typename IdOf>
size_t index_of_id(const Table& table, std::string_view id, const std::string& field, IdOf id_of) {
  size_t i = 0;
  for (const auto& row : table) {
    if (id == id_of(row)) return i;
    ++i;
  }
  std::string allowed = "one of";
  for (const auto& row : table) allowed += std::string(" ") + id_of(row);
  fail(field, "\"" + std::string(id) + "\"", allowed);
}

}  // namespace nnp
