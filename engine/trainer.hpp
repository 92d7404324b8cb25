// A training session: the data, its split and features, the network, the
// optimizer and the per-epoch history, with everything the page inspects.
#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "config.hpp"
#include "flow.hpp"
#include "grid_kernel.hpp"
#include "history.hpp"
#include "network.hpp"
#include "tfp_replay.hpp"

namespace nnp {

enum class Status { ok, diverged };

// One sample through the network: the worked example of the notes with real
// numbers. Index 0 of z, a, delta, dW, db is the first weight layer; `input`
// holds the features.
struct SampleTrace {
  Vec input, target, output;  // output = the output unit applied to the last z
  std::vector<Vec> z, a, delta;
  std::vector<Mat> dW;
  std::vector<Vec> db;
  double loss = 0;
};

// Values of every neuron over an n x n grid of the plane, as floats, one map
// after another: the input features, then each hidden layer's neurons, then
// the output unit(s). Pixel (row i, column j) of a map is the point
// x1 = lo + (j + 1/2) h, x2 = hi - (i + 1/2) h with h = (hi - lo) / n, so row 0
// is the top of the picture.
struct Grid {
  int n = 0;
  int maps = 0;
  double lo = -kDomain, hi = kDomain;
  std::vector<float> values;   // maps * n * n
  std::vector<int> map_start;  // index of the first map of each stage: inputs, hidden 0.., output
};

// The data seen from hidden layer `layer`, in the plane of its units u1, u2:
//  - points: every data point at (a_u1, a_u2), in points() order;
//  - the plane's bounds [x_lo, x_hi] x [y_lo, y_hi]: the points' range with a
//    margin of 10% of the range (at least 0.1) on every side;
//  - output: the rest of the network's output over an n x n grid of that
//    plane (pixel (i, j) as in Grid: row 0 is the top, y_hi), computed by
//    forward_from(layer + 1) with the layer's other units held at their mean
//    over the data; one map per output unit, map after map;
//  - lines: the input plane's grid lines pushed through the network to the
//    layer: kHiddenLines vertical lines (x1 fixed, from -kDomain to kDomain)
//    then as many horizontal ones, kHiddenLinePoints points each, (a_u1, a_u2)
//    pairs, line after line.
struct HiddenSpace {
  static constexpr int kLines = 11, kLinePoints = 50;
  size_t layer = 0;
  Eigen::Index u1 = 0, u2 = 1;
  int n = 0, outputs = 0;
  double x_lo = 0, x_hi = 0, y_lo = 0, y_hi = 0;
  std::vector<double> points;  // x, y per data point
  std::vector<float> output;   // outputs * n * n
  std::vector<double> lines;   // 2 * kLines lines * kLinePoints points * (x, y)
};

class Trainer {
 public:
  explicit Trainer(const Config& c = Config{});

  // Applies a new configuration (validated first; on error nothing changes).
  // A change to the data settings regenerates the data; a change to the
  // network, features, output, initialisation or seed re-initialises the
  // weights; changes to only the optimizer, learning rate, regularization,
  // batch size or shuffling keep the weights, the epoch and the history.
  //
  // With `points`, the configuration and the points are one change, checked
  // whole before anything changes: as configure(c) followed by
  // set_points(*points, *held_out) but never half applied. The data becomes
  // custom with the task of `c`.
  //
  // Whenever the result is custom data, every point kept must fit the new
  // task (a class index below the class count, or a value); otherwise
  // ConfigError names the first point that does not.
  void configure(const Config& c, const std::vector<Point>* points = nullptr,
                 const std::vector<char>* held_out = nullptr);
  const Config& config() const { return config_; }

  // Back to the initial weights of the seed: epoch 0, the history only its
  // epoch-0 row.
  void reset();

