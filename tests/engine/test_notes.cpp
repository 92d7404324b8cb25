// The lecture notes' worked numbers and claims, each checked with numbers.
#include <Eigen/Dense>
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "error.hpp"
#include "loss.hpp"
#include "network.hpp"
#include "trainer.hpp"

using namespace nnp;
using Catch::Matchers::Contains;

namespace {

Mat row(std::initializer_list<double> v) {
  Mat m(1, static_cast<Eigen::Index>(v.size()));
  Eigen::Index j = 0;
  for (double x : v) m(0, j++) = x;
  return m;
}

Mat forward_logits(const Network& net, const Mat& x) {
  Workspace ws;
  net.reserve(ws, x.cols());
  net.forward(x, ws);
  return ws.z.back().leftCols(x.cols());
}

const std::vector<Point> kXorTruthTable = {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};

Config xor_table_config(std::vector<HiddenLayer> hidden, Output out) {
  Config c;
  c.dataset = DatasetKind::xor_table;
  c.features = {Feature::x1, Feature::x2};
  c.hidden = std::move(hidden);
  c.output = out;
  return c;
}

}  // namespace

TEST_CASE("one neuron: x = (2, 3, 1), w = (0.5, 0.2, 10), b = 2 gives z = 13.6 and sigmoid 0.9999988", "[notes]") {
  Network neuron(3, {}, 1);
  neuron.layers()[0].W << 0.5, 0.2, 10;
  neuron.layers()[0].b << 2;
  Mat x(3, 1);
  x << 2, 3, 1;
  const Mat z = forward_logits(neuron, x);
  CHECK(z(0, 0) == Approx(13.6).epsilon(1e-15));
  CHECK(activation_value({Activation::sigmoid, 0}, z(0, 0)) == Approx(0.9999988).margin(5e-8));
  Mat a(1, 1);
  output_activate<double>(Output::sigmoid_bce, z, a);  // the same neuron as a sigmoid output unit
  CHECK(a(0, 0) == Approx(0.9999988).margin(5e-8));
  CHECK(a(0, 0) < 1.0);

  // The bias trick: a constant input 1 whose weight is b gives the same score.
  Network biasless(4, {}, 1);
  biasless.layers()[0].W << 0.5, 0.2, 10, 2;
  biasless.layers()[0].b << 0;
  Mat x1(4, 1);
  x1 << 2, 3, 1, 1;
  CHECK(forward_logits(biasless, x1)(0, 0) == Approx(13.6).epsilon(1e-15));
}

TEST_CASE("cross-entropy of (0.01, 0.97, 0.02) against one-hot (1, 0, 0) is 6.64 bits", "[notes]") {
  // softmax_ce works from logits: z = ln p gives softmax(z) = p, and its loss is in nats.
  Mat z(3, 1), y(3, 1);
  z << std::log(0.01), std::log(0.97), std::log(0.02);
  y << 1, 0, 0;
  const double nats = output_loss(Output::softmax_ce, z, y);
  CHECK(nats == Approx(4.60517).epsilon(1e-5));  // -ln 0.01
  CHECK(nats / std::log(2.0) == Approx(6.64).margin(0.005));
  // Predicting the right class confidently costs little.
  y << 0, 1, 0;
  CHECK(output_loss(Output::softmax_ce, z, y) / std::log(2.0) == Approx(0.0439).margin(0.0005));
}

TEST_CASE("squared error (0.01 - 1.0)^2 = 0.98", "[notes]") {
  // linear_mse reports 1/2 (z - y)^2 (TensorFlow Playground's convention): twice it is the notes' figure.
  const double half = output_loss(Output::linear_mse, row({0.01}), row({1.0}));
  CHECK(half == Approx(0.49005));
  CHECK(2 * half == Approx(0.98).margin(0.0005));
}

TEST_CASE("the derivative of cross-entropy with a sigmoid output w.r.t. the score is sigma(z) - y", "[notes]") {
  for (double z : {-4.0, -0.5, 0.0, 0.3, 2.5}) {
    for (double y : {0.0, 1.0}) {
      Mat dz(1, 1);
      output_gradient(Output::sigmoid_bce, row({z}), row({y}), dz);
      INFO("z=" << z << " y=" << y);
      CHECK(dz(0, 0) == Approx(1.0 / (1.0 + std::exp(-z)) - y).epsilon(1e-13));
    }
  }
}

