// Training sessions: small networks learn the toy problems within a bounded
// number of epochs, runs are reproducible, blow-ups are reported, and
// configure() keeps or resets what it documents.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <vector>

#include "error.hpp"
#include "helpers.hpp"
#include "model_io.hpp"
#include "trainer.hpp"

using namespace nnp;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// Trains up to `max_epochs` and returns the first epoch at which `done`
// holds, or -1.
long epochs_until(Trainer& t, int max_epochs, const std::function<bool(const EpochStats&)>& done) {
  for (int i = 0; i < max_epochs; ++i) {
    if (t.train_epochs(1) != Status::ok) return -1;
    if (done(t.history().back())) return t.epoch();
  }
  return -1;
}

auto test_accuracy_at_least(double a) {
  return [a](const EpochStats& s) { return s.test_accuracy >= a; };
}

HiddenLayer tanh_layer(int width) { return {width, {Activation::tanh, 0}}; }

Config spiral_w2(std::uint64_t seed) {
  // W2's network: seven features, six hidden layers of 8 tanh, SGD at 0.03, batch 10.
  Config c;
  c.dataset = DatasetKind::spiral;
  c.samples = 500;
  c.train_ratio = 0.5;
  c.seed = seed;
  c.features = {Feature::x1,   Feature::x2,     Feature::x1sq,  Feature::x2sq,
                Feature::x1x2, Feature::sin_x1, Feature::sin_x2};
  c.hidden.assign(6, tanh_layer(8));
  c.output = Output::tanh_mse;
  c.optimizer.kind = OptimizerKind::sgd;
  c.optimizer.learning_rate = 0.03;
  c.batch_size = 10;
  return c;
}

using nnp::testing::weights_of;

// upcoming_batches as one list of point indices per batch.
std::vector<std::vector<size_t>> batches_of(const Trainer::Batches& b) {
  std::vector<std::vector<size_t>> out;
  size_t start = 0;
  for (size_t n : b.sizes) {
    out.emplace_back(b.points.begin() + static_cast<std::ptrdiff_t>(start),
                     b.points.begin() + static_cast<std::ptrdiff_t>(start + n));
    start += n;
  }
  CHECK(start == b.points.size());
  return out;
}

}  // namespace

// --- convergence ---

TEST_CASE("circle: the default 2-4-2-1 tanh network reaches 95 % test accuracy within 300 epochs",
          "[training][convergence]") {
  for (std::uint64_t seed : {1, 2, 3}) {
    Config c;  // circle, x1 x2, 4-2 tanh, tanh_mse, SGD 0.03, batch 10
    c.seed = seed;
    Trainer t(c);
    INFO("seed " << seed);
    CHECK(epochs_until(t, 300, test_accuracy_at_least(0.95)) > 0);  // seeds 1-5 need 20-62
  }
}

TEST_CASE("xor: an 8-4 tanh network reaches 95 % test accuracy within 200 epochs", "[training][convergence]") {
  for (std::uint64_t seed : {1, 2, 3}) {
    Config c;
    c.dataset = DatasetKind::xor_;
    c.hidden = {tanh_layer(8), tanh_layer(4)};
    c.seed = seed;
    Trainer t(c);
    INFO("seed " << seed);
    CHECK(epochs_until(t, 200, test_accuracy_at_least(0.95)) > 0);  // seeds 1-5 need 8-23
  }
}

TEST_CASE("gauss: one neuron (no hidden layer) reaches 95 % test accuracy within 50 epochs",
          "[training][convergence]") {
  for (double noise : {0.0, 0.1}) {
    Config c;
    c.dataset = DatasetKind::gauss;
    c.noise = noise;
    c.hidden = {};
    Trainer t(c);
    INFO("noise " << noise);
    CHECK(epochs_until(t, 50, test_accuracy_at_least(0.95)) > 0);
  }
}

TEST_CASE("spiral: W2's network (six layers of 8 tanh, SGD 0.03) reaches 90 % test accuracy within 400 epochs",
          "[training][convergence]") {
  // Seeds 1-5 need 52-81 epochs without noise, 46-97 with noise 0.2.
  for (double noise : {0.0, 0.2}) {
    for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
      Config c = spiral_w2(seed);
      c.noise = noise;
      Trainer t(c);
      INFO("seed " << seed << " noise " << noise);
      CHECK(epochs_until(t, 400, test_accuracy_at_least(0.90)) > 0);
    }
  }
}