  // --- data ---
  const std::vector<Point>& points() const { return points_; }
  bool is_test(size_t i) const { return is_test_[i] != 0; }
  size_t train_size() const { return static_cast<size_t>(x_train_.cols()); }
  size_t test_size() const { return static_cast<size_t>(x_test_.cols()); }
  static constexpr size_t kMaxPoints = Limits::max_samples;
  // Editing points turns the data set into "custom" with the points kept.
  // Added points join the training set. These throw ConfigError on a bad point.
  void add_point(const Point& p);
  void move_point(size_t index, double x1, double x2);
  void remove_point(size_t index);
  // Replaces all points (custom data), split by the configured ratio, or by
  // `held_out` (1 = test point, one per point) when given, as a model file does.
  void set_points(const std::vector<Point>& pts, const std::vector<char>& held_out = {});
  // Loads "x,y,label" rows; if any row is bad nothing changes and the result
  // lists every bad row by line number.
  CsvResult load_csv(std::string_view text);

  // --- training ---
  // k is bounded per call (Limits::max_epochs_per_call, max_steps_per_call)
  // and so is the total (Limits::max_epoch, max_steps); beyond, ConfigError.
  Status train_epochs(std::int64_t k);
  Status train_steps(std::int64_t k);  // k mini-batch steps; an epoch ends after a full pass
  std::int64_t epoch() const { return epoch_; }
  std::int64_t steps() const { return steps_; }
  // The next `steps` mini-batches as train_steps would take them (reshuffled at
  // epoch ends as training does); nothing changes. What the PyTorch export
  // writes out so its training order is the engine's.
  struct Batches {
    std::vector<size_t> points;  // indices into points(), batch after batch
    std::vector<size_t> sizes;   // points in each batch
  };
  Batches upcoming_batches(int steps) const;
  static constexpr long kMaxUpcomingPoints = 100 * kMaxPoints;  // points in all of them together
  Status status() const { return status_; }
  const std::string& status_message() const { return message_; }
  // Bounded: see History. history_revision() changes whenever rows change
  // other than by appending (thinning, reset, a new network, import). The
  // columns are base_history_columns() then flow_columns() of the network.
  //
  // Row 0 is epoch 0: the loss and accuracy of the weights training starts
  // from (none while there are no training points). Until the first training
  // step it is rewritten whenever the weights or the data change (reset, a new
  // network, set_parameters, set_weight, set_bias, a step-through update, point
  // edits, a model file at step 0), so it always shows where training will
  // start; from the first step on it stays as the start the run went from. Its
  // flow columns are NaN: no step has measured a gradient yet.
  const History& history() const { return history_; }
  std::uint64_t history_revision() const { return history_.revision(); }
  // Loss and accuracy of the current weights. A diverged run has no accuracy
  // (NaN): its outputs are NaN or saturated at random, and a count such as
  // 52 % would read as something learned.
  EpochStats evaluate();

  // Divergence, for teaching: training stops with Status::diverged and a
  // message naming the likely cause when, at the end of an epoch,
  //  - the training loss or a weight is not finite, or a weight passes 1e6;
  //  - the training loss is above kLossGrowthLimit times its start (the loss
  //    of the weights training started from; at least kLossFloor); or
  //  - the training loss stays above kStuckFactor times its start while the
  //    training accuracy is at chance (at most 1/classes + kChanceMargin;
  //    regression: the loss alone; not judged for a start below kLossFloor,
  //    such as a perceptron's zero weights) for about kStuckEpochs epochs: each such
  //    epoch adds 1 to a score, any other takes 0.5 off (runs thrown about by
  //    too large steps swing in and out), and the run stops at kStuckEpochs.
  // Measured by the [.divergence_teach] sweep (spiral and reg_gauss, 8,8, every
  // output unit, 6 optimizers x 14 activations, 300 epochs): see the README.
  static constexpr double kLossGrowthLimit = 1000.0, kLossFloor = 1e-3;
  static constexpr double kStuckFactor = 1.1, kChanceMargin = 0.15;
  static constexpr int kStuckEpochs = 40;

  // --- inspection ---
  const Network& network() const { return net_; }
  void set_weight(size_t layer, Eigen::Index to, Eigen::Index from, double value);
  void set_bias(size_t layer, Eigen::Index neuron, double value);
  // Replaces all weights at once (checked against the shapes); used by model import.
  void set_parameters(const std::vector<Mat>& W, const std::vector<Vec>& b);
  // Checks epoch and steps against Limits::max_epoch and max_steps; a history
  // longer than Limits::max_history is thinned as training would have.
  // `history` is one vector per column of history().columns(), of one length.
  void restore_progress(std::int64_t epoch, std::int64_t steps, const std::vector<std::vector<double>>& history);

