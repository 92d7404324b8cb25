// Every bad value that reaches the engine becomes a ConfigError whose message
// names the field, the value and what is allowed.
#pragma once
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace nnp {

// Input echoed in a message is cut to this many bytes: a 5 MB value must not
// become a 5 MB message.
constexpr std::size_t kExcerptBytes = 40;

// `s` itself when short, else its first `max` bytes (never splitting a UTF-8
// sequence) followed by "…". Control characters are shown as \u00XX: a NUL in
// an unknown key must not cut the message short.
inline std::string excerpt(std::string_view s, std::size_t max = kExcerptBytes) {
  std::size_t n = s.size();
  if (n > max) {
    n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;  // s[n] continues a sequence
  }
  std::string out;
  out.reserve(n + 3);
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (n < s.size()) out += "\xE2\x80\xA6";
  return out;
}

// What kind of refusal, for a caller that decides by it (never by the text).
// The ids are in the engine's description (describe.cpp, "errorCodes").
// out_of_memory and internal are the bindings' own (an exception that is no ConfigError).
enum class ErrorCode { invalid, tfp_replay, out_of_memory, internal };

inline const char* error_code_id(ErrorCode c) {
  switch (c) {
    case ErrorCode::tfp_replay: return "tfp_replay";
    case ErrorCode::out_of_memory: return "out_of_memory";
    case ErrorCode::internal: return "internal";
    default: return "invalid";
  }
}

class ConfigError : public std::invalid_argument {
 public:
  explicit ConfigError(const std::string& message, ErrorCode code = ErrorCode::invalid, std::string reason = {})
      : std::invalid_argument(message), code_(code), reason_(std::move(reason)) {}
  ErrorCode code() const noexcept { return code_; }
  // The cause alone, without the field and the remedy (tfp_replay: why the
  // replay cannot follow), for a caller that words its own notice.
  const std::string& reason() const noexcept { return reason_; }

 private:
  ErrorCode code_;
  std::string reason_;
};

[[noreturn]] inline void fail(const std::string& field, const std::string& got, const std::string& allowed) {
  // Callers cut what they echo to an excerpt; this is the backstop, and field
  // names may carry input too (an unknown key).
  throw ConfigError(excerpt(field, 2 * kExcerptBytes) + ": got " + excerpt(got, 2 * kExcerptBytes) + ", expected " +
                    allowed);
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
  fail(field, "\"" + excerpt(id) + "\"", allowed);
}

}  // namespace nnp