TEST_CASE("XOR: W = [[1,1],[1,1]], c = [0,-1], w = [1,-2], b = 0 with ReLU is exact", "[notes][xor]") {
  // g(x) = w^T max(0, W^T x + c) + b
  Network net(2, {{2, {Activation::relu, 0}}}, 1);
  net.layers()[0].W << 1, 1, 1, 1;
  net.layers()[0].b << 0, -1;
  net.layers()[1].W << 1, -2;
  net.layers()[1].b << 0;
  Mat x(2, 4);
  x << 0, 0, 1, 1,  //
      0, 1, 0, 1;
  const Mat g = forward_logits(net, x);
  CHECK(g(0, 0) == 0.0);
  CHECK(g(0, 1) == 1.0);
  CHECK(g(0, 2) == 1.0);
  CHECK(g(0, 3) == 0.0);

  // The same weights in a Trainer on the truth table, with a linear output
  // (linear_hinge; linear_mse is a regression output and is refused for classes).
  Config c = xor_table_config({{2, {Activation::relu, 0}}}, Output::linear_hinge);
  CHECK_THROWS_WITH(Trainer(xor_table_config({{2, {Activation::relu, 0}}}, Output::linear_mse)),
                    Contains("output") && Contains("linear_mse"));
  Trainer t(c);
  REQUIRE(t.points() == kXorTruthTable);
  REQUIRE(t.train_size() == 4);  // a truth table holds nothing out
  t.set_parameters({net.layers()[0].W, net.layers()[1].W}, {net.layers()[0].b, net.layers()[1].b});
  for (const auto& p : kXorTruthTable) CHECK(t.predict(p.x1, p.x2)(0) == p.label);
  CHECK(t.evaluate().train_accuracy == 1.0);
}

TEST_CASE("XOR: the least-squares linear fit is w = 0, b = 1/2", "[notes][xor]") {
  // Closed form, from the normal equations of the 4 truth-table rows [x1 x2 1].
  Eigen::Matrix<double, 4, 3> X;
  X << 0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1;
  Eigen::Vector4d y(0, 1, 1, 0);
  const Eigen::Vector3d beta = (X.transpose() * X).ldlt().solve(X.transpose() * y);
  CHECK(beta(0) == Approx(0).margin(1e-12));
  CHECK(beta(1) == Approx(0).margin(1e-12));
  CHECK(beta(2) == Approx(0.5));

  // Full-batch gradient descent on the squared error converges there: a linear
  // model with the 4 points as regression data.
  Config c;
  c.dataset = DatasetKind::custom;
  c.problem = Problem::regression;
  c.features = {Feature::x1, Feature::x2};
  c.hidden = {};
  c.output = Output::linear_mse;
  c.train_ratio = 0.9;  // round(0.9 * 4) = 4: all four train
  c.batch_size = 4;
  c.optimizer.learning_rate = 0.2;
  Trainer t(c);
  t.set_points(kXorTruthTable);
  REQUIRE(t.train_size() == 4);
  REQUIRE(t.train_epochs(1500) == Status::ok);
  const Layer& L = t.network().layers()[0];
  CHECK(L.W(0, 0) == Approx(0).margin(1e-6));
  CHECK(L.W(0, 1) == Approx(0).margin(1e-6));
  CHECK(L.b(0) == Approx(0.5).margin(1e-6));
  // It outputs 1/2 everywhere: mean of 1/2 (1/2)^2 = 0.125.
  CHECK(t.history().back().train_loss == Approx(0.125).epsilon(1e-6));
}

TEST_CASE("XOR needs a hidden layer: no line gets more than 3 of 4, a 2-4-1 tanh network gets all 4", "[notes][xor]") {
  SECTION("0 hidden layers on the truth table stay at or below 75 %") {
    Trainer t(xor_table_config({}, Output::tanh_mse));
    t.train_epochs(500);
    for (size_t i = 0; i < t.history().size(); ++i) REQUIRE(t.history().stats(i).train_accuracy <= 0.75);
  }
  SECTION("0 hidden layers on the xor data set stay at or below 75 %") {
    Config c;
    c.dataset = DatasetKind::xor_;
    c.hidden = {};
    c.output = Output::tanh_mse;
    Trainer t(c);
    t.train_epochs(100);
    for (size_t i = 0; i < t.history().size(); ++i) {
      const EpochStats s = t.history().stats(i);
      REQUIRE(s.train_accuracy <= 0.75);
      REQUIRE(s.test_accuracy <= 0.75);
    }
  }
  SECTION("2-4-1 tanh reaches 100 % on the truth table") {
    Config c = xor_table_config({{4, {Activation::tanh, 0}}}, Output::tanh_mse);
    c.batch_size = 4;  // full batch (online SGD at this rate often collapses to the saddle at w = 0)
    c.optimizer.learning_rate = 0.3;
    for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
      c.seed = seed;
      Trainer t(c);
      t.train_epochs(1000);
      INFO("seed " << seed);
      CHECK(t.history().back().train_accuracy == 1.0);
      CHECK(t.history().back().train_loss < 0.05);
    }
  }
}

