#include "flow.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include "cold.hpp"
#include "error.hpp"

namespace nnp {

namespace {
struct RuleRow {
  Activation kind;
  SaturationRule rule;
};
// One row per activation (checked by a test against activation_table()).
const std::vector<RuleRow>& rule_table() {
  using R = SaturationRule;
  static const std::vector<RuleRow> rows{
      {Activation::linear, {R::none}},
      {Activation::step, {R::none}},  // not trainable: no gradient to lose
      {Activation::sign, {R::none}},
      {Activation::sigmoid, {R::near_bounds, 0.0, 1.0}},
      {Activation::tanh, {R::near_bounds, -1.0, 1.0}},
      {Activation::arctan, {R::near_bounds, -std::numbers::pi / 2, std::numbers::pi / 2}},
      {Activation::relu, {R::dead}},
      {Activation::leaky_relu, {R::none}},  // its negative side still passes alpha
      {Activation::elu, {R::none}},
      {Activation::selu, {R::none}},
      {Activation::silu, {R::none}},
      {Activation::softplus, {R::none}},
      {Activation::gelu, {R::none}},
      {Activation::abs, {R::none}},
  };
  return rows;
}
}  // namespace

const SaturationRule& saturation_rule(Activation a) {
  static const SaturationRule none{};
  for (const auto& r : rule_table())
    if (r.kind == a) return r.rule;
  return none;
}

bool has_saturation_rule(Activation a) {
  for (const auto& r : rule_table())
    if (r.kind == a) return true;
  return false;
}

std::vector<std::string> flow_columns(size_t weight_layers) {
  std::vector<std::string> names;
  for (size_t l = 0; l < weight_layers; ++l) names.push_back(kGradRmsPrefix + std::to_string(l));
  for (size_t l = 0; l + 1 < weight_layers; ++l) names.push_back(kSaturationPrefix + std::to_string(l));
  return names;
}

void FlowMeter::reset(const Network& net) {
  const size_t n = net.layers().size();
  steps_ = 0;
  sumsq_.assign(n, 0.0);
  saturated_.assign(n - 1, 0.0);
  seen_.assign(n - 1, 0.0);
  alive_.resize(n - 1);
  rules_.resize(n - 1);
  for (size_t l = 0; l + 1 < n; ++l) {
    alive_[l].setConstant(net.layers()[l].W.rows(), false);
    rules_[l] = saturation_rule(net.layers()[l].f.kind);
  }
}

void FlowMeter::add_step(const Network&, const Workspace& ws, Eigen::Index b, const Gradients& g) {
  ++steps_;
  for (size_t l = 0; l < sumsq_.size(); ++l) sumsq_[l] += g.dW[l].squaredNorm() / static_cast<double>(g.dW[l].size());
  for (size_t l = 0; l < rules_.size(); ++l) {
    const SaturationRule& r = rules_[l];
    const auto a = ws.a[l].leftCols(b).array();
    switch (r.kind) {
      case SaturationRule::none: break;
      case SaturationRule::near_bounds: {
        const double mid = r.lo + r.hi, span = r.hi - r.lo;
        saturated_[l] += static_cast<double>(((2.0 * a - mid).abs() > kSaturatedShare * span).count());
        seen_[l] += static_cast<double>(a.size());
        break;
      }
      case SaturationRule::dead: alive_[l] = alive_[l] || (a != 0.0).rowwise().any(); break;
    }
  }
}

void FlowMeter::finish(std::vector<double>& row) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  for (double s : sumsq_) row.push_back(steps_ ? std::sqrt(s / static_cast<double>(steps_)) : nan);
  for (size_t l = 0; l < rules_.size(); ++l) {
    switch (rules_[l].kind) {
      case SaturationRule::none: row.push_back(nan); break;
      case SaturationRule::near_bounds: row.push_back(seen_[l] > 0 ? saturated_[l] / seen_[l] : nan); break;
      case SaturationRule::dead:
        row.push_back(steps_ ? 1.0 - static_cast<double>(alive_[l].count()) / static_cast<double>(alive_[l].size())
                             : nan);
        break;
    }
  }
  steps_ = 0;
  std::fill(sumsq_.begin(), sumsq_.end(), 0.0);
  std::fill(saturated_.begin(), saturated_.end(), 0.0);
  std::fill(seen_.begin(), seen_.end(), 0.0);
  for (auto& a : alive_) a.setConstant(false);
}

NNP_COLD FlowMeter::Partial FlowMeter::partial() const {
  Partial p{steps_, sumsq_, saturated_, seen_, {}};
  for (const auto& a : alive_) {
    std::vector<char>& row = p.alive.emplace_back(static_cast<size_t>(a.size()));
    for (Eigen::Index u = 0; u < a.size(); ++u) row[static_cast<size_t>(u)] = a(u) ? 1 : 0;
  }
  return p;
}

NNP_COLD void FlowMeter::restore(const Partial& p) {
  if (p.steps < 0) fail("epoch_flow.steps", std::to_string(p.steps), "a whole number >= 0");
  if (p.sumsq.size() != sumsq_.size() || p.saturated.size() != saturated_.size() || p.seen.size() != seen_.size() ||
      p.alive.size() != alive_.size())
    fail("epoch_flow", "values for " + std::to_string(p.sumsq.size()) + " layers",
         "values for the network's " + std::to_string(sumsq_.size()) + " weight layers");
  for (size_t l = 0; l < alive_.size(); ++l)
    if (p.alive[l].size() != static_cast<size_t>(alive_[l].size()))
      fail("epoch_flow.alive[" + std::to_string(l) + "]", std::to_string(p.alive[l].size()) + " units",
           std::to_string(alive_[l].size()));
  steps_ = p.steps;
  sumsq_ = p.sumsq;
  saturated_ = p.saturated;
  seen_ = p.seen;
  for (size_t l = 0; l < alive_.size(); ++l)
    for (Eigen::Index u = 0; u < alive_[l].size(); ++u) alive_[l](u) = p.alive[l][static_cast<size_t>(u)] != 0;
}

}  // namespace nnp