TEST_CASE("blobs: 3 classes with softmax_ce reach 95 % test accuracy within 50 epochs", "[training][convergence]") {
  for (double noise : {0.0, 0.1}) {
    Config c;
    c.dataset = DatasetKind::blobs;
    c.classes = 3;
    c.noise = noise;
    c.hidden = {tanh_layer(4)};
    c.output = Output::softmax_ce;
    Trainer t(c);
    REQUIRE(t.network().layers().back().W.rows() == 3);
    INFO("noise " << noise);
    CHECK(epochs_until(t, 50, test_accuracy_at_least(0.95)) > 0);
  }
}

TEST_CASE("reg_plane: a linear model's test mean squared error drops below 0.01 within 50 epochs",
          "[training][convergence]") {
  Config c;
  c.dataset = DatasetKind::reg_plane;
  c.hidden = {};
  c.output = Output::linear_mse;
  Trainer t(c);
  // linear_mse reports 1/2 (z - y)^2: the mean squared error is twice the loss.
  const long e = epochs_until(t, 50, [](const EpochStats& s) { return 2 * s.test_loss < 0.01; });
  CHECK(e > 0);
  CHECK(std::isnan(t.history().back().test_accuracy));  // no accuracy for regression
}

TEST_CASE("Adam reaches a spiral training loss of 0.05 in fewer epochs than plain SGD", "[training][convergence]") {
  // Adam at 0.003 against SGD at ten times that rate (W2's 0.03). Adam at 0.03 does
  // not train this deep tanh network at all (it stalls near loss 0.45).
  for (std::uint64_t seed : {1, 2, 4}) {
    Trainer sgd(spiral_w2(seed));
    Config c = spiral_w2(seed);
    c.optimizer.kind = OptimizerKind::adam;
    c.optimizer.learning_rate = 0.003;
    Trainer adam(c);
    auto below = [](const EpochStats& s) { return s.train_loss < 0.05; };
    const long e_sgd = epochs_until(sgd, 400, below), e_adam = epochs_until(adam, 400, below);
    INFO("seed " << seed << ": sgd " << e_sgd << " epochs, adam " << e_adam);
    REQUIRE(e_sgd > 0);
    REQUIRE(e_adam > 0);
    CHECK(e_adam < e_sgd);  // seeds 1, 2, 4: adam 20-34, sgd 78-89
  }
}

// --- reproducibility and blow-ups ---

TEST_CASE("the same seed gives bit-identical weights and history after training", "[training]") {
  Config c = spiral_w2(7);
  c.noise = 0.2;
  c.regularization = Regularization::l2;
  c.reg_rate = 0.001;
  Trainer a(c), b(c);
  a.train_epochs(20);
  b.train_epochs(5);
  b.train_steps(15 * 25);  // 250 training points, batch 10: 25 steps an epoch
  REQUIRE(b.epoch() == 20);
  const auto wa = weights_of(a), wb = weights_of(b);
  for (size_t i = 0; i < wa.size(); ++i) CHECK(wa[i] == wb[i]);  // exact, not approximate
  for (size_t i = 0; i < a.history().size(); ++i)
    CHECK(a.history().stats(i).train_loss == b.history().stats(i).train_loss);
  // Another seed, another run.
  c.seed = 8;
  Trainer d(c);
  d.train_epochs(20);
  CHECK(weights_of(d)[0] != wa[0]);
}

TEST_CASE("reset() returns to the seed's initial weights, epoch 0 and a history of only its epoch-0 row",
          "[training]") {
  Trainer t;
  const auto w0 = weights_of(t);
  const EpochStats start = t.history().front();
  t.train_epochs(10);
  CHECK(weights_of(t)[0] != w0[0]);
  t.reset();
  CHECK(t.epoch() == 0);
  CHECK(t.steps() == 0);
  REQUIRE(t.history().size() == 1);
  CHECK(t.history().front().epoch == 0);
  CHECK(t.history().front().train_loss == start.train_loss);
  const auto w1 = weights_of(t);
  for (size_t i = 0; i < w0.size(); ++i) CHECK(w1[i] == w0[i]);
  // And training again repeats the first run exactly.
  Trainer fresh;
  fresh.train_epochs(10);
  t.train_epochs(10);
  CHECK(weights_of(t)[0] == weights_of(fresh)[0]);
}

