// Plain numeric types shared by the engine. A batch is a matrix with one
// column per sample, as in the notes' matrix form z = W a + b.
#pragma once
#include <Eigen/Core>

namespace nnp {
using Mat = Eigen::MatrixXd;
using Vec = Eigen::VectorXd;
using MatF = Eigen::MatrixXf;
template <typename S>
using MatT = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;
}  // namespace nnp
