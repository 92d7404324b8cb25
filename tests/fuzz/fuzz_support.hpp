// Shared by the fuzz targets: invariant checks that abort with a message (so
// libFuzzer reports the input as a crash), the engine's observable state as one
// comparable value, and small valid-ish configurations to start from.
#pragma once
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "config.hpp"
#include "error.hpp"
#include "model_io.hpp"
#include "trainer.hpp"

namespace nnp::fuzz {

[[noreturn]] inline void violated(const char* what, const std::string& detail, const char* file, int line) {
  std::fprintf(stderr, "\n*** invariant violated at %s:%d: %s\n    %s\n", file, line, what, detail.c_str());
  std::abort();
}

#define FUZZ_REQUIRE(cond, detail)                                           \
  do {                                                                       \
    if (!(cond)) ::nnp::fuzz::violated(#cond, (detail), __FILE__, __LINE__); \
  } while (0)

// The history cap, once the engine states one; until then a generous bound
// that still catches unbounded growth within one fuzz input.
template <typename T = Trainer, typename L = Limits>  // templates: a missing name is no error
constexpr size_t history_bound() {
  if constexpr (requires { T::kMaxHistory; })
    return static_cast<size_t>(T::kMaxHistory);
  else if constexpr (requires { L::max_history; })
    return static_cast<size_t>(L::max_history);
  else
    return 1'000'000;
}

// A label the task accepts, restated here on purpose: the engine's own
// check_point is one of the things under test.
inline bool label_valid(double label, int classes) {
  if (!std::isfinite(label)) return false;
  if (classes == 0) return true;  // regression: any finite value
  return label == std::floor(label) && label >= 0 && label < classes;
}

// What every reachable state must satisfy. The message names the first broken rule.
inline void check_trainer(const Trainer& t) {
  const Config& c = t.config();
  try {
    validate(c);
  } catch (const ConfigError& e) {
    violated("the configuration in force validates", e.what(), __FILE__, __LINE__);
  }
  const int classes = c.class_count();
  const auto& pts = t.points();
  FUZZ_REQUIRE(pts.size() <= Trainer::kMaxPoints, std::to_string(pts.size()) + " points");
  FUZZ_REQUIRE(t.train_size() + t.test_size() == pts.size(), std::to_string(t.train_size()) + " + " +
                                                                 std::to_string(t.test_size()) + " vs " +
                                                                 std::to_string(pts.size()) + " points");
  for (size_t i = 0; i < pts.size(); ++i) {
    const Point& p = pts[i];
    FUZZ_REQUIRE(std::isfinite(p.x1) && std::isfinite(p.x2) && std::abs(p.x1) <= kDomain && std::abs(p.x2) <= kDomain,
                 "point " + std::to_string(i));
    FUZZ_REQUIRE(label_valid(p.label, classes), "point " + std::to_string(i) + " label " + std::to_string(p.label) +
                                                    " for " + std::to_string(classes) + " classes (0 = regression)");
  }
  const auto& layers = t.network().layers();
  FUZZ_REQUIRE(layers.size() == c.hidden.size() + 1, std::to_string(layers.size()) + " weight layers");
  FUZZ_REQUIRE(layers.front().W.cols() == static_cast<Eigen::Index>(c.features.size()), "input width");
  FUZZ_REQUIRE(layers.back().W.rows() == output_width(c.output, classes), "output width");
  bool finite = true;
  for (const auto& l : layers) finite = finite && l.W.allFinite() && l.b.allFinite();
  if (t.status() == Status::diverged)
    FUZZ_REQUIRE(!t.status_message().empty(), "diverged without a message");
  else
    FUZZ_REQUIRE(finite, "non-finite weights while status is ok");
  FUZZ_REQUIRE(t.history().size() <= history_bound(), std::to_string(t.history().size()) + " history entries");
  FUZZ_REQUIRE(t.epoch() >= 0 && t.steps() >= 0, "epoch " + std::to_string(t.epoch()));
}

// Everything a caller can observe, as one string: equal strings mean equal states.
inline std::string snapshot(const Trainer& t) {
  std::string s = export_model(t);  // config, weights, epoch, steps, history (and custom points)
  s += "\npoints:" + std::to_string(t.points().size());
  char buf[128];
  for (size_t i = 0; i < t.points().size(); ++i) {
    const Point& p = t.points()[i];
    std::snprintf(buf, sizeof buf, " %.17g,%.17g,%.17g,%d", p.x1, p.x2, p.label, t.is_test(i) ? 1 : 0);
    s += buf;
  }
  s += "\nstatus:" + std::to_string(static_cast<int>(t.status())) + " " + t.status_message();
  return s;
}

// A refusal must leave the trainer as it was, hidden state included: the same
// snapshot now, and the same snapshot after one more training step on both.
inline void require_unchanged(const Trainer& before, const Trainer& after, const std::string& what) {
  FUZZ_REQUIRE(snapshot(before) == snapshot(after), what + " was refused but changed the state");
  Trainer a = before, b = after;
  std::string ea, eb;
  try {
    a.train_steps(1);
  } catch (const ConfigError& e) {
    ea = e.what();
  }
  try {
    b.train_steps(1);
  } catch (const ConfigError& e) {
    eb = e.what();
  }
  FUZZ_REQUIRE(ea == eb && snapshot(a) == snapshot(b), what + " was refused but changed the hidden training state");
}

// Small configurations (few samples, small networks) so each input runs fast.
inline Config small_config(int variant) {
  Config c;
  c.samples = 16;
  c.hidden = {{3, {Activation::tanh, 0}}};
  c.batch_size = 4;
  switch (variant % 5) {
    case 0: break;  // circle, two classes
    case 1:
      c.dataset = DatasetKind::blobs;
      c.classes = 4;
      c.output = Output::softmax_ce;
      break;
    case 2:
      c.dataset = DatasetKind::reg_plane;
      c.output = Output::linear_mse;
      break;
    case 3:
      c.dataset = DatasetKind::custom;
      c.classes = 3;
      c.output = Output::softmax_ce;
      break;
    case 4:
      c.dataset = DatasetKind::xor_;
      c.hidden.clear();
      c.output = Output::perceptron;
      break;
  }
  validate(c);
  return c;
}

}  // namespace nnp::fuzz