namespace {

Config perceptron_config() {
  Config c;
  c.dataset = DatasetKind::custom;
  c.problem = Problem::classification;
  c.classes = 2;
  c.features = {Feature::x1, Feature::x2};
  c.hidden = {};
  c.output = Output::perceptron;
  c.optimizer.kind = OptimizerKind::sgd;
  c.optimizer.learning_rate = 0.1;
  c.batch_size = 1;
  c.train_ratio = 0.9;
  return c;
}

}  // namespace

TEST_CASE("the perceptron with SGD and batch 1 is Rosenblatt's rule w <- w + eta y x on mistakes only",
          "[notes][perceptron]") {
  Config c = perceptron_config();
  c.shuffle = false;  // visit the points in order
  Trainer t(c);
  t.set_points({{2, 1, 0}, {1, -3, 1}, {-1, 2, 1}, {3, 3, 1}});
  REQUIRE(t.train_size() == 4);
  Mat W(1, 2);
  W << 0.5, -0.5;
  Vec b(1);
  b << 0.1;
  t.set_parameters({W}, {b});
  // Point (2, 1), class 0 (y = -1): z = 1 - 0.5 + 0.1 = 0.6 > 0, a mistake.
  t.train_steps(1);
  CHECK(t.network().layers()[0].W(0, 0) == Approx(0.5 - 0.1 * 2));
  CHECK(t.network().layers()[0].W(0, 1) == Approx(-0.5 - 0.1 * 1));
  CHECK(t.network().layers()[0].b(0) == Approx(0.1 - 0.1).margin(1e-15));
  // Point (1, -3), class 1: z = 0.3 + 1.8 + 0 = 2.1 > 0, right: nothing changes.
  const Mat before = t.network().layers()[0].W;
  t.train_steps(1);
  CHECK(t.network().layers()[0].W == before);
  // Point (-1, 2), class 1: z = -0.3 - 1.2 = -1.5, a mistake: w += 0.1 * (-1, 2).
  t.train_steps(1);
  CHECK(t.network().layers()[0].W(0, 0) == Approx(0.2));
  CHECK(t.network().layers()[0].W(0, 1) == Approx(-0.4));
  CHECK(t.network().layers()[0].b(0) == Approx(0.1));
}

TEST_CASE("the perceptron converges on separable data", "[notes][perceptron]") {
  SECTION("a hand-made set: class 1 above the line x1 + 2 x2 = 1, with margin") {
    std::vector<Point> pts;
    for (int i = -5; i <= 5; ++i)
      for (int j = -5; j <= 5; ++j) {
        const double s = i + 2.0 * j - 1;
        if (std::abs(s) >= 1) pts.push_back({double(i), double(j), s > 0 ? 1.0 : 0.0});
      }
    for (std::uint64_t seed : {1, 2, 3}) {
      Config c = perceptron_config();
      c.seed = seed;
      Trainer t(c);
      t.set_points(pts);
      t.train_epochs(100);
      INFO("seed " << seed);
      CHECK(t.history().back().train_loss == 0.0);
      CHECK(t.history().back().train_accuracy == 1.0);
      CHECK(t.history().back().test_accuracy >= 0.9);  // held-out points: no guarantee, but close
      // Once no point is misclassified, nothing moves any more.
      const Mat W = t.network().layers()[0].W;
      t.train_epochs(5);
      CHECK(t.network().layers()[0].W == W);
    }
  }
  SECTION("two Gaussians without noise") {
    Config c = perceptron_config();
    c.dataset = DatasetKind::gauss;
    c.noise = 0;
    c.samples = 200;
    c.train_ratio = 0.5;
    Trainer t(c);
    t.train_epochs(100);
    CHECK(t.history().back().train_loss == 0.0);
    CHECK(t.history().back().train_accuracy == 1.0);
  }
}

TEST_CASE("the perceptron never settles on the XOR truth table", "[notes][perceptron][xor]") {
  Config c = perceptron_config();
  c.dataset = DatasetKind::xor_table;
  Trainer t(c);
  REQUIRE(t.train_size() == 4);
  // Each step visits one point; a step that changes the weights is a mistake.
  int epochs_with_mistakes = 0;
  for (int e = 0; e < 2000; ++e) {
    int mistakes = 0;
    for (int s = 0; s < 4; ++s) {
      const Layer before = t.network().layers()[0];
      t.train_steps(1);
      const Layer& L = t.network().layers()[0];
      mistakes += (L.W != before.W || L.b != before.b);
    }
    REQUIRE(t.epoch() == e + 1);
    REQUIRE(t.history().back().train_accuracy <= 0.75);
    epochs_with_mistakes += mistakes > 0;
  }
  CHECK(epochs_with_mistakes == 2000);  // even after 2000 epochs, still correcting mistakes
}