TEST_CASE("epochs and steps: an epoch is one pass over the training set in mini-batches", "[training]") {
  Config c;
  c.samples = 100;
  c.train_ratio = 0.5;  // 50 training points
  c.batch_size = 15;    // 15 + 15 + 15 + 5
  Trainer t(c);
  CHECK(t.train_size() == 50);
  CHECK(t.test_size() == 50);
  t.train_steps(3);
  CHECK(t.epoch() == 0);
  CHECK(t.history().size() == 1);  // only epoch 0
  t.train_steps(1);
  CHECK(t.epoch() == 1);
  CHECK(t.steps() == 4);
  CHECK(t.history().size() == 2);
  t.train_epochs(2);
  CHECK(t.epoch() == 3);
  CHECK(t.steps() == 12);
  CHECK(t.history().back().epoch == 3);
}

TEST_CASE("a huge learning rate is reported as diverged, and reset() recovers", "[training]") {
  SECTION("linear_mse on reg_plane with lr 50") {
    Config c;
    c.dataset = DatasetKind::reg_plane;
    c.hidden = {};
    c.output = Output::linear_mse;
    c.optimizer.learning_rate = 50;
    Trainer t(c);
    Status s = Status::ok;
    for (int i = 0; i < 20 && s == Status::ok; ++i) s = t.train_epochs(1);
    REQUIRE(s == Status::diverged);
    CHECK(t.status() == Status::diverged);
    CHECK_THAT(t.status_message(), Contains("Diverged"));
    const long e = t.epoch();
    CHECK(t.train_epochs(5) == Status::diverged);  // stays stopped
    CHECK(t.epoch() == e);
    t.reset();
    CHECK(t.status() == Status::ok);
    CHECK(t.status_message().empty());
    CHECK(t.epoch() == 0);
    // A sane rate trains again.
    c.optimizer.learning_rate = 0.03;
    t.configure(c);
    CHECK(t.train_epochs(20) == Status::ok);
    CHECK(2 * t.history().back().test_loss < 0.01);
  }
  SECTION("a relu network with lr 100") {
    Config c;
    c.hidden = {{8, {Activation::relu, 0}}, {8, {Activation::relu, 0}}};
    c.output = Output::linear_hinge;
    c.optimizer.learning_rate = 100;
    Trainer t(c);
    CHECK(t.train_epochs(50) == Status::diverged);
    CHECK_THAT(t.status_message(), Contains("Diverged"));
    t.reset();
    CHECK(t.status() == Status::ok);
    CHECK(t.history().size() == 1);
  }
}

// --- configure() ---

TEST_CASE("configure(): changing only the learning rate keeps weights, epoch and history", "[training][configure]") {
  Trainer t;
  t.train_epochs(5);
  const auto w = weights_of(t);
  const auto points = t.points();
  Config c = t.config();
  c.optimizer.learning_rate = 0.1;
  c.batch_size = 25;
  c.regularization = Regularization::l1;
  c.reg_rate = 0.001;
  t.configure(c);
  CHECK(t.config().optimizer.learning_rate == 0.1);
  CHECK(t.epoch() == 5);
  CHECK(t.history().size() == 6);  // epochs 0 to 5
  CHECK(t.points() == points);
  const auto w2 = weights_of(t);
  for (size_t i = 0; i < w.size(); ++i) CHECK(w2[i] == w[i]);
  t.train_epochs(1);
  CHECK(t.epoch() == 6);
  CHECK(t.steps() == 5 * 25 + 10);  // 250 training points: batches of 10, then of 25
}

