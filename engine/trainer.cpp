#include "trainer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

#include "cold.hpp"
#include "error.hpp"
#include "tfp_replay.hpp"

namespace nnp {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kWeightLimit = 1e6;  // a weight this large means the run has blown up
constexpr Eigen::Index kEvalChunk = 512;

std::string show_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

bool same_data(const Config& a, const Config& b) {
  return a.dataset == b.dataset && a.problem == b.problem && a.classes == b.classes && a.samples == b.samples &&
         a.noise == b.noise && a.seed == b.seed && a.tfp_seed == b.tfp_seed;
}
bool same_model(const Config& a, const Config& b) {
  return a.features == b.features && a.hidden == b.hidden && a.output == b.output && a.init == b.init &&
         a.seed == b.seed && a.tfp_seed == b.tfp_seed;
}
}  // namespace

NNP_COLD Trainer::Trainer(const Config& c) : config_(c) {
  validate(c);
  config_.problem = c.effective_problem();  // the task of the data in use, as config() reports it
  regenerate();
  rebuild_network();
}

NNP_COLD void Trainer::check_points(const std::vector<Point>& pts, const std::vector<char>* held_out) const {
  if (pts.size() > kMaxPoints)
    fail("points", std::to_string(pts.size()) + " points", "at most " + std::to_string(kMaxPoints));
  if (held_out && !held_out->empty() && held_out->size() != pts.size())
    fail("points (train/test flags)", std::to_string(held_out->size()), std::to_string(pts.size()) + ", one per point");
}

NNP_COLD void Trainer::configure(const Config& c, const std::vector<Point>* points, const std::vector<char>* held_out) {
  validate(c);
  // Everything is checked before anything changes.
  Config next = c;
  // The task of the data in use (c.problem is read for custom data only).
  next.problem = c.effective_problem();
  if (points) {
    check_points(*points, held_out);
    // As set_points() does: the data becomes custom, keeping the task.
    next.problem = c.effective_problem();
    if (next.problem == Problem::classification) next.classes = c.class_count();
    next.dataset = DatasetKind::custom;
    next.tfp_seed.clear();  // points of one's own are not TensorFlow Playground's
    for (size_t i = 0; i < points->size(); ++i)
      if (const std::string why = check_point((*points)[i], next.class_count()); !why.empty())
        throw ConfigError("points[" + std::to_string(i) + "]: " + why);
  } else if (next.dataset == DatasetKind::custom) {
    // The current points are kept (from custom data or a generated set): they
    // must fit the new task, or a label would index past the targets.
    const int classes = next.class_count();
    const bool to_regression = next.problem == Problem::regression;
    const bool task_changed = config_.effective_problem() != next.problem || config_.class_count() != classes;
    for (size_t i = 0; i < points_.size(); ++i)
      if (const std::string why = check_point(points_[i], classes); !why.empty())
        fail(task_changed ? (to_regression ? "problem" : "classes") : "dataset",
             to_regression ? "\"regression\"" : std::to_string(next.classes),
             "a task that fits the current points (point " + std::to_string(i) + ": " + why + ")");
  }

  const Config old = config_;
  config_ = next;
  const bool data_changed =
      !same_data(old, next) && !(c.dataset == DatasetKind::custom && old.dataset == DatasetKind::custom);
  if (points) {
    points_ = *points;
    if (held_out && !held_out->empty())
      is_test_ = *held_out;
    else
      split();
  } else if (data_changed) {
    regenerate();
  } else if (old.train_ratio != c.train_ratio) {
    split();
  }
  if (data_changed || old.train_ratio != c.train_ratio || !same_model(old, c) || old.classes != c.classes ||
      old.problem != next.problem) {
    rebuild_network();
    return;
  }
  // Only training settings (or only the points) changed: keep weights, epoch and history.
  if (old.optimizer.kind != c.optimizer.kind) optimizer_.reset(optimizer_sizes());
  if (points)
    rebuild_matrices();
  else if (old.batch_size != c.batch_size)
    reserve_buffers();
}

NNP_COLD std::vector<Eigen::Index> Trainer::optimizer_sizes() const {
  std::vector<Eigen::Index> sizes;
  for (const auto& l : net_.layers()) {
    sizes.push_back(l.W.size());
    sizes.push_back(l.b.size());
  }
  return sizes;
}

NNP_COLD void Trainer::regenerate() {
  if (config_.dataset == DatasetKind::custom) return;  // custom points live in points_
  if (!config_.tfp_seed.empty()) {
    points_ = tfp_points(config_);
    split();
    return;
  }
  points_ = generate(config_.dataset, config_.samples, config_.noise, config_.classes, config_.seed);
  split();
}

