// Config JSON: config_from_json over one of a few bases must either refuse with
// a ConfigError (nothing else may escape) or give a valid Config whose full
// JSON reads back to itself over any base and prints the same again.
// Input: one byte choosing the base, then the JSON text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
// Parse the text as the bindings do: through the engine's checked JSON reader
// once it has one (issue 9 adds json_text.hpp), else as nlohmann parses it.
#if __has_include("json_text.hpp")
#include "json_text.hpp"
#define NNP_FUZZ_CHECKED_JSON 1
#endif

using namespace nnp;
using nlohmann::json;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const Config base = fuzz::small_config(data[0]);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  Config c;
  try {
#ifdef NNP_FUZZ_CHECKED_JSON
    const json patch = parse_json_text(text, "config", Limits::max_config_bytes);
#else
    const json patch = json::parse(text, nullptr, false);
    if (patch.is_discarded()) return 0;
#endif
    c = config_from_json(patch, base);
  } catch (const ConfigError& e) {
    FUZZ_REQUIRE(*e.what() != '\0', "empty refusal message");
    return 0;
  }
  try {
    validate(c);
  } catch (const ConfigError& e) {
    fuzz::violated("an accepted config validates", e.what(), __FILE__, __LINE__);
  }
  const json full = config_to_json(c);
  // The JSON states the task of the data in use ("problem" counts only for
  // custom data), so it reads back as the same configuration with that task.
  Config same = c;
  same.problem = c.effective_problem();
  for (int other = 0; other < 2; ++other) {
    Config back;
    try {
      back = config_from_json(full, fuzz::small_config(data[0] + 1 + other));
    } catch (const ConfigError& e) {
      fuzz::violated("config_to_json output reads back", std::string(e.what()) + "\n    " + full.dump(), __FILE__,
                     __LINE__);
    }
    FUZZ_REQUIRE(back == same, "round trip changed the config: " + full.dump());
    FUZZ_REQUIRE(config_to_json(back).dump() == full.dump(), "round trip changed the JSON: " + full.dump());
  }
  return 0;
}