TEST_CASE("configure(): changing the network, features, output or seed re-initialises", "[training][configure]") {
  Trainer t;
  t.train_epochs(5);
  const auto points = t.points();
  SECTION("hidden layers") {
    Config c = t.config();
    c.hidden = {tanh_layer(5)};
    t.configure(c);
    CHECK(t.epoch() == 0);
    CHECK(t.history().size() == 1);  // only the new network's epoch 0
    REQUIRE(t.network().layers().size() == 2);
    CHECK(t.network().layers()[0].W.rows() == 5);
    CHECK(t.points() == points);  // the data stays
    // Initial weights of the seed for the new shape.
    Trainer fresh(c);
    CHECK(t.network().layers()[0].W == fresh.network().layers()[0].W);
  }
  SECTION("features") {
    Config c = t.config();
    c.features = {Feature::x1, Feature::x2, Feature::x1sq};
    t.configure(c);
    CHECK(t.epoch() == 0);
    CHECK(t.network().layers()[0].W.cols() == 3);
  }
  SECTION("seed: new data and new weights") {
    Config c = t.config();
    c.seed = 99;
    t.configure(c);
    CHECK(t.epoch() == 0);
    CHECK(t.points() != points);
  }
  SECTION("noise regenerates the data") {
    Config c = t.config();
    c.noise = 0.3;
    t.configure(c);
    CHECK(t.epoch() == 0);
    CHECK(t.points() == generate(DatasetKind::circle, 500, 0.3, 3, 1));
  }
}

TEST_CASE("configure(): a bad configuration changes nothing and training goes on", "[training][configure]") {
  Trainer t;
  t.train_epochs(3);
  const Config before = t.config();
  const auto w = weights_of(t);
  Config bad = before;
  bad.optimizer.learning_rate = -1;
  CHECK_THROWS_WITH(t.configure(bad), Contains("optimizer.learning_rate"));
  bad = before;
  bad.hidden = {tanh_layer(40)};
  CHECK_THROWS_WITH(t.configure(bad), Contains("hidden[0].width"));
  bad = before;
  bad.output = Output::softmax_ce;
  bad.dataset = DatasetKind::reg_gauss;
  CHECK_THROWS_WITH(t.configure(bad), Contains("output"));
  CHECK(t.config() == before);
  CHECK(t.epoch() == 3);
  const auto w2 = weights_of(t);
  for (size_t i = 0; i < w.size(); ++i) CHECK(w2[i] == w[i]);
  CHECK(t.train_epochs(2) == Status::ok);
  CHECK(t.epoch() == 5);
}

TEST_CASE("editing points turns the data set into custom data and keeps the points", "[training][configure]") {
  Trainer t;
  const auto before = t.points();
  const size_t train = t.train_size(), test = t.test_size();
  t.add_point({1.5, -2.5, 1});
  CHECK(t.config().dataset == DatasetKind::custom);
  CHECK(t.config().classes == 2);
  CHECK(t.config().effective_problem() == Problem::classification);
  REQUIRE(t.points().size() == before.size() + 1);
  CHECK(std::equal(before.begin(), before.end(), t.points().begin()));
  CHECK(t.points().back() == Point{1.5, -2.5, 1});
  CHECK(t.train_size() == train + 1);  // added points join the training set
  CHECK(t.test_size() == test);
  CHECK(t.train_epochs(1) == Status::ok);

  CHECK_THROWS_WITH(t.add_point({7, 0, 1}), Contains("point") && Contains("outside the plane"));
  CHECK_THROWS_WITH(t.add_point({0, 0, 2}), Contains("class index"));
  CHECK(t.points().size() == before.size() + 1);

  t.move_point(0, 0.25, 0.5);
  CHECK(t.points()[0].x1 == 0.25);
  CHECK(t.points()[0].label == before[0].label);
  t.remove_point(1);
  CHECK(t.points().size() == before.size());
  CHECK_THROWS_WITH(t.remove_point(100000), Contains("point index"));

  // A regression data set stays regression when it becomes custom.
  Config r;
  r.dataset = DatasetKind::reg_gauss;
  r.output = Output::linear_mse;
  Trainer tr(r);
  tr.add_point({0, 0, -0.75});
  CHECK(tr.config().dataset == DatasetKind::custom);
  CHECK(tr.config().effective_problem() == Problem::regression);
  CHECK(tr.points().back().label == -0.75);
}

