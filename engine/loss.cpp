#include "loss.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "activation.hpp"
#include "error.hpp"

namespace nnp {

const std::vector<OutputInfo>& output_table() {
  static const std::vector<OutputInfo> table = {
      {Output::tanh_mse, "tanh_mse", "tanh", "squared error", "1/2 (tanh z - y)^2, y = -1 or +1", true, true, false,
       false},
      {Output::sigmoid_bce, "sigmoid_bce", "sigmoid", "binary cross-entropy", "-y ln a - (1 - y) ln(1 - a), y = 0 or 1",
       true, false, false, false},
      {Output::sigmoid_mse, "sigmoid_mse", "sigmoid", "squared error", "1/2 (sigmoid z - y)^2, y = 0 or 1", true, false,
       false, false},
      {Output::softmax_ce, "softmax_ce", "softmax", "categorical cross-entropy", "-ln softmax(z)_y", true, false, true,
       false},
      {Output::linear_hinge, "linear_hinge", "linear", "hinge", "max(0, 1 - y z), y = -1 or +1", true, false, false,
       false},
      {Output::linear_mse, "linear_mse", "linear", "squared error", "1/2 (z - y)^2", false, true, false, false},
      {Output::linear_mae, "linear_mae", "linear", "absolute error", "|z - y|", false, true, false, false},
      {Output::perceptron, "perceptron", "sign", "perceptron criterion", "max(0, -y z), y = -1 or +1", true, false,
       false, true},
  };
  return table;
}

const OutputInfo& output_info(Output o) { return output_table()[static_cast<size_t>(o)]; }

Output output_from_id(std::string_view id, const std::string& field) {
  return static_cast<Output>(index_of_id(output_table(), id, field, [](const auto& r) { return r.id; }));
}

int output_width(Output o, int classes) { return o == Output::softmax_ce ? classes : 1; }

Output default_output(Task t) {
  return t == Task::regression ? Output::linear_mse : t == Task::multiclass ? Output::softmax_ce : Output::tanh_mse;
}

double output_unit_low(Output o) {
  switch (o) {
    case Output::sigmoid_bce:
    case Output::sigmoid_mse:
    case Output::softmax_ce: return 0;
    case Output::tanh_mse:
    case Output::perceptron: return -1;
    default: return std::numeric_limits<double>::quiet_NaN();
  }
}

void encode_target(Output o, Task task, double label, Eigen::Ref<Mat> y) {
  switch (o) {
    case Output::softmax_ce: {
      // Callers check labels first; this guard keeps a missed check from
      // ever writing outside the column.
      if (!(label >= 0 && label < static_cast<double>(y.rows()) && label == std::floor(label)))
        throw ConfigError("label: got " + excerpt(std::to_string(label)) + ", expected a class index 0.." +
                          std::to_string(y.rows() - 1));
      y.setZero();
      y(static_cast<Eigen::Index>(label), 0) = 1.0;
      return;
    }
    case Output::sigmoid_bce:
    case Output::sigmoid_mse: y(0, 0) = label > 0 ? 1.0 : 0.0; return;
    case Output::linear_hinge:
    case Output::perceptron: y(0, 0) = label > 0 ? 1.0 : -1.0; return;
    case Output::tanh_mse: y(0, 0) = task == Task::regression ? label : (label > 0 ? 1.0 : -1.0); return;
    case Output::linear_mse:
    case Output::linear_mae: y(0, 0) = label; return;
  }
}

namespace {
// The scalar sigmoid and softplus of the activation table (engine/activation.cpp), not copies of them.
double sigmoid(double z) { return activation_value({Activation::sigmoid, 0}, z); }
double softplus(double z) { return activation_value({Activation::softplus, 0}, z); }
}  // namespace

double output_loss(Output o, const Eigen::Ref<const Mat>& z, const Eigen::Ref<const Mat>& y) {
  const auto n = static_cast<double>(z.cols());
  double total = 0.0;
  switch (o) {
    case Output::tanh_mse: {
      Mat a(z.rows(), z.cols());
      output_activate<double>(o, z, a);
      total = 0.5 * (a - y).squaredNorm();
      break;
    }
    case Output::linear_mse: total = 0.5 * (z - y).squaredNorm(); break;
    case Output::linear_mae: total = (z - y).array().abs().sum(); break;
    case Output::sigmoid_bce:
      for (Eigen::Index j = 0; j < z.cols(); ++j) total += softplus(z(0, j)) - z(0, j) * y(0, j);
      break;
    case Output::sigmoid_mse:
      for (Eigen::Index j = 0; j < z.cols(); ++j) total += 0.5 * std::pow(sigmoid(z(0, j)) - y(0, j), 2);
      break;
    case Output::softmax_ce:
      for (Eigen::Index j = 0; j < z.cols(); ++j) {
        const double m = z.col(j).maxCoeff();
        const double lse = m + std::log((z.col(j).array() - m).exp().sum());
        total += lse - z.col(j).dot(y.col(j));
      }
      break;
    case Output::linear_hinge: total = (1.0 - y.array() * z.array()).max(0.0).sum(); break;
    case Output::perceptron: total = (-y.array() * z.array()).max(0.0).sum(); break;
  }
  return total / n;
}

void output_gradient(Output o, const Eigen::Ref<const Mat>& z, const Eigen::Ref<const Mat>& y, Eigen::Ref<Mat> dz) {
  const double inv_n = 1.0 / static_cast<double>(z.cols());
  switch (o) {
    case Output::tanh_mse: {
      // d/dz 1/2 (tanh z - y)^2 = (a - y)(1 - a^2)
      output_activate<double>(o, z, dz);
      for (Eigen::Index j = 0; j < z.cols(); ++j) {
        const double a = dz(0, j);
        dz(0, j) = (a - y(0, j)) * (1.0 - a * a) * inv_n;
      }
      return;
    }
    case Output::linear_mse: dz = (z - y) * inv_n; return;
    case Output::linear_mae: dz = (z - y).array().sign().matrix() * inv_n; return;
    case Output::sigmoid_bce:  // the notes' sigma(z) - y
      for (Eigen::Index j = 0; j < z.cols(); ++j) dz(0, j) = (sigmoid(z(0, j)) - y(0, j)) * inv_n;
      return;
    case Output::sigmoid_mse:  // (a - y) a (1 - a): vanishes when the unit saturates
      for (Eigen::Index j = 0; j < z.cols(); ++j) {
        const double a = sigmoid(z(0, j));
        dz(0, j) = (a - y(0, j)) * a * (1.0 - a) * inv_n;
      }
      return;
    case Output::softmax_ce:  // softmax(z) - onehot(y)
      for (Eigen::Index j = 0; j < z.cols(); ++j) {
        const double m = z.col(j).maxCoeff();
        auto e = (z.col(j).array() - m).exp();
        dz.col(j) = (e / e.sum()).matrix() - y.col(j);
        dz.col(j) *= inv_n;
      }
      return;
    case Output::linear_hinge:
      dz = ((y.array() * z.array() < 1.0).cast<double>() * -y.array() * inv_n).matrix();
      return;
    case Output::perceptron: dz = ((y.array() * z.array() <= 0.0).cast<double>() * -y.array() * inv_n).matrix(); return;
  }
}

template <typename S>
void output_activate(Output o, const Eigen::Ref<const MatT<S>>& z, Eigen::Ref<MatT<S>> a) {
  switch (o) {
    // The hidden layers' batch forms (engine/activation.cpp): the same numbers everywhere.
    case Output::tanh_mse: activate<S>({Activation::tanh, 0}, z, a); return;
    case Output::sigmoid_bce:
    case Output::sigmoid_mse: activate<S>({Activation::sigmoid, 0}, z, a); return;
    case Output::softmax_ce:
      for (Eigen::Index j = 0; j < z.cols(); ++j) {
        const S m = z.col(j).maxCoeff();
        a.col(j).array() = (z.col(j).array() - m).exp();
        a.col(j) /= a.col(j).sum();
      }
      return;
    case Output::perceptron: a.array() = z.array().sign(); return;
    case Output::linear_hinge:
    case Output::linear_mse:
    case Output::linear_mae: a = z; return;
  }
}

template void output_activate<float>(Output, const Eigen::Ref<const MatF>&, Eigen::Ref<MatF>);
template void output_activate<double>(Output, const Eigen::Ref<const Mat>&, Eigen::Ref<Mat>);

int count_correct(Output o, const Eigen::Ref<const Mat>& z, const Eigen::Ref<const Mat>& y) {
  int correct = 0;
  if (o == Output::softmax_ce) {
    for (Eigen::Index j = 0; j < z.cols(); ++j) {
      Eigen::Index pz, py;
      z.col(j).maxCoeff(&pz);
      y.col(j).maxCoeff(&py);
      correct += pz == py;
    }
    return correct;
  }
  for (Eigen::Index j = 0; j < z.cols(); ++j) correct += (z(0, j) > 0) == (y(0, j) > 0);
  return correct;
}

}  // namespace nnp