NNP_COLD void Trainer::split() {
  const size_t n = points_.size();
  is_test_.assign(n, 0);
  if (!dataset_info(config_.dataset).split || n == 0) return;  // nothing to hold out of a truth table
  if (!config_.tfp_seed.empty()) {                             // the points are shuffled already: the head trains
    for (size_t i = tfp_train_count(n, config_.train_ratio); i < n; ++i) is_test_[i] = 1;
    return;
  }
  // A seeded permutation decides which points are held out.
  std::vector<size_t> perm(n);
  std::iota(perm.begin(), perm.end(), 0);
  Rng rng(config_.seed, kSplitStream);
  shuffle(perm, rng);
  const size_t n_train = std::clamp<size_t>(static_cast<size_t>(std::lround(config_.train_ratio * double(n))), 1, n);
  for (size_t i = n_train; i < n; ++i) is_test_[perm[i]] = 1;
}

NNP_COLD void Trainer::rebuild_matrices() {
  const auto F = static_cast<Eigen::Index>(config_.features.size());
  const auto K = static_cast<Eigen::Index>(output_width(config_.output, config_.class_count()));
  const auto n_test = static_cast<Eigen::Index>(std::count(is_test_.begin(), is_test_.end(), 1));
  const auto n_train = static_cast<Eigen::Index>(points_.size()) - n_test;
  x_train_.resize(F, n_train);
  y_train_.resize(K, n_train);
  x_test_.resize(F, n_test);
  y_test_.resize(K, n_test);
  const Task task = config_.task();
  Eigen::Index tr = 0, te = 0;
  for (size_t i = 0; i < points_.size(); ++i) {
    const Point& p = points_[i];
    Mat& x = is_test_[i] ? x_test_ : x_train_;
    Mat& y = is_test_[i] ? y_test_ : y_train_;
    const Eigen::Index col = is_test_[i] ? te++ : tr++;
    compute_features<double>(config_.features, p.x1, p.x2, x, col);
    encode_target(config_.output, task, p.label, y.col(col));
  }
  reserve_buffers();
  refresh_start_row();  // the data changed: so did the loss at epoch 0
}

NNP_COLD void Trainer::reserve_buffers() {
  const Eigen::Index n_train = x_train_.cols();
  const Eigen::Index batch = std::max<Eigen::Index>(1, std::min<Eigen::Index>(config_.batch_size, n_train));
  net_.reserve(batch_ws_, batch);
  net_.reserve(eval_ws_, kEvalChunk);
  net_.reserve(grads_);
  batch_x_.resize(x_train_.rows(), batch);
  batch_y_.resize(y_train_.rows(), batch);
  order_.resize(static_cast<size_t>(n_train));
  std::iota(order_.begin(), order_.end(), 0);
  if (config_.shuffle) shuffle(order_, shuffle_rng_);
  cursor_ = 0;
  flow_.reset(net_);  // a new epoch starts
}

NNP_COLD void Trainer::rebuild_network() {
  std::vector<std::pair<int, ActivationFn>> hidden;
  for (const auto& h : config_.hidden) hidden.emplace_back(h.width, h.activation);
  net_ =
      Network(static_cast<int>(config_.features.size()), hidden, output_width(config_.output, config_.class_count()));
  std::vector<std::string> columns = base_history_columns();
  for (auto& c : flow_columns(net_.layers().size())) columns.push_back(std::move(c));
  history_.set_columns(std::move(columns));
  reset();
}

NNP_COLD void Trainer::reset() {
  if (config_.tfp_seed.empty())
    net_.initialize(config_.init, config_.seed);
  else
    tfp_initialize(config_, net_);
  tfp_loop_.reset(net_);
  optimizer_.reset(optimizer_sizes());
  shuffle_rng_ = Rng(config_.seed, kShuffleStream);
  epoch_ = steps_ = 0;
  status_ = Status::ok;
  message_.clear();
  rebuild_matrices();  // and the epoch-0 row of these weights
}

// Rule: row 0 is the loss of the weights training starts from. Until the
// first step it follows every change of weights or data; afterwards it is the
// start the run is judged against and stays (a point added at epoch 7 does not
// rewrite where the run began).
NNP_COLD void Trainer::refresh_start_row() {
  if (epoch_ != 0 || steps_ != 0) return;
  history_.clear();
  start_loss_ = kNaN;
  stuck_score_ = 0;
  if (x_train_.cols() == 0) return;  // no loss without training points: no row
  const EpochStats s = evaluate();
  // The flow columns are left NaN (History::push): no step has measured a gradient.
  history_.push({0.0, s.train_loss, s.test_loss, s.train_accuracy, s.test_accuracy});
}