TEST_CASE("a trace shows one sample's forward and backward pass with the loss's numbers", "[training]") {
  Config c;
  c.hidden = {tanh_layer(3)};
  c.output = Output::sigmoid_bce;
  Trainer t(c);
  const Point p{1.0, -2.0, 1};
  const SampleTrace tr = t.trace(p);
  const auto& L = t.network().layers();
  Vec x(2);
  x << 1.0, -2.0;
  const Vec z0 = L[0].W * x + L[0].b;
  const Vec a0 = z0.array().tanh();
  const double z1 = (L[1].W * a0)(0) + L[1].b(0);
  const double s = 1 / (1 + std::exp(-z1));
  CHECK((tr.z[0] - z0).norm() < 1e-12);
  CHECK(tr.z[1](0) == Approx(z1));
  CHECK(tr.output(0) == Approx(s));
  CHECK(tr.target(0) == 1);
  CHECK(tr.loss == Approx(-std::log(s)));
  CHECK(tr.delta[1](0) == Approx(s - 1));  // sigma(z) - y
  CHECK(tr.db[1](0) == Approx(s - 1));
  // One step on this point: w <- w - lr dL/dw.
  const Mat W1 = L[1].W;
  t.apply_sample_update(p);
  CHECK((t.network().layers()[1].W - (W1 - 0.03 * tr.dW[1])).norm() < 1e-15);
}

// --- training order, optimizer state, custom data (the PyTorch export relies on the first) ---

TEST_CASE("upcoming_batches lists the batches training then takes, across epoch ends", "[training][order]") {
  // Batches of one: a plain SGD step on batch {i} is apply_sample_update(point i), so each
  // step shows which point training took.
  for (bool shuffle : {true, false}) {
    Config c;
    c.samples = 24;  // 12 training points
    c.batch_size = 1;
    c.shuffle = shuffle;
    c.optimizer.kind = OptimizerKind::sgd;
    c.optimizer.learning_rate = 0.3;
    Trainer t(c);
    t.train_steps(5);  // start mid-epoch
    const auto batches = batches_of(t.upcoming_batches(30));
    REQUIRE(batches.size() == 30);
    for (size_t k = 0; k < batches.size(); ++k) {
      REQUIRE(batches[k].size() == 1);
      INFO("shuffle " << shuffle << ", step " << k << ", point " << batches[k][0]);
      CHECK_FALSE(t.is_test(batches[k][0]));
      Trainer by_hand = t;
      by_hand.apply_sample_update(t.points()[batches[k][0]]);
      t.train_steps(1);
      const auto want = weights_of(by_hand), got = weights_of(t);
      for (size_t i = 0; i < want.size(); ++i) CHECK(got[i].isApprox(want[i], 1e-13));
    }
  }
  Trainer t;
  CHECK_THROWS_WITH(t.upcoming_batches(-1), Contains("steps"));
  CHECK_THROWS_WITH(t.upcoming_batches(1 << 30), Contains("steps") && Contains("at most"));
}

TEST_CASE("shuffling on: every epoch takes the training points in a new order; off: in their order",
          "[training][order]") {
  Config c;
  c.samples = 40;
  c.batch_size = 20;  // one batch is one whole epoch of the 20 training points
  Trainer on(c);
  c.shuffle = false;
  Trainer off(c);
  std::vector<size_t> in_order;
  for (size_t i = 0; i < off.points().size(); ++i)
    if (!off.is_test(i)) in_order.push_back(i);
  const auto a = batches_of(on.upcoming_batches(3)), b = batches_of(off.upcoming_batches(3));
  for (int e = 0; e < 3; ++e) {
    CHECK(b[e] == in_order);
    CHECK(a[e] != in_order);
    auto sorted = a[e];
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == in_order);  // a permutation of the training points
  }
  CHECK(a[0] != a[1]);
  CHECK(a[1] != a[2]);
  // And the order changes what training does: smaller batches, different weights.
  c.batch_size = 5;
  Trainer off5(c);
  c.shuffle = true;
  Trainer on5(c);
  on5.train_epochs(2);
  off5.train_epochs(2);
  CHECK(weights_of(on5) != weights_of(off5));
}

