// Gradient flow: per epoch, each weight layer's gradient size and each hidden
// layer's share of saturated units, recorded as history columns.
#pragma once
#include <string>
#include <vector>

#include "activation.hpp"
#include "network.hpp"

namespace nnp {

// When a unit counts as saturated, per activation (the table in flow.cpp has
// one row for every activation):
//  - near_bounds: f is bounded to (lo, hi); a unit-sample pair is saturated
//    when a lies in the outer 1% of that range at either end, i.e.
//    |2a - lo - hi| / (hi - lo) > 0.99 (tanh: |a| > 0.99; sigmoid: a < 0.005
//    or a > 0.995). The layer's value is the share of saturated unit-sample
//    pairs over the epoch's training samples.
//  - dead: a unit is dead when a = 0 on every training sample of the epoch
//    (ReLU). The layer's value is the share of dead units.
//  - none: f has no flat region that stops learning; the column holds NaN.
struct SaturationRule {
  enum Kind { none, near_bounds, dead } kind = none;
  double lo = 0, hi = 0;
};
const SaturationRule& saturation_rule(Activation a);
bool has_saturation_rule(Activation a);  // false: the table misses a row
constexpr double kSaturatedShare = 0.99;

// History column names after the base ones: grad_rms_l for every weight layer
// l (0 = first), then saturation_l for every hidden layer.
constexpr const char* kGradRmsPrefix = "grad_rms_";
constexpr const char* kSaturationPrefix = "saturation_";
std::vector<std::string> flow_columns(size_t weight_layers);

// Accumulates one epoch's flow figures over its training steps.
//
// grad_rms_l = sqrt( (1/S) * sum over the epoch's S steps of mean_ij (dW_l)_ij^2 ),
// where dW_l is the step's gradient of the batch loss (the mean over the
// batch, before any regularization penalty) with respect to W_l: the RMS of
// dL/dW over the epoch's steps.
class FlowMeter {
 public:
  void reset(const Network& net);
  // After the step's backward pass on `b` columns of ws.
  void add_step(const Network& net, const Workspace& ws, Eigen::Index b, const Gradients& g);
  // Appends the epoch's values (in flow_columns order) to `row` and starts a new epoch.
  void finish(std::vector<double>& row);

  // What the epoch so far has added up, for a checkpoint taken mid-epoch.
  struct Partial {
    long steps = 0;
    std::vector<double> sumsq, saturated, seen;
    std::vector<std::vector<char>> alive;  // 1 = the unit was non-zero on some sample
  };
  Partial partial() const;
  // Sizes must be those of reset(net)'s (ConfigError naming "flow" otherwise).
  void restore(const Partial& p);

 private:
  long steps_ = 0;
  std::vector<double> sumsq_;                                 // per weight layer
  std::vector<double> saturated_, seen_;                      // per hidden layer, unit-sample pairs
  std::vector<Eigen::Array<bool, Eigen::Dynamic, 1>> alive_;  // per hidden layer, per unit
  std::vector<SaturationRule> rules_;
};

}  // namespace nnp