// --- data ---

NNP_COLD void Trainer::check_point_or_throw(const Point& p, const std::string& field) const {
  if (const std::string why = check_point(p, config_.class_count()); !why.empty())
    throw ConfigError(field + ": " + why);
}

NNP_COLD void Trainer::to_custom() {
  if (config_.dataset == DatasetKind::custom) return;
  // Keep the task: the generated data's classes or values carry over.
  config_.problem = config_.effective_problem();
  if (config_.problem == Problem::classification) config_.classes = config_.class_count();
  config_.dataset = DatasetKind::custom;
  config_.tfp_seed.clear();  // edited points end the exact replay
}

NNP_COLD void Trainer::add_point(const Point& p) {
  check_point_or_throw(p, "point");
  if (points_.size() >= kMaxPoints)
    throw ConfigError("point: there are already " + std::to_string(kMaxPoints) + " points, the most allowed");
  to_custom();
  points_.push_back(p);
  is_test_.push_back(0);
  rebuild_matrices();
}

NNP_COLD void Trainer::move_point(size_t index, double x1, double x2) {
  if (index >= points_.size())
    fail("point index", std::to_string(index), "an index below " + std::to_string(points_.size()));
  Point p = points_[index];
  p.x1 = x1;
  p.x2 = x2;
  check_point_or_throw(p, "point");
  to_custom();
  points_[index] = p;
  rebuild_matrices();
}

NNP_COLD void Trainer::remove_point(size_t index) {
  if (index >= points_.size())
    fail("point index", std::to_string(index), "an index below " + std::to_string(points_.size()));
  to_custom();
  points_.erase(points_.begin() + static_cast<std::ptrdiff_t>(index));
  is_test_.erase(is_test_.begin() + static_cast<std::ptrdiff_t>(index));
  rebuild_matrices();
}

NNP_COLD void Trainer::set_points(const std::vector<Point>& pts, const std::vector<char>& held_out) {
  configure(config_, &pts, &held_out);
}

NNP_COLD CsvResult Trainer::load_csv(std::string_view text) {
  CsvResult r = parse_csv(text, config_.class_count(), kMaxPoints);
  if (r.errors.empty()) set_points(r.points);
  return r;
}

// --- training ---

void Trainer::run_step() {
  if (!config_.tfp_seed.empty()) {
    // TensorFlow Playground's loop: one call is one weight update or the end of a pass.
    const TfpLoop::Result r = tfp_loop_.run(config_, net_, x_train_, y_train_);
    if (r.updated) ++steps_;
    if (r.pass_done) end_epoch();
    return;
  }
  const auto n_train = static_cast<size_t>(x_train_.cols());
  const Eigen::Index b = std::min<Eigen::Index>(batch_x_.cols(), static_cast<Eigen::Index>(n_train - cursor_));
  for (Eigen::Index j = 0; j < b; ++j) {
    const Eigen::Index src = order_[cursor_ + static_cast<size_t>(j)];
    batch_x_.col(j) = x_train_.col(src);
    batch_y_.col(j) = y_train_.col(src);
  }
  const auto x = batch_x_.leftCols(b);
  net_.forward(x, batch_ws_);
  output_gradient(config_.output, batch_ws_.z.back().leftCols(b), batch_y_.leftCols(b),
                  batch_ws_.delta.back().leftCols(b));
  net_.backward(x, batch_ws_, grads_);
  flow_.add_step(net_, batch_ws_, b, grads_);
  optimizer_.begin_step();
  auto& layers = net_.layers();
  const double decay = config_.optimizer.learning_rate * config_.reg_rate;
  for (size_t l = 0; l < layers.size(); ++l) {
    optimizer_.step(config_.optimizer, 2 * l, layers[l].W.data(), grads_.dW[l].data());
    optimizer_.step(config_.optimizer, 2 * l + 1, layers[l].b.data(), grads_.db[l].data());
    if (config_.regularization != Regularization::none && decay > 0)
      apply_penalty_step(config_.regularization, decay, layers[l].W);
  }
  ++steps_;
  cursor_ += static_cast<size_t>(b);
  if (cursor_ >= n_train) end_epoch();
}

