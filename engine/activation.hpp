// Activation functions, each beside its derivative (the notes' activation table).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "types.hpp"

namespace nnp {

enum class Activation {
  linear,
  step,
  sign,
  sigmoid,
  tanh,
  arctan,
  relu,
  leaky_relu,
  elu,
  selu,
  silu,
  softplus,
  gelu,
  abs
};

struct ActivationInfo {
  Activation kind;
  const char* id;          // stable lower-case id used in configs and URLs
  const char* name;        // what the notes call it
  const char* formula;     // f(z)
  const char* derivative;  // f'(z)
  bool has_alpha;          // leaky_relu and elu take a parameter alpha
  double default_alpha;
  bool trainable;  // false for step and sign: their gradient is zero almost everywhere
};

const std::vector<ActivationInfo>& activation_table();
const ActivationInfo& activation_info(Activation a);
// Throws ConfigError naming `field` when the id is unknown.
Activation activation_from_id(std::string_view id, const std::string& field = "activation");

struct ActivationFn {
  Activation kind = Activation::tanh;
  double alpha = 0.0;  // used by leaky_relu and elu only
  bool operator==(const ActivationFn&) const = default;
};

// a = f(z), element-wise. Instantiated for float (grid) and double (training).
template <typename S>
void activate(const ActivationFn& f, const Eigen::Ref<const MatT<S>>& z, Eigen::Ref<MatT<S>> a);

// delta *= f'(z), element-wise: turns dL/da into dL/dz. `a` is f(z), which
// several derivatives reuse (tanh: 1 - a^2, sigmoid: a (1 - a)).
void backprop_activation(const ActivationFn& f, const Eigen::Ref<const Mat>& z, const Eigen::Ref<const Mat>& a,
                         Eigen::Ref<Mat> delta);

// Scalar versions for plots and tests.
double activation_value(const ActivationFn& f, double z);
double activation_derivative(const ActivationFn& f, double z);

}  // namespace nnp
