#include "regularizer.hpp"

#include "error.hpp"

namespace nnp {

const char* regularization_id(Regularization r) {
  switch (r) {
    case Regularization::l1: return "l1";
    case Regularization::l2: return "l2";
    default: return "none";
  }
}

Regularization regularization_from_id(std::string_view id, const std::string& field) {
  if (id == "none") return Regularization::none;
  if (id == "l1") return Regularization::l1;
  if (id == "l2") return Regularization::l2;
  fail(field, "\"" + std::string(id) + "\"", "one of none l1 l2");
}

double penalty(Regularization r, const Eigen::Ref<const Mat>& w) {
  switch (r) {
    case Regularization::l1: return w.array().abs().sum();
    case Regularization::l2: return 0.5 * w.squaredNorm();
    default: return 0.0;
  }
}

void penalty_gradient(Regularization r, const Eigen::Ref<const Mat>& w, Eigen::Ref<Mat> g) {
  switch (r) {
    case Regularization::l1: g = w.array().sign().matrix(); return;
    case Regularization::l2: g = w; return;
    default: g.setZero();
  }
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