void Trainer::end_epoch() {
  ++epoch_;
  cursor_ = 0;
  if (config_.shuffle) shuffle(order_, shuffle_rng_);
  EpochStats s = evaluate();
  check_divergence(s);
  // The epoch that diverged records no accuracy either (see evaluate()).
  if (status_ != Status::ok) s.train_accuracy = s.test_accuracy = kNaN;
  std::vector<double> row{static_cast<double>(s.epoch), s.train_loss, s.test_loss, s.train_accuracy, s.test_accuracy};
  flow_.finish(row);
  history_.push(row);
}

// Once per epoch, and its messages are strings: built for size (cold.hpp).
NNP_COLD void Trainer::check_divergence(const EpochStats& s) {
  if (!std::isfinite(s.train_loss)) {
    set_diverged("the training loss became " + std::string(std::isnan(s.train_loss) ? "NaN" : "infinite"));
    return;
  }
  // A finite loss can still have run away: losses such as cross-entropy and
  // squared error on a linear unit grow without bound as the weights do.
  const double reference = std::max(start_loss_, kLossFloor);
  if (s.train_loss > kLossGrowthLimit * reference) {
    set_diverged("the training loss grew from " + show_number(start_loss_) + " to " + show_number(s.train_loss) +
                 ", more than " + show_number(kLossGrowthLimit) + " times its starting value");
    return;
  }
  check_weights();
  // A start at (nearly) zero loss, as a perceptron's zero weights give, is no
  // level to be judged against: any error at all would lie far above it.
  if (status_ != Status::ok || !(start_loss_ >= kLossFloor)) return;
  // Bounded losses (tanh with squared error, hinge) cannot run away: a run
  // thrown about by too large steps sits above its start guessing. Chance is
  // 1/classes (half for two classes); a regression has only its loss. Such runs
  // swing, so an epoch below the line takes back only half an epoch above it.
  const int classes = config_.class_count();
  const bool at_chance = classes == 0 || !(s.train_accuracy > 1.0 / static_cast<double>(classes) + kChanceMargin);
  stuck_score_ =
      s.train_loss > kStuckFactor * reference && at_chance ? stuck_score_ + 1.0 : std::max(0.0, stuck_score_ - 0.5);
  if (stuck_score_ >= kStuckEpochs)
    set_diverged("the training loss has stayed above " + show_number(kStuckFactor) + " times its starting value " +
                 show_number(start_loss_) + " for about " + std::to_string(kStuckEpochs) + " epochs (now " +
                 show_number(s.train_loss) + ")" +
                 (classes ? " with the training accuracy at chance (" + show_number(100.0 * s.train_accuracy) +
                                " %; one class in " + std::to_string(classes) + " is " +
                                show_number(100.0 / static_cast<double>(classes)) + " %)"
                          : ""));
}

// What a student can change: the step size of the optimizer in use.
NNP_COLD std::string Trainer::likely_cause() const {
  const char* name = "";
  for (const auto& o : optimizer_table())
    if (o.kind == config_.optimizer.kind) name = o.name;
  return "learning rate " + show_number(config_.optimizer.learning_rate) + " is likely too high for " + name +
         " on this network";
}

void Trainer::check_weights() {
  for (const auto& l : net_.layers()) {
    const double m = std::max(l.W.cwiseAbs().maxCoeff(), l.b.cwiseAbs().maxCoeff());
    if (!(m < kWeightLimit)) {
      set_diverged(std::isfinite(m) ? "a weight grew past 1e6" : "a weight became NaN or infinite");
      return;
    }
  }
}

NNP_COLD void Trainer::set_diverged(const std::string& why) {
  status_ = Status::diverged;
  message_ = "Diverged at epoch " + std::to_string(epoch_) + ": " + why + ". The " + likely_cause() +
             ". Lower the learning rate, then reset.";
}

void Trainer::require_training_data() const {
  if (x_train_.cols() == 0) throw ConfigError("data: there are no training points; add some first");
}

void Trainer::begin_training(std::int64_t k, std::int64_t max_k, const char* what) {
  if (k < 0 || k > max_k)
    fail(what, std::to_string(k), "a whole number from 0 to " + std::to_string(max_k) + " per call");
  // Each step or epoch adds at most one epoch and one step.
  if (epoch_ > Limits::max_epoch - k || steps_ > Limits::max_steps - k)
    fail(what, std::to_string(k),
         "at most " + std::to_string(Limits::max_epoch) + " epochs and " + std::to_string(Limits::max_steps) +
             " steps in all (the run is at epoch " + std::to_string(epoch_) + "); reset to train on");
  require_training_data();
  if (std::isnan(start_loss_)) {
    start_loss_ = evaluate().train_loss;
    stuck_score_ = 0;
  }
}

