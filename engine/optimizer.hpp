// Gradient-descent update rules, with PyTorch's conventions and defaults so a
// model exported as PyTorch code continues the same way. For parameter w with
// gradient g (state starts at zero, t counts steps from 1):
//   sgd        w -= lr g
//   momentum   v = mu v + g;                        w -= lr v
//   nesterov   v = mu v + g;                        w -= lr (g + mu v)
//   rmsprop    s = rho s + (1 - rho) g^2;           w -= lr g / (sqrt(s) + eps)
//   adam       m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
//              w -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
//   adagrad    s += g^2;                            w -= lr g / (sqrt(s) + eps)
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "types.hpp"

namespace nnp {

enum class OptimizerKind { sgd, momentum, nesterov, rmsprop, adam, adagrad };

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::sgd;
  double learning_rate = 0.03;
  double momentum = 0.9;  // momentum, nesterov
  double rho = 0.99;      // rmsprop (PyTorch's alpha)
  double beta1 = 0.9;     // adam
  double beta2 = 0.999;   // adam
  double epsilon = 1e-8;  // rmsprop, adam; adagrad uses it too
  bool operator==(const OptimizerConfig&) const = default;
};

struct OptimizerInfo {
  OptimizerKind kind;
  const char* id;
  const char* name;
  const char* params[3];  // the OptimizerConfig fields it reads besides learning_rate; unused ones null
};

const std::vector<OptimizerInfo>& optimizer_table();
const char* optimizer_id(OptimizerKind k);
OptimizerKind optimizer_from_id(std::string_view id, const std::string& field = "optimizer.kind");
const std::vector<const char*>& optimizer_ids();

// The state a rule keeps per parameter, by PyTorch's names for it (its
// optimizer.state keys), so a model file and an exported script say the same:
// `m` is the momentum buffer or Adam's first moment, `v` RMSprop's and Adam's
// second moment or Adagrad's sum; nullptr where the rule keeps none.
struct OptimizerStateNames {
  const char* m;
  const char* v;
};
OptimizerStateNames optimizer_state_names(OptimizerKind k);

// Holds the per-parameter state of one rule for a fixed list of parameter
// sizes; `step` updates parameter i in place from its gradient.
class Optimizer {
 public:
  struct Slot {
    Eigen::ArrayXd m, v;  // in the parameter's storage order (Eigen's, column after column)
  };
  void reset(const std::vector<Eigen::Index>& sizes);
  void begin_step() { ++t_; }  // call once per mini-batch, before the step() calls
  void step(const OptimizerConfig& c, size_t i, double* w, const double* g);

  // For checkpoints: the steps taken (Adam's t) and every parameter's state.
  std::int64_t t() const { return t_; }
  const std::vector<Slot>& slots() const { return slots_; }
  // Replaces the state; the slots must have the sizes of reset()'s (checked).
  void restore(std::int64_t t, std::vector<Slot> slots);

 private:
  std::vector<Slot> slots_;
  std::int64_t t_ = 0;
};

}  // namespace nnp
