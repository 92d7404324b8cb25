// CSV import: parse_csv returns only valid points (or errors), and
// Trainer::load_csv either loads exactly those points or changes nothing.
// Input: one byte choosing the task (2..6 classes or regression) and the prior
// data, then the file text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"

using namespace nnp;

namespace {
Config config_for(uint8_t selector) {
  Config c = fuzz::small_config(0);
  const int task = selector % 6;  // 0 = regression, else task + 1 classes
  if (task == 0) {
    c.dataset = (selector & 0x40) ? DatasetKind::custom : DatasetKind::reg_gauss;
    c.problem = Problem::regression;
    c.output = Output::linear_mse;
  } else if (task == 1) {
    c.dataset = (selector & 0x40) ? DatasetKind::custom : DatasetKind::moons;
    c.classes = 2;
  } else {
    c.dataset = (selector & 0x40) ? DatasetKind::custom : DatasetKind::multi_spiral;
    c.classes = task + 1;
    c.output = Output::softmax_ce;
  }
  return c;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  // Built once per kind: constructing one per input would dominate the run time.
  static const std::vector<Trainer> bases = [] {
    std::vector<Trainer> v;
    for (int s = 0; s < 12; ++s) v.emplace_back(config_for(static_cast<uint8_t>(s % 6 + (s / 6) * 0x40)));
    return v;
  }();
  const Trainer& before = bases[data[0] % 6 + ((data[0] & 0x40) ? 6 : 0)];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const int classes = before.config().class_count();

  const CsvResult parsed = parse_csv(text, classes, Trainer::kMaxPoints);
  FUZZ_REQUIRE(!parsed.errors.empty() || !parsed.points.empty(), "neither points nor errors");
  if (parsed.errors.empty()) FUZZ_REQUIRE(parsed.points.size() <= Trainer::kMaxPoints, "too many points accepted");
  for (const auto& e : parsed.errors) FUZZ_REQUIRE(!e.empty(), "empty error line");
  for (const Point& p : parsed.points)
    FUZZ_REQUIRE(std::isfinite(p.x1) && std::isfinite(p.x2) && std::abs(p.x1) <= kDomain && std::abs(p.x2) <= kDomain &&
                     fuzz::label_valid(p.label, classes),
                 "parse_csv accepted a bad point");

  Trainer t = before;
  CsvResult loaded;
  try {
    loaded = t.load_csv(text);
  } catch (const ConfigError& e) {
    fuzz::violated("load_csv reports bad rows in its result, not by throwing", e.what(), __FILE__, __LINE__);
  }
  FUZZ_REQUIRE(loaded.errors == parsed.errors && loaded.points == parsed.points, "load_csv parsed differently");
  if (!loaded.errors.empty()) {
    fuzz::require_unchanged(before, t, "a CSV file with bad rows");
    return 0;
  }
  fuzz::check_trainer(t);
  FUZZ_REQUIRE(t.points() == parsed.points, "loaded points differ from the parsed ones");
  FUZZ_REQUIRE(t.config().dataset == DatasetKind::custom, "loaded data is not custom");
  FUZZ_REQUIRE(t.config().class_count() == classes, "the task changed on load");
  return 0;
}