Status Trainer::train_steps(std::int64_t k) {
  begin_training(k, Limits::max_steps_per_call, "steps");
  // In the replay a step is a weight update; the end of a pass between two
  // updates is not one (unless a batch never fills: then a pass is a step).
  const bool by_updates = !config_.tfp_seed.empty() && static_cast<size_t>(config_.batch_size) <= train_size();
  for (std::int64_t i = 0; i < k && status_ == Status::ok; ++i) {
    const std::int64_t before = steps_;
    do run_step();
    while (by_updates && steps_ == before && status_ == Status::ok);
  }
  // Steps that end inside an epoch never reach end_epoch's check: a few steps
  // at a high learning rate can take the weights to infinity and NaN.
  if (status_ == Status::ok) check_weights();
  return status_;
}

Status Trainer::train_epochs(std::int64_t k) {
  begin_training(k, Limits::max_epochs_per_call, "epochs");
  for (std::int64_t e = 0; e < k && status_ == Status::ok; ++e) {
    const std::int64_t start = epoch_;
    while (epoch_ == start && status_ == Status::ok) run_step();
  }
  return status_;
}

double Trainer::evaluate_set(const Mat& x, const Mat& y, int* correct) {
  const Eigen::Index n = x.cols();
  if (n == 0) return kNaN;
  double total = 0;
  for (Eigen::Index start = 0; start < n; start += kEvalChunk) {
    const Eigen::Index m = std::min(kEvalChunk, n - start);
    net_.forward(x.middleCols(start, m), eval_ws_);
    const auto z = eval_ws_.z.back().leftCols(m);
    total += output_loss(config_.output, z, y.middleCols(start, m)) * static_cast<double>(m);
    if (correct) *correct += count_correct(config_.output, z, y.middleCols(start, m));
  }
  return total / static_cast<double>(n);
}

EpochStats Trainer::evaluate() {
  EpochStats s;
  s.epoch = epoch_;
  const bool classify = config_.task() != Task::regression && status_ == Status::ok;
  int train_correct = 0, test_correct = 0;
  s.train_loss = evaluate_set(x_train_, y_train_, classify ? &train_correct : nullptr);
  s.test_loss = evaluate_set(x_test_, y_test_, classify ? &test_correct : nullptr);
  s.train_accuracy = classify && x_train_.cols() ? double(train_correct) / double(x_train_.cols()) : kNaN;
  s.test_accuracy = classify && x_test_.cols() ? double(test_correct) / double(x_test_.cols()) : kNaN;
  return s;
}

// --- inspection ---

NNP_COLD void Trainer::set_weight(size_t layer, Eigen::Index to, Eigen::Index from, double value) {
  auto& layers = net_.layers();
  if (layer >= layers.size()) fail("layer", std::to_string(layer), "an index below " + std::to_string(layers.size()));
  Mat& W = layers[layer].W;
  if (to < 0 || to >= W.rows()) fail("to", std::to_string(to), "a neuron index below " + std::to_string(W.rows()));
  if (from < 0 || from >= W.cols())
    fail("from", std::to_string(from), "an input index below " + std::to_string(W.cols()));
  if (!std::isfinite(value) || std::abs(value) >= kWeightLimit)
    fail("weight", std::isfinite(value) ? show_number(value) : "a non-finite number", "a number between -1e6 and 1e6");
  W(to, from) = value;
  refresh_start_row();
}

NNP_COLD void Trainer::set_bias(size_t layer, Eigen::Index neuron, double value) {
  auto& layers = net_.layers();
  if (layer >= layers.size()) fail("layer", std::to_string(layer), "an index below " + std::to_string(layers.size()));
  Vec& b = layers[layer].b;
  if (neuron < 0 || neuron >= b.size())
    fail("neuron", std::to_string(neuron), "an index below " + std::to_string(b.size()));
  if (!std::isfinite(value) || std::abs(value) >= kWeightLimit)
    fail("bias", std::isfinite(value) ? show_number(value) : "a non-finite number", "a number between -1e6 and 1e6");
  b(neuron) = value;
  refresh_start_row();
}

