// Output units and their losses, as fused pairs computed from the logits z of
// the last layer (stable, and the gradient is the simple a - y where it can be).
//
// Every loss is the mean over the batch of the per-sample loss below.
//   tanh_mse       a = tanh z,      L = 1/2 (a - y)^2,      y in {-1, +1} or a value
//   sigmoid_bce    a = sigmoid z,   L = -y ln a - (1-y) ln(1-a) = max(z,0) - z y + ln(1 + e^-|z|), y in {0, 1}
//   sigmoid_mse    a = sigmoid z,   L = 1/2 (a - y)^2,      y in {0, 1}
//   softmax_ce     a = softmax z,   L = logsumexp(z) - z_y, y one-hot over K classes
//   linear_hinge   a = z,           L = max(0, 1 - y z),    y in {-1, +1}
//   linear_mse     a = z,           L = 1/2 (z - y)^2,      y a value
//   linear_mae     a = z,           L = |z - y|,            y a value
//   perceptron     a = sign z,      L = max(0, -y z),       y in {-1, +1}
// The 1/2 in the squared errors follows TensorFlow Playground, so its loss
// figures carry over. The perceptron criterion's gradient on one sample is -y
// exactly when the sample is misclassified (y z <= 0), so SGD with batch size 1
// on it is Rosenblatt's rule w <- w + eta y x.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "types.hpp"

namespace nnp {

enum class Output { tanh_mse, sigmoid_bce, sigmoid_mse, softmax_ce, linear_hinge, linear_mse, linear_mae, perceptron };

// What kind of labels an output pair learns.
enum class Task { binary, multiclass, regression };

struct OutputInfo {
  Output kind;
  const char* id;
  const char* unit;       // output activation
  const char* loss;       // loss name
  const char* formula;    // per-sample loss
  bool classification;    // learns classes
  bool regression;        // learns values
  bool multiclass;        // K outputs (softmax); otherwise one output
  bool no_hidden_layers;  // a single neuron: only a network without hidden layers (the perceptron)
};

const std::vector<OutputInfo>& output_table();
const OutputInfo& output_info(Output o);
Output output_from_id(std::string_view id, const std::string& field = "output");

// Number of output neurons for a task with `classes` classes.
int output_width(Output o, int classes);

// The output a task starts with when nothing else is asked for: TensorFlow
// Playground's pairs where it has them (tanh for two classes, linear for values).
Output default_output(Task t);

// The lowest value the output unit gives (0: a probability, -1: tanh or sign);
// NaN when it is unbounded (linear).
double output_unit_low(Output o);

// Encodes one label (a class index 0..K-1, or a value for regression) as the
// target column the pair expects: class 1 of a binary task is +1 (or 1 for
// sigmoid), class 0 is -1 (or 0). A class index outside 0..K-1 throws
// ConfigError (callers check labels first; this is the last guard).
void encode_target(Output o, Task task, double label, Eigen::Ref<Mat> y_col);

// Mean loss over the columns of z against targets y.
double output_loss(Output o, const Eigen::Ref<const Mat>& z, const Eigen::Ref<const Mat>& y);

// dz = d(mean loss)/dz.
void output_gradient(Output o, const Eigen::Ref<const Mat>& z, const Eigen::Ref<const Mat>& y, Eigen::Ref<Mat> dz);

// a = output unit applied to logits z. Instantiated for float and double.
template <typename S>
void output_activate(Output o, const Eigen::Ref<const MatT<S>>& z, Eigen::Ref<MatT<S>> a);

// Number of columns whose predicted class matches the label (classification only).
// Binary pairs predict class 1 when z > 0; softmax predicts the arg max.
int count_correct(Output o, const Eigen::Ref<const Mat>& z, const Eigen::Ref<const Mat>& y);

}  // namespace nnp
