// TensorFlow Playground's run, replayed exactly (Config::tfp_seed set).
//
// On page load TensorFlow Playground seeds one seedrandom stream with the text
// of its link's seed; its data set generator draws from it, then a
// Fisher-Yates shuffle, and the first floor(n * percent / 100) points train;
// then buildNetwork draws `random() - 0.5` for every link, layer by layer,
// node by node (biases 0.1; with initZero weights and biases 0, the draws made
// all the same). Training goes through the training points in order, one at a
// time, accumulating derivatives and updating every batch_size points; a batch
// left incomplete at the end of a pass carries into the next one. Its L1 step
// sets a weight that crosses zero to 0 and freezes it (a dead link).
// Everything here follows that order of operations, so the loss curve equals
// TensorFlow Playground's to rounding of the math library's sin/exp/tanh.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "config.hpp"
#include "network.hpp"

namespace nnp {

struct TfpLimits {
  static constexpr size_t max_seed_chars = 64;
  static constexpr int classification_samples = 500, regression_samples = 1200;
};

// What TensorFlow Playground has: its data sets, hidden activations and
// features in its order (x, y, x^2, y^2, xy, sin x, sin y), plain SGD, no
// reshuffling, uniform or zero initial weights, tanh + squared error for
// classification and linear + squared error for regression. The description
// (engine/describe.cpp) gives these to the page.
struct TfpRules {
  static constexpr DatasetKind datasets[] = {DatasetKind::circle, DatasetKind::xor_,      DatasetKind::gauss,
                                             DatasetKind::spiral, DatasetKind::reg_plane, DatasetKind::reg_gauss};
  static constexpr Activation activations[] = {Activation::tanh, Activation::relu, Activation::sigmoid,
                                               Activation::linear};
  static constexpr Feature features[] = {Feature::x1,   Feature::x2,     Feature::x1sq,  Feature::x2sq,
                                         Feature::x1x2, Feature::sin_x1, Feature::sin_x2};
  static constexpr Init inits[] = {Init::tfp, Init::zeros};
  static constexpr OptimizerKind optimizer = OptimizerKind::sgd;
  static constexpr Output classification_output = Output::tanh_mse, regression_output = Output::linear_mse;
};

// Why `c` cannot be replayed as TensorFlow Playground would run it, or "" when
// it can (c.tfp_seed itself is not looked at beyond its text being valid).
std::string tfp_mismatch(const Config& c);

// The points as generateData leaves them (generated, then shuffled), and the
// number of training points at their head.
size_t tfp_train_count(size_t n, double train_ratio);
std::vector<Point> tfp_points(const Config& c);

// The initial weights of buildNetwork: the draws after the data's.
void tfp_initialize(const Config& c, Network& net);

// The one-sample-at-a-time training loop, with the derivatives accumulated
// between updates and the dead links of L1.
class TfpLoop {
 public:
  void reset(const Network& net);
  struct Result {
    bool updated = false, pass_done = false;
  };
  // Trains on columns of x (features x samples), targets y (1 x samples) from
  // the current position until one weight update or the end of the pass.
  Result run(const Config& c, Network& net, const Mat& x, const Mat& y);

 private:
  size_t next_ = 0;  // the next sample of the pass
  std::vector<Vec> total_, out_, out_der_, in_der_, acc_b_;
  std::vector<Mat> acc_w_;
  std::vector<Eigen::Matrix<int, Eigen::Dynamic, Eigen::Dynamic>> count_w_;
  std::vector<Eigen::VectorXi> count_b_;
  std::vector<Eigen::Matrix<char, Eigen::Dynamic, Eigen::Dynamic>> dead_;
};

}  // namespace nnp