NNP_COLD void Trainer::set_parameters(const std::vector<Mat>& W, const std::vector<Vec>& b) {
  auto& layers = net_.layers();
  if (W.size() != layers.size() || b.size() != layers.size())
    fail("layers", std::to_string(W.size()) + " layers", std::to_string(layers.size()) + " as the configuration says");
  for (size_t l = 0; l < layers.size(); ++l) {
    const std::string f = "layers[" + std::to_string(l) + "]";
    if (W[l].rows() != layers[l].W.rows() || W[l].cols() != layers[l].W.cols())
      fail(f + ".weights", std::to_string(W[l].rows()) + "x" + std::to_string(W[l].cols()),
           std::to_string(layers[l].W.rows()) + "x" + std::to_string(layers[l].W.cols()));
    if (b[l].size() != layers[l].b.size())
      fail(f + ".biases", std::to_string(b[l].size()) + " values", std::to_string(layers[l].b.size()));
    if (!W[l].allFinite() || !b[l].allFinite()) fail(f, "a non-finite value", "finite numbers");
    // What typing a weight allows (set_weight); beyond it the run has diverged.
    const double m = std::max(W[l].cwiseAbs().maxCoeff(), b[l].size() ? b[l].cwiseAbs().maxCoeff() : 0.0);
    if (m >= kWeightLimit) fail(f, "a weight of " + show_number(m), "weights and biases between -1e6 and 1e6");
  }
  for (size_t l = 0; l < layers.size(); ++l) {
    layers[l].W = W[l];
    layers[l].b = b[l];
  }
  refresh_start_row();
}

NNP_COLD void Trainer::restore_progress(std::int64_t epoch, std::int64_t steps,
                                        const std::vector<std::vector<double>>& history) {
  if (epoch < 0 || epoch > Limits::max_epoch)
    fail("epoch", std::to_string(epoch), "a whole number from 0 to " + std::to_string(Limits::max_epoch));
  if (steps < 0 || steps > Limits::max_steps)
    fail("steps", std::to_string(steps), "a whole number from 0 to " + std::to_string(Limits::max_steps));
  epoch_ = epoch;
  steps_ = steps;
  history_.replace(history);
  start_loss_ = kNaN;
  cursor_ = 0;
  flow_.reset(net_);
  stuck_score_ = 0;
  // A file saved before any step: its epoch-0 row is that of the weights and
  // points now loaded (files before epoch 0 was recorded have none).
  refresh_start_row();
}

NNP_COLD void Trainer::restore_checkpoint(const Shuffle& shuffle, std::int64_t optimizer_steps,
                                          std::vector<Optimizer::Slot> slots, const FlowMeter::Partial& flow,
                                          double start_loss, double stuck_score) {
  const size_t n = train_size();
  if (shuffle.position != 0 && shuffle.position >= n)
    fail("shuffle.position", std::to_string(shuffle.position),
         "a whole number below the " + std::to_string(n) + " training points");
  if (shuffle.order.size() != n)
    fail("shuffle.order", std::to_string(shuffle.order.size()) + " indices",
         "one per training point (" + std::to_string(n) + ")");
  std::vector<char> seen(n, 0);  // a permutation: each training point once
  for (size_t i = 0; i < n; ++i) {
    const Eigen::Index k = shuffle.order[i];
    if (k < 0 || static_cast<size_t>(k) >= n || seen[static_cast<size_t>(k)])
      fail("shuffle.order[" + std::to_string(i) + "]", std::to_string(k),
           "each of 0 to " + std::to_string(n - 1) + " once (an order of the training points)");
    seen[static_cast<size_t>(k)] = 1;
  }
  // xoshiro256** never leaves the all-zero state, nor reaches it.
  if (shuffle.state == Rng::State{}) fail("shuffle.state", "four zeros", "the generator's state (not all zero)");
  // Every loss is >= 0; NaN: training has not started.
  if (!std::isnan(start_loss) && !(std::isfinite(start_loss) && start_loss >= 0))
    fail("start_loss", show_number(start_loss), "a number >= 0, or null before training started");
  // Counts in halves from 0; at kStuckEpochs the run would have stopped.
  if (!(stuck_score >= 0 && stuck_score < kStuckEpochs) || stuck_score * 2 != std::floor(stuck_score * 2))
    fail("stuck_score", show_number(stuck_score),
         "a count of half epochs from 0 to below " + std::to_string(kStuckEpochs));
  // On copies: all or nothing.
  Optimizer optimizer = optimizer_;
  optimizer.restore(optimizer_steps, std::move(slots));
  FlowMeter meter = flow_;
  meter.restore(flow);
  optimizer_ = std::move(optimizer);
  flow_ = std::move(meter);
  order_ = shuffle.order;
  cursor_ = shuffle.position;
  shuffle_rng_ = Rng::from_state(shuffle.state);
  start_loss_ = start_loss;
  stuck_score_ = stuck_score;
}

