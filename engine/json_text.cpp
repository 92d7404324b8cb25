#include "json_text.hpp"

#include <algorithm>
#include <cstdio>

#include "config.hpp"
#include "error.hpp"

namespace nnp {

using nlohmann::json;

namespace {

[[noreturn]] void bad_string(const std::string& what, std::size_t at, const std::string& why) {
  throw ConfigError(what + ": invalid string at byte " + std::to_string(at + 1) + ": " + why);
}

std::string hex_byte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02x", c);
  return buf;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of the \uXXXX escape at text[i] (the backslash), or -1.
long escape_unit(std::string_view text, std::size_t i) {
  if (i + 6 > text.size() || text[i + 1] != 'u') return -1;
  long v = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    const int d = hex_digit(text[k]);
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

// Length of the well-formed UTF-8 sequence at text[i] (a byte >= 0x80), or 0.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto b = [&](std::size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
  const unsigned c = b(i);
  const auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) { return b(k) >= lo && b(k) <= hi; };
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c == 0xE0) return cont(i + 1, 0xA0) && cont(i + 2) ? 3 : 0;
  if (c == 0xED) return cont(i + 1, 0x80, 0x9F) && cont(i + 2) ? 3 : 0;  // not an encoded surrogate
  if (c >= 0xE1 && c <= 0xEF) return cont(i + 1) && cont(i + 2) ? 3 : 0;
  if (c == 0xF0) return cont(i + 1, 0x90) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(i + 1) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  if (c == 0xF4) return cont(i + 1, 0x80, 0x8F) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  return 0;
}

// Checks the string whose opening quote is text[open]; returns the index of
// its closing quote, or text.size() when it is not closed (the parser says so).
std::size_t check_string(std::string_view text, std::size_t open, const std::string& what) {
  std::size_t i = open + 1;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '"') return i;
    if (c < 0x20) bad_string(what, i, "control character " + hex_byte(c) + " (write it as an escape)");
    if (c == '\\') {
      if (i + 1 >= text.size()) return text.size();
      const char e = text[i + 1];
      if (e != 'u') {
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos)
          bad_string(what, i, "unknown escape \\" + excerpt(std::string_view(&text[i + 1], 1)));
        i += 2;
        continue;
      }
      const long u = escape_unit(text, i);
      if (u < 0) bad_string(what, i, "\\u must be followed by 4 hex digits");
      if (u >= 0xDC00 && u <= 0xDFFF) bad_string(what, i, "lone surrogate " + std::string(text.substr(i, 6)));
      if (u >= 0xD800 && u <= 0xDBFF) {
        const long low = i + 6 < text.size() && text[i + 6] == '\\' ? escape_unit(text, i + 6) : -1;
        if (low < 0xDC00 || low > 0xDFFF) bad_string(what, i, "lone surrogate " + std::string(text.substr(i, 6)));
        i += 12;
        continue;
      }
      i += 6;
      continue;
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t n = utf8_length(text, i);
    if (n == 0) bad_string(what, i, "byte " + hex_byte(c) + " is not valid UTF-8");
    i += n;
  }
  return text.size();
}

}  // namespace

json parse_json_text(std::string_view text, const std::string& what, std::size_t max_bytes) {
  if (text.size() > max_bytes)
    throw ConfigError(what + ": the text is " + std::to_string(text.size()) + " bytes; at most " +
                      std::to_string(max_bytes));
  // One pass over the text: nesting depth (counted in full, for the message)
  // and every string. Brackets inside strings are skipped with the string.
  std::size_t depth = 0, deepest = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      i = check_string(text, i, what);
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  if (deepest > Limits::max_json_depth)
    throw ConfigError(what + ": nested " + std::to_string(deepest) + " deep; at most " +
                      std::to_string(Limits::max_json_depth) + " levels");
  try {
    // json::parse instantiates the parser twice (with and without a callback
    // filter); sax_parse into the plain DOM builder is the same parse, same
    // errors (allow_exceptions), one instantiation: ~4 kB less gzip in wasm.
    json result;
    nlohmann::detail::json_sax_dom_parser<json> dom(result, true);
    json::sax_parse(text, &dom);
    return result;
  } catch (const json::exception& e) {
    // nlohmann: "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
    std::string why = e.what();
    if (const auto at = why.find(": "); at != std::string::npos) why = why.substr(at + 2);
    if (const auto id = why.find("] "); why.rfind('[', 0) == 0 && id != std::string::npos) why = why.substr(id + 2);
    const auto* pe = dynamic_cast<const json::parse_error*>(&e);
    const std::string where = pe ? " at byte " + std::to_string(pe->byte) : "";
    throw ConfigError(what + ": not valid JSON" + where + ": " + excerpt(why, 3 * kExcerptBytes));
  }
}

namespace {
// Writes v until `out` passes `max` bytes: a huge array is never dumped whole.
void brief_into(const json& v, std::string& out, std::size_t max) {
  if (v.is_array() || v.is_object()) {
    out += v.is_array() ? '[' : '{';
    bool first = true;
    for (auto it = v.begin(); it != v.end() && out.size() <= max; ++it) {
      if (!first) out += ',';
      first = false;
      if (v.is_object()) out += json(it.key()).dump(-1, ' ', false, json::error_handler_t::replace) + ':';
      brief_into(*it, out, max);
    }
    out += v.is_array() ? ']' : '}';
  } else if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    out += json(s.substr(0, max + 4)).dump(-1, ' ', false, json::error_handler_t::replace);
  } else {
    out += v.dump();
  }
}
}  // namespace

std::string brief(const json& v) {
  std::string out;
  brief_into(v, out, kExcerptBytes);
  return excerpt(out);
}

}  // namespace nnp
