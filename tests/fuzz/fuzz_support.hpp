// Shared by the fuzz targets: invariant checks that abort with a message (so
// libFuzzer reports the input as a crash), the engine's observable state as one
// comparable value, and small valid-ish configurations to start from.
#pragma once
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

// Everything a caller can observe, compared field by field (bitwise for
// numbers, so NaN equals NaN): returns the first difference, or "" if none.
inline bool same_number(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }
inline std::string difference(const Trainer& a, const Trainer& b) {
  if (!(a.config() == b.config())) return "config";
  if (!(a.points() == b.points())) return "points";
  for (size_t i = 0; i < a.points().size(); ++i)
    if (a.is_test(i) != b.is_test(i)) return "train/test split";
  if (a.epoch() != b.epoch() || a.steps() != b.steps()) return "epoch or steps";
  if (a.status() != b.status() || a.status_message() != b.status_message()) return "status";
  const auto &la = a.network().layers(), &lb = b.network().layers();
  if (la.size() != lb.size()) return "layer count";
  for (size_t l = 0; l < la.size(); ++l) {
    if (la[l].W.rows() != lb[l].W.rows() || la[l].W.cols() != lb[l].W.cols() || la[l].b.size() != lb[l].b.size() ||
        std::memcmp(la[l].W.data(), lb[l].W.data(), sizeof(double) * size_t(la[l].W.size())) != 0 ||
        std::memcmp(la[l].b.data(), lb[l].b.data(), sizeof(double) * size_t(la[l].b.size())) != 0)
      return "weights of layer " + std::to_string(l);
  }
  const auto &ha = a.history(), &hb = b.history();
  if (ha.columns() != hb.columns()) return "history columns";
  if (ha.size() != hb.size()) return "history length";
  for (size_t c = 0; c < ha.data().size(); ++c)
    for (size_t i = 0; i < ha.size(); ++i)
      if (!same_number(ha.data()[c][i], hb.data()[c][i]))
        return "history " + ha.columns()[c] + " at row " + std::to_string(i);
  return "";
}

// A refusal must leave the trainer as it was, hidden state included: the same
// observable state now, and the same again after one more training step on both.
// `deep` = false skips the training step (for refusals that happen before any change is made).
inline void require_unchanged(const Trainer& before, const Trainer& after, const std::string& what, bool deep = true) {
  FUZZ_REQUIRE(difference(before, after).empty(), what + " was refused but changed the " + difference(before, after));
  if (!deep) return;
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
  FUZZ_REQUIRE(ea == eb && difference(a, b).empty(),
               what + " was refused but changed the hidden training state (" + difference(a, b) + ")");
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