Vec Trainer::predict(double x1, double x2) {
  Mat x(config_.features.size(), 1);
  compute_features<double>(config_.features, x1, x2, x, 0);
  net_.forward(x, eval_ws_);
  Mat a(eval_ws_.z.back().rows(), 1);
  output_activate<double>(config_.output, eval_ws_.z.back().leftCols(1), a);
  return a.col(0);
}

SampleTrace Trainer::trace(const Point& p) {
  check_point_or_throw(p, "point");
  const auto F = static_cast<Eigen::Index>(config_.features.size());
  Mat x(F, 1), y(output_width(config_.output, config_.class_count()), 1);
  compute_features<double>(config_.features, p.x1, p.x2, x, 0);
  encode_target(config_.output, config_.task(), p.label, y.col(0));
  Workspace ws;
  Gradients g;
  net_.reserve(ws, 1);
  net_.reserve(g);
  net_.forward(x, ws);
  output_gradient(config_.output, ws.z.back(), y, ws.delta.back());
  net_.backward(x, ws, g);
  SampleTrace t;
  t.input = x.col(0);
  t.target = y.col(0);
  Mat out(y.rows(), 1);
  output_activate<double>(config_.output, ws.z.back(), out);
  t.output = out.col(0);
  t.loss = output_loss(config_.output, ws.z.back(), y);
  for (size_t l = 0; l < ws.z.size(); ++l) {
    t.z.push_back(ws.z[l].col(0));
    t.a.push_back(l + 1 == ws.z.size() ? t.output : Vec(ws.a[l].col(0)));
    t.delta.push_back(ws.delta[l].col(0));
    t.dW.push_back(g.dW[l]);
    t.db.push_back(g.db[l]);
  }
  return t;
}

void Trainer::apply_sample_update(const Point& p) {
  const SampleTrace t = trace(p);
  const double lr = config_.optimizer.learning_rate;
  auto& layers = net_.layers();
  for (size_t l = 0; l < layers.size(); ++l) {
    layers[l].W -= lr * t.dW[l];
    layers[l].b -= lr * t.db[l];
  }
  check_weights();  // one update by hand can blow up as training can
  refresh_start_row();
}

const Grid& Trainer::evaluate_grid(int n, double lo, double hi) {
  check_in_range("grid size", n, ranges::grid);
  if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo < hi) || std::abs(lo) > Limits::max_grid_bound ||
      std::abs(hi) > Limits::max_grid_bound)
    fail("grid bounds", show_number(lo) + " to " + show_number(hi),
         "finite bounds lo < hi within -" + show_number(Limits::max_grid_bound) + " to " +
             show_number(Limits::max_grid_bound));
  const auto& layers = net_.layers();
  const auto F = static_cast<Eigen::Index>(config_.features.size());
  // Map layout: inputs, then every layer's neurons.
  grid_.map_start.assign(1, 0);
  int maps = static_cast<int>(F);
  for (const auto& l : layers) {
    grid_.map_start.push_back(maps);
    maps += static_cast<int>(l.W.rows());
  }
  grid_.n = n;
  grid_.maps = maps;
  grid_.lo = lo;
  grid_.hi = hi;
  const size_t pixels = size_t(n) * size_t(n);
  grid_.values.resize(size_t(maps) * pixels);

  // The input maps, then every neuron's map in float (grid_kernel.hpp).
  const double h = (hi - lo) / n;
  grid_x1_.resize(size_t(n));
  grid_x2_.resize(size_t(n));
  for (int j = 0; j < n; ++j) grid_x1_[size_t(j)] = static_cast<float>(lo + (double(j) + 0.5) * h);
  for (int i = 0; i < n; ++i) grid_x2_[size_t(i)] = static_cast<float>(hi - (double(i) + 0.5) * h);
  float* out = grid_.values.data();
  compute_feature_grid(config_.features, grid_x1_, grid_x2_, out);
  grid_kernel_.load(net_);
  grid_kernel_.run(net_, config_.output, out, pixels);
  return grid_;
}

