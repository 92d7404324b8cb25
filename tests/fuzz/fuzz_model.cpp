// Model import: import_model into a trained trainer either refuses with a
// ConfigError and leaves the trainer exactly as it was, or succeeds with a
// state that satisfies every invariant, exports, re-imports and re-exports to
// the same text, and trains on.
// Input: the model file text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"

using namespace nnp;

namespace {
// Custom points with a history and a test split: a refused import must keep all of it.
const Trainer& prior_state() {
  static const Trainer t = [] {
    Trainer p(fuzz::small_config(3));
    std::vector<Point> pts;
    for (int i = 0; i < 12; ++i) pts.push_back({-5.0 + i * 0.8, 4.0 - i * 0.7, double(i % 3)});
    p.set_points(pts);
    p.train_epochs(2);
    return p;
  }();
  return t;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Trainer t = prior_state();
  try {
    import_model(t, text);
  } catch (const ConfigError& e) {
    FUZZ_REQUIRE(*e.what() != '\0', "empty refusal message");
    fuzz::require_unchanged(prior_state(), t, "import");
    return 0;
  }
  fuzz::check_trainer(t);
  const std::string exported = export_model(t);
  Trainer again(fuzz::small_config(0));
  try {
    import_model(again, exported);
  } catch (const ConfigError& e) {
    fuzz::violated("an exported model imports", e.what(), __FILE__, __LINE__);
  }
  FUZZ_REQUIRE(export_model(again) == exported, "export -> import -> export changed the file");
  // Training must go on from any imported state (e.g. a huge epoch count).
  if (t.train_size() > 0 && t.train_size() <= 64) {
    const Trainer imported = t;
    try {
      t.train_epochs(1);
    } catch (const ConfigError& e) {  // e.g. the epoch limit reached: a refusal that changes nothing
      fuzz::require_unchanged(imported, t, std::string("training after import (") + e.what() + ")");
      return 0;
    }
    fuzz::check_trainer(t);
    FUZZ_REQUIRE(t.epoch() == imported.epoch() + 1 || t.status() == Status::diverged, "one epoch did not add one");
  }
  return 0;
}