  // --- checkpoint: what a model file holds beyond the weights, epoch and
  // history so that training goes on exactly as if never stopped ---
  // Where the shuffle is: the generator's state (it reorders the training
  // points at each epoch's end, continuing from the order before), this
  // epoch's order (indices of the training points) and the points of it used.
  struct Shuffle {
    Rng::State state{};
    std::vector<Eigen::Index> order;
    size_t position = 0;
  };
  Shuffle shuffle_state() const { return {shuffle_rng_.state(), order_, cursor_}; }
  const Optimizer& optimizer() const { return optimizer_; }
  FlowMeter::Partial epoch_flow() const { return flow_.partial(); }
  // The training loss when training started (NaN before): divergence is
  // measured against it, so a resumed run must measure against the same.
  double start_loss() const { return start_loss_; }
  double stuck_score() const { return stuck_score_; }
  // After restore_progress: the shuffle's state, order and position, the
  // optimizer's step count and state, the
  // gradient flow the epoch has added up so far and the starting loss. All
  // checked before anything changes; ConfigError names what does not fit.
  void restore_checkpoint(const Shuffle& shuffle, std::int64_t optimizer_steps, std::vector<Optimizer::Slot> slots,
                          const FlowMeter::Partial& flow, double start_loss, double stuck_score);

  Vec predict(double x1, double x2);
  SampleTrace trace(const Point& p);
  // One plain SGD step on a single point (what the step-through applies).
  void apply_sample_update(const Point& p);
  const Grid& evaluate_grid(int n, double lo = -kDomain, double hi = kDomain);
  // The data in the plane of two units of hidden layer `layer`; see HiddenSpace.
  HiddenSpace hidden_space(size_t layer, Eigen::Index u1, Eigen::Index u2, int n);

 private:
  std::vector<Eigen::Index> optimizer_sizes() const;
  void regenerate();
  void split();
  void rebuild_matrices();
  void rebuild_network();
  void reserve_buffers();
  void to_custom();
  void require_training_data() const;
  void begin_training(std::int64_t k, std::int64_t max_k, const char* what);
  void run_step();
  void end_epoch();
  void set_diverged(const std::string& why);
  void check_divergence(const EpochStats& s);
  std::string likely_cause() const;
  void refresh_start_row();  // the epoch-0 row, rewritten until the first step (see history())
  void check_weights();      // diverged once a weight is non-finite or past the limit
  void check_points(const std::vector<Point>& pts, const std::vector<char>* held_out) const;
  void check_point_or_throw(const Point& p, const std::string& field) const;
  double evaluate_set(const Mat& x, const Mat& y, int* correct);

  Config config_;
  std::vector<Point> points_;
  std::vector<char> is_test_;
  Mat x_train_, y_train_, x_test_, y_test_;  // features x samples, targets x samples

  Network net_;
  Optimizer optimizer_;
  Workspace batch_ws_, eval_ws_;
  FlowMeter flow_;
  Gradients grads_;
  Mat batch_x_, batch_y_;
  std::vector<Eigen::Index> order_;  // this epoch's order of the training points
  size_t cursor_ = 0;
  Rng shuffle_rng_{1, kShuffleStream};
  TfpLoop tfp_loop_;  // used when config_.tfp_seed is set

  std::int64_t epoch_ = 0, steps_ = 0;
  Status status_ = Status::ok;
  std::string message_;
  History history_{Limits::max_history};
  // Training loss of the weights training started from (NaN until the first
  // training call): divergence is judged against it.
  double start_loss_ = std::numeric_limits<double>::quiet_NaN();
  double stuck_score_ = 0;  // see kStuckEpochs

  Grid grid_;
  GridKernel grid_kernel_;
  std::vector<float> grid_x1_, grid_x2_;  // the pixel centres' x1 of each column, x2 of each row
};

}  // namespace nnp
