#include "regularizer.hpp"

#include "error.hpp"

namespace nnp {

namespace {
constexpr const char* kIds[] = {"none", "l1", "l2"};
}

const char* regularization_id(Regularization r) { return kIds[static_cast<size_t>(r)]; }

Regularization regularization_from_id(std::string_view id, const std::string& field) {
  return static_cast<Regularization>(index_of_id(kIds, id, field, [](const char* s) { return s; }));
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
