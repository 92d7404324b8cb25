// JSON text from outside (a configuration, a model file) is checked before it
// is parsed: its size, its nesting depth and its strings, so that hostile text
// gives a short message naming the problem instead of deep recursion, a huge
// allocation or a bare "not valid JSON".
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace nnp {

// Parses `text`; throws ConfigError starting with `what` when it is longer
// than `max_bytes`, nested deeper than Limits::max_json_depth, holds an
// invalid string (bad UTF-8, a lone surrogate escape) or is not JSON. Byte
// positions in messages count from 1.
nlohmann::json parse_json_text(std::string_view text, const std::string& what, std::size_t max_bytes);

// A JSON value for a message: strings cut to a short excerpt, anything else
// dumped and cut the same way.
std::string brief(const nlohmann::json& v);

}  // namespace nnp
