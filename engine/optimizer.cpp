#include "optimizer.hpp"

#include <cmath>
#include <utility>

#include "cold.hpp"
#include "error.hpp"

namespace nnp {

const std::vector<OptimizerInfo>& optimizer_table() {
  using K = OptimizerKind;
  static const std::vector<OptimizerInfo> table = {
      {K::sgd, "sgd", "SGD", {}},
      {K::momentum, "momentum", "Momentum", {"momentum"}},
      {K::nesterov, "nesterov", "Nesterov", {"momentum"}},
      {K::rmsprop, "rmsprop", "RMSprop", {"rho", "epsilon"}},
      {K::adam, "adam", "Adam", {"beta1", "beta2", "epsilon"}},
      {K::adagrad, "adagrad", "Adagrad", {"epsilon"}},
  };
  return table;
}

const std::vector<const char*>& optimizer_ids() {
  static const std::vector<const char*> ids = [] {
    std::vector<const char*> v;
    for (const auto& o : optimizer_table()) v.push_back(o.id);
    return v;
  }();
  return ids;
}

const char* optimizer_id(OptimizerKind k) { return optimizer_table()[static_cast<size_t>(k)].id; }

OptimizerKind optimizer_from_id(std::string_view id, const std::string& field) {
  return static_cast<OptimizerKind>(index_of_id(optimizer_table(), id, field, [](const auto& r) { return r.id; }));
}

OptimizerStateNames optimizer_state_names(OptimizerKind k) {
  switch (k) {
    case OptimizerKind::sgd: return {nullptr, nullptr};
    case OptimizerKind::momentum:
    case OptimizerKind::nesterov: return {"momentum_buffer", nullptr};
    case OptimizerKind::rmsprop: return {nullptr, "square_avg"};
    case OptimizerKind::adam: return {"exp_avg", "exp_avg_sq"};
    case OptimizerKind::adagrad: return {nullptr, "sum"};
  }
  return {nullptr, nullptr};
}

NNP_COLD void Optimizer::restore(std::int64_t t, std::vector<Slot> slots) {
  if (t < 0) fail("optimizer.step", std::to_string(t), "a whole number >= 0");
  if (slots.size() != slots_.size())
    fail("optimizer state", std::to_string(slots.size()) + " parameters", std::to_string(slots_.size()));
  for (size_t i = 0; i < slots.size(); ++i)
    if (slots[i].m.size() != slots_[i].m.size() || slots[i].v.size() != slots_[i].v.size())
      fail("optimizer state", "parameter " + std::to_string(i) + " of another size",
           std::to_string(slots_[i].m.size()) + " values");
  slots_ = std::move(slots);
  t_ = t;
}

void Optimizer::reset(const std::vector<Eigen::Index>& sizes) {
  slots_.assign(sizes.size(), Slot{});
  for (size_t i = 0; i < sizes.size(); ++i) {
    slots_[i].m = Eigen::ArrayXd::Zero(sizes[i]);
    slots_[i].v = Eigen::ArrayXd::Zero(sizes[i]);
  }
  t_ = 0;
}

void Optimizer::step(const OptimizerConfig& c, size_t i, double* wp, const double* gp) {
  Slot& s = slots_[i];
  const Eigen::Index n = s.m.size();
  Eigen::Map<Eigen::ArrayXd> w(wp, n);
  Eigen::Map<const Eigen::ArrayXd> g(gp, n);
  const double lr = c.learning_rate;
  switch (c.kind) {
    case OptimizerKind::sgd: w -= lr * g; return;
    case OptimizerKind::momentum:
      s.m = c.momentum * s.m + g;
      w -= lr * s.m;
      return;
    case OptimizerKind::nesterov:
      s.m = c.momentum * s.m + g;
      w -= lr * (g + c.momentum * s.m);
      return;
    case OptimizerKind::rmsprop:
      s.v = c.rho * s.v + (1 - c.rho) * g.square();
      w -= lr * g / (s.v.sqrt() + c.epsilon);
      return;
    case OptimizerKind::adam: {
      s.m = c.beta1 * s.m + (1 - c.beta1) * g;
      s.v = c.beta2 * s.v + (1 - c.beta2) * g.square();
      const double t = static_cast<double>(t_);
      const double c1 = 1 - std::pow(c.beta1, t), c2 = 1 - std::pow(c.beta2, t);
      w -= lr * (s.m / c1) / ((s.v / c2).sqrt() + c.epsilon);
      return;
    }
    case OptimizerKind::adagrad:
      s.v += g.square();
      w -= lr * g / (s.v.sqrt() + c.epsilon);
      return;
  }
}

}  // namespace nnp