TEST_CASE("configure(): a new optimizer kind starts from fresh state; the same kind keeps it",
          "[training][configure]") {
  Config c;
  c.shuffle = false;
  c.batch_size = 250;  // the whole training set: every step sees the same batch
  c.optimizer.kind = OptimizerKind::momentum;
  Trainer t(c);
  t.train_steps(3);  // momentum builds up velocity
  Config adam = c;
  adam.optimizer.kind = OptimizerKind::adam;
  adam.optimizer.learning_rate = 0.01;

  // Reference: the same weights in a session whose Adam has never stepped.
  Trainer fresh(adam);
  const auto& layers = t.network().layers();
  std::vector<Mat> W;
  std::vector<Vec> b;
  for (const auto& l : layers) {
    W.push_back(l.W);
    b.push_back(l.b);
  }
  fresh.set_parameters(W, b);
  fresh.train_steps(2);
  t.configure(adam);
  t.train_steps(2);
  CHECK(weights_of(t) == weights_of(fresh));

  // Only the learning rate changes: the state (Adam's moments and step count) carries on.
  Config slower = adam;
  slower.optimizer.learning_rate = 0.005;
  Trainer kept = t, restarted(slower);
  W.clear();
  b.clear();
  for (const auto& l : t.network().layers()) {
    W.push_back(l.W);
    b.push_back(l.b);
  }
  restarted.set_parameters(W, b);
  kept.configure(slower);
  kept.train_steps(1);
  restarted.train_steps(1);
  CHECK(weights_of(kept) != weights_of(restarted));
}

TEST_CASE("configure(): custom points that do not fit the new classes are refused, nothing changes",
          "[training][configure]") {
  Config c;
  c.dataset = DatasetKind::custom;
  c.classes = 3;
  c.output = Output::softmax_ce;
  Trainer t(c);
  t.set_points({{0, 0, 0}, {1, 1, 1}, {2, -1, 2}, {-2, 1, 1}});
  t.train_steps(2);
  const auto before = weights_of(t);
  const auto points = t.points();
  Config two = c;
  two.classes = 2;
  CHECK_THROWS_WITH(t.configure(two), Contains("classes") && Contains("point 2") && Contains("class index 0..1"));
  CHECK(t.config() == c);
  CHECK(t.points() == points);
  CHECK(weights_of(t) == before);
  CHECK(t.steps() == 2);
  // Four classes still fit every point.
  Config four = c;
  four.classes = 4;
  t.configure(four);
  CHECK(t.config().classes == 4);
  CHECK(t.points() == points);
}

// --- epoch 0 in the history ---

namespace {
// Row 0 as evaluate() sees the current weights.
void require_start_row(Trainer& t) {
  const EpochStats now = t.evaluate();
  REQUIRE(t.history().size() == 1);
  const EpochStats r = t.history().front();
  const auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
  CHECK(r.epoch == 0);
  CHECK(r.train_loss == now.train_loss);
  CHECK(same(r.test_loss, now.test_loss));  // NaN without test points
  CHECK(same(r.train_accuracy, now.train_accuracy));
  CHECK(same(r.test_accuracy, now.test_accuracy));
}
}  // namespace

