#include "regularizer.hpp"

#include "error.hpp"

namespace nnp {

const std::vector<RegularizationInfo>& regularization_table() {
  static const std::vector<RegularizationInfo> table = {
      {Regularization::none, "none", "None"},
      {Regularization::l1, "l1", "L1"},
      {Regularization::l2, "l2", "L2"},
  };
  return table;
}

const char* regularization_id(Regularization r) { return regularization_table()[static_cast<size_t>(r)].id; }

Regularization regularization_from_id(std::string_view id, const std::string& field) {
  return static_cast<Regularization>(
      index_of_id(regularization_table(), id, field, [](const auto& r) { return r.id; }));
}

void apply_penalty_step(Regularization r, double step, Eigen::Ref<Mat> w) {
  if (r == Regularization::l2) {
    w *= 1.0 - step;
  } else if (r == Regularization::l1) {
    // Shrink towards zero, stopping at zero rather than crossing it.
    w = w.unaryExpr([step](double v) {
      const double shrunk = v - step * (v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0));
      return shrunk * v < 0 ? 0.0 : shrunk;
    });
  }
}

}  // namespace nnp