HiddenSpace Trainer::hidden_space(size_t layer, Eigen::Index u1, Eigen::Index u2, int n) {
  const auto& layers = net_.layers();
  if (layers.size() < 2 || layer + 1 >= layers.size())
    fail("layer", std::to_string(layer),
         layers.size() < 2 ? "a hidden layer (this network has none)"
                           : "a hidden layer index below " + std::to_string(layers.size() - 1));
  const Eigen::Index width = layers[layer].W.rows();
  if (width < 2) fail("layer", std::to_string(layer), "a layer of at least two units (it has one)");
  for (const auto& [name, u] : {std::pair{"unit 1", u1}, std::pair{"unit 2", u2}})
    if (u < 0 || u >= width) fail(name, std::to_string(u), "a unit index below " + std::to_string(width));
  if (u1 == u2) fail("unit 2", std::to_string(u2), "a unit other than unit 1");
  if (n < 2 || n > Limits::max_grid) fail("grid size", std::to_string(n), "a whole number from 2 to 200");

  HiddenSpace hs;
  hs.layer = layer;
  hs.u1 = u1;
  hs.u2 = u2;
  hs.n = n;
  const auto F = static_cast<Eigen::Index>(config_.features.size());
  const auto K = layers.back().W.rows();
  hs.outputs = static_cast<int>(K);

  // The data points through the network to the layer.
  const auto P = static_cast<Eigen::Index>(points_.size());
  Mat x(F, std::max<Eigen::Index>(P, 1));
  for (Eigen::Index i = 0; i < P; ++i)
    compute_features<double>(config_.features, points_[size_t(i)].x1, points_[size_t(i)].x2, x, i);
  Workspace ws;
  net_.reserve(ws, std::max<Eigen::Index>(P, 1));
  Vec held = Vec::Zero(width);  // the other units' value: their mean over the data
  if (P > 0) {
    net_.forward(x.leftCols(P), ws);
    held = ws.a[layer].leftCols(P).rowwise().mean();
    hs.points.resize(size_t(P) * 2);
    for (Eigen::Index i = 0; i < P; ++i) {
      hs.points[size_t(2 * i)] = ws.a[layer](u1, i);
      hs.points[size_t(2 * i + 1)] = ws.a[layer](u2, i);
    }
  }

  // The input plane's grid lines through the network to the layer.
  constexpr int L = HiddenSpace::kLines, M = HiddenSpace::kLinePoints;
  Mat lx(F, 2 * L * M);
  for (int d = 0; d < 2; ++d)
    for (int i = 0; i < L; ++i)
      for (int k = 0; k < M; ++k) {
        const double fixed = -kDomain + 2 * kDomain * i / (L - 1), along = -kDomain + 2 * kDomain * k / (M - 1);
        compute_features<double>(config_.features, d == 0 ? fixed : along, d == 0 ? along : fixed, lx,
                                 (d * L + i) * M + k);
      }
  Workspace lws;
  net_.reserve(lws, lx.cols());
  net_.forward(lx, lws);
  hs.lines.resize(size_t(lx.cols()) * 2);
  for (Eigen::Index c = 0; c < lx.cols(); ++c) {
    hs.lines[size_t(2 * c)] = lws.a[layer](u1, c);
    hs.lines[size_t(2 * c + 1)] = lws.a[layer](u2, c);
  }

  // Bounds: the points' range (the lines' when there are no points) with a margin.
  const std::vector<double>& src = P > 0 ? hs.points : hs.lines;
  double xl = src[0], xh = src[0], yl = src[1], yh = src[1];
  for (size_t i = 0; i + 1 < src.size(); i += 2) {
    xl = std::min(xl, src[i]);
    xh = std::max(xh, src[i]);
    yl = std::min(yl, src[i + 1]);
    yh = std::max(yh, src[i + 1]);
  }
  const double mx = std::max(0.1, 0.1 * (xh - xl)), my = std::max(0.1, 0.1 * (yh - yl));
  hs.x_lo = xl - mx;
  hs.x_hi = xh + mx;
  hs.y_lo = yl - my;
  hs.y_hi = yh + my;

  // The rest of the network over the plane.
  const Eigen::Index pixels = Eigen::Index(n) * n;
  Mat a(width, pixels);
  const double hx = (hs.x_hi - hs.x_lo) / n, hy = (hs.y_hi - hs.y_lo) / n;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      auto col = a.col(i * n + j);
      col = held;
      col(u1) = hs.x_lo + (double(j) + 0.5) * hx;
      col(u2) = hs.y_hi - (double(i) + 0.5) * hy;
    }
  Workspace gws;
  net_.reserve(gws, pixels);
  net_.forward_from<double>(layer + 1, a, gws);
  Mat out(K, pixels);
  output_activate<double>(config_.output, gws.z.back(), out);
  hs.output.resize(size_t(K * pixels));
  for (Eigen::Index k = 0; k < K; ++k)
    for (Eigen::Index p = 0; p < pixels; ++p) hs.output[size_t(k * pixels + p)] = static_cast<float>(out(k, p));
  return hs;
}

}  // namespace nnp