TEST_CASE("the history starts at epoch 0 with the loss and accuracy of the weights training starts from",
          "[training][epoch0]") {
  Config c;
  c.dataset = DatasetKind::spiral;
  c.samples = 200;
  Trainer t(c);
  require_start_row(t);
  const EpochStats start = t.history().front();
  CHECK(start.train_loss > 0);
  CHECK(start.train_accuracy >= 0);
  for (size_t col = 5; col < t.history().columns().size(); ++col) CHECK(std::isnan(t.history().data()[col][0]));

  SECTION("until the first step, row 0 follows every change of weights or data") {
    auto rev = t.history_revision();
    t.set_weight(0, 0, 0, 3.5);
    require_start_row(t);
    CHECK(t.history().front().train_loss != start.train_loss);
    CHECK(t.history_revision() != rev);
    rev = t.history_revision();
    t.set_bias(1, 0, -2);
    require_start_row(t);
    CHECK(t.history_revision() != rev);
    std::vector<Mat> W;
    std::vector<Vec> b;
    const Trainer same_seed(c);
    for (const auto& l : same_seed.network().layers()) {
      W.push_back(l.W);
      b.push_back(l.b);
    }
    t.set_parameters(W, b);
    require_start_row(t);
    CHECK(t.history().front().train_loss == start.train_loss);
    t.add_point({0.5, 0.5, 1});
    require_start_row(t);
    t.apply_sample_update({1, 1, 0});
    require_start_row(t);
    t.reset();  // the seed's weights again, on the points as edited
    require_start_row(t);
  }
  SECTION("from the first step on it stays: the start the run went from") {
    t.train_steps(1);  // inside epoch 0
    t.set_weight(0, 0, 0, 3.5);
    t.add_point({0.5, 0.5, 1});
    REQUIRE(t.history().size() == 1);
    CHECK(t.history().front().train_loss == start.train_loss);
    t.train_epochs(3);
    const auto& epochs = t.history().column("epoch");
    CHECK(epochs == std::vector<double>{0, 1, 2, 3});
    CHECK(t.history().front().train_loss == start.train_loss);
  }
  SECTION("a new network or new data starts a new row 0") {
    t.train_epochs(2);
    Config d = c;
    d.hidden = {{3, {Activation::relu, 0}}};
    t.configure(d);
    require_start_row(t);
    t.train_epochs(1);
    d.dataset = DatasetKind::xor_;
    t.configure(d);
    require_start_row(t);
    // Training settings keep the weights, the epoch and the history.
    t.train_epochs(2);
    d.optimizer.learning_rate = 0.1;
    t.configure(d);
    CHECK(t.history().size() == 3);
  }
  SECTION("no training points: no row, until there are") {
    t.set_points({});
    CHECK(t.history().empty());
    t.add_point({0.1, 0.2, 1});
    require_start_row(t);
  }
  SECTION("the model file keeps row 0; a file saved before any step gets the row of what it loads") {
    t.train_epochs(4);
    Trainer u;
    import_model(u, export_model(t));
    CHECK(u.history().column("epoch") == t.history().column("epoch"));
    CHECK(u.history().front().train_loss == start.train_loss);
    Trainer fresh(c);
    fresh.set_weight(0, 1, 1, -0.75);
    Trainer v;
    import_model(v, export_model(fresh));
    require_start_row(v);
    CHECK(v.history().front().train_loss == fresh.history().front().train_loss);
  }
}

// --- divergence for teaching ---

TEST_CASE("a run that sits above its starting loss at chance is stopped, names the learning rate and shows no accuracy",
          "[training][divergence]") {
  // The case: the default output (tanh, squared error) on the spiral,
  // 8,8 tanh, SGD at 10. The loss is bounded, so it never runs away: the
  // outputs saturate at +-1 and the loss goes from 0.49 to about 0.8-1.1.
  Config c;
  c.dataset = DatasetKind::spiral;
  c.hidden = {{8, {Activation::tanh, 0}}, {8, {Activation::tanh, 0}}};
  c.optimizer.learning_rate = 10;
  Trainer t(c);
  const double start = t.history().front().train_loss;
  REQUIRE(t.train_epochs(300) == Status::diverged);
  CHECK(t.epoch() == Trainer::kStuckEpochs);  // above the line at chance from the first epoch on
  CHECK(t.history().back().train_loss > Trainer::kStuckFactor * start);
  CHECK_THAT(t.status_message(), StartsWith("Diverged at epoch 40: the training loss has stayed above 1.1 times its "
                                            "starting value "));
  CHECK_THAT(t.status_message(), Contains("with the training accuracy at chance ("));
  CHECK_THAT(t.status_message(), Contains("one class in 2 is 50 %). The learning rate 10 is likely too high for SGD "
                                          "on this network. Lower the learning rate, then reset."));
  // No accuracy once diverged: not in the read-out, not in the diverged epoch's row.
  const EpochStats now = t.evaluate();
  CHECK(std::isfinite(now.train_loss));
  CHECK(std::isnan(now.train_accuracy));
  CHECK(std::isnan(now.test_accuracy));
  CHECK(std::isnan(t.history().back().train_accuracy));
  CHECK(std::isfinite(t.history().stats(t.history().size() - 2).train_accuracy));
  // Reset recovers, and the same network at 0.03 learns without being stopped.
  t.reset();
  CHECK(std::isfinite(t.evaluate().train_accuracy));
  c.optimizer.learning_rate = 0.03;
  Trainer slow(c);
  CHECK(slow.train_epochs(300) == Status::ok);
  CHECK(slow.history().back().train_loss < start);
}
