// Weight penalties (weights only, never biases, as in TensorFlow Playground):
//   l1  R(W) = sum |w|,        dR/dw = sign(w)
//   l2  R(W) = 1/2 sum w^2,    dR/dw = w
// Applied after each optimizer step as w <- w - lr * rate * dR/dw, and for L1 a
// weight that this step would carry across zero is set to exactly 0
// (TensorFlow Playground's rule), so L1 drives unneeded weights to zero.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "types.hpp"

namespace nnp {

enum class Regularization { none, l1, l2 };

struct RegularizationInfo {
  Regularization kind;
  const char* id;
  const char* name;
};

const std::vector<RegularizationInfo>& regularization_table();
const char* regularization_id(Regularization r);
Regularization regularization_from_id(std::string_view id, const std::string& field = "regularization");

// The decoupled step described above; `step` is lr * rate.
void apply_penalty_step(Regularization r, double step, Eigen::Ref<Mat> w);

}  // namespace nnp
