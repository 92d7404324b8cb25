// Update rules (PyTorch's conventions, optimizer.hpp): the first two steps of
// each, worked by hand for one weight w0 = 1 with gradients g1 = 0.5, g2 = 0.2
// and lr = 0.1; and the Trainer's step as w <- w - lr * dL/dw.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "error.hpp"
#include "optimizer.hpp"
#include "trainer.hpp"

using namespace nnp;
using Catch::Matchers::Contains;

namespace {

struct TwoSteps {
  double w1, w2;
};

// Runs two steps on a two-slot parameter list: slot 0 holds [w, -w] with
// gradients [g, -g] (so sign symmetry is checked too), slot 1 a bystander that
// must keep its own state.
TwoSteps run_two_steps(OptimizerConfig c) {
  c.learning_rate = 0.1;
  Optimizer opt;
  opt.reset({2, 1});
  double w[2] = {1.0, -1.0}, other[1] = {3.0};
  const double g1[2] = {0.5, -0.5}, g2[2] = {0.2, -0.2}, og[1] = {-7.0};
  opt.begin_step();
  opt.step(c, 0, w, g1);
  opt.step(c, 1, other, og);
  const double w1 = w[0];
  CHECK(w[1] == -w1);
  opt.begin_step();
  opt.step(c, 0, w, g2);
  CHECK(w[1] == -w[0]);
  return {w1, w[0]};
}

OptimizerConfig kind(OptimizerKind k) {
  OptimizerConfig c;
  c.kind = k;
  return c;
}

}  // namespace

TEST_CASE("sgd: w -= lr g", "[optimizer]") {
  const auto r = run_two_steps(kind(OptimizerKind::sgd));
  CHECK(r.w1 == Approx(0.95).epsilon(1e-14));  // 1 - 0.1 * 0.5
  CHECK(r.w2 == Approx(0.93).epsilon(1e-14));  // 0.95 - 0.1 * 0.2
}

TEST_CASE("momentum: v = mu v + g; w -= lr v (mu = 0.9)", "[optimizer]") {
  const auto r = run_two_steps(kind(OptimizerKind::momentum));
  CHECK(r.w1 == Approx(0.95).epsilon(1e-14));   // v = 0.5
  CHECK(r.w2 == Approx(0.885).epsilon(1e-14));  // v = 0.45 + 0.2 = 0.65; 0.95 - 0.065
}

TEST_CASE("nesterov: v = mu v + g; w -= lr (g + mu v)", "[optimizer]") {
  const auto r = run_two_steps(kind(OptimizerKind::nesterov));
  CHECK(r.w1 == Approx(0.905).epsilon(1e-14));   // v = 0.5; 1 - 0.1 (0.5 + 0.45)
  CHECK(r.w2 == Approx(0.8265).epsilon(1e-14));  // v = 0.65; 0.905 - 0.1 (0.2 + 0.585)
}

TEST_CASE("rmsprop: s = rho s + (1 - rho) g^2; w -= lr g / (sqrt s + eps) (rho = 0.99)", "[optimizer]") {
  const auto r = run_two_steps(kind(OptimizerKind::rmsprop));
  // s1 = 0.01 * 0.25 = 0.0025, sqrt = 0.05: w1 = 1 - 0.1 * 0.5 / (0.05 + 1e-8) = 1 - 0.9999998 = 2e-7
  CHECK(r.w1 == Approx(1.9999996e-7).epsilon(1e-6));
  // s2 = 0.99 * 0.0025 + 0.01 * 0.04 = 0.002875, sqrt = 0.0536190265;
  // w2 = 2e-7 - 0.1 * 0.2 / 0.0536190265 = -0.3730016537
  CHECK(r.w2 == Approx(-0.3730016537309605).epsilon(1e-12));
}

TEST_CASE("adam: bias-corrected moments, t counted by begin_step (b1 = 0.9, b2 = 0.999)", "[optimizer]") {
  const auto r = run_two_steps(kind(OptimizerKind::adam));
  // t = 1: m = 0.05, v = 0.00025; m^ = 0.5, v^ = 0.25; w1 = 1 - 0.1 * 0.5 / (0.5 + 1e-8)
  CHECK(r.w1 == Approx(0.900000002).epsilon(1e-12));
  // t = 2: m = 0.045 + 0.02 = 0.065, v = 0.00024975 + 0.00004 = 0.00028975;
  // m^ = 0.065 / 0.19 = 0.3421052632, v^ = 0.00028975 / 0.001999 = 0.1449474737;
  // w2 = w1 - 0.1 * 0.3421052632 / (0.3807197837 + 1e-8) = 0.8101424839
  CHECK(r.w2 == Approx(0.8101424839029282).epsilon(1e-12));
}

TEST_CASE("adagrad: s += g^2; w -= lr g / (sqrt s + eps)", "[optimizer]") {
  const auto r = run_two_steps(kind(OptimizerKind::adagrad));
  CHECK(r.w1 == Approx(0.900000002).epsilon(1e-12));  // s = 0.25
  // s = 0.29: w2 = w1 - 0.1 * 0.2 / 0.5385164807 = 0.8628609351
  CHECK(r.w2 == Approx(0.8628609350542448).epsilon(1e-12));
}

TEST_CASE("optimizer state is per slot and reset() clears it", "[optimizer]") {
  OptimizerConfig c = kind(OptimizerKind::momentum);
  c.learning_rate = 1.0;
  Optimizer opt;
  opt.reset({1, 1});
  double a = 0, b = 0;
  const double ga = 1, gb = 10;
  opt.begin_step();
  opt.step(c, 0, &a, &ga);
  opt.step(c, 1, &b, &gb);
  opt.begin_step();
  opt.step(c, 0, &a, &ga);
  CHECK(a == Approx(-1 - 1.9));  // v = 1, then 1.9: slot 1's gradient 10 never leaked in
  opt.reset({1, 1});
  double w = 0;
  opt.begin_step();
  opt.step(c, 0, &w, &ga);
  CHECK(w == Approx(-1));  // velocity back to 0
}

TEST_CASE("optimizer ids round-trip; unknown ones are refused naming the field", "[optimizer]") {
  const auto& ids = optimizer_ids();
  REQUIRE(ids.size() == 6);
  for (size_t i = 0; i < ids.size(); ++i) CHECK(optimizer_from_id(ids[i]) == static_cast<OptimizerKind>(i));
  CHECK(std::string(optimizer_id(OptimizerKind::adam)) == "adam");
  CHECK_THROWS_WITH(optimizer_from_id("lbfgs"), Contains("optimizer.kind") && Contains("lbfgs"));
}

namespace {

// Training loss of the current weights with one parameter nudged.
double loss_with(Trainer& t, size_t layer, Eigen::Index i, Eigen::Index k, bool bias, double delta) {
  std::vector<Mat> W;
  std::vector<Vec> b;
  for (const auto& l : t.network().layers()) {
    W.push_back(l.W);
    b.push_back(l.b);
  }
  if (bias)
    b[layer](i) += delta;
  else
    W[layer](i, k) += delta;
  const std::vector<Mat> W0 = W;
  const std::vector<Vec> b0 = b;
  t.set_parameters(W, b);
  const double loss = t.evaluate().train_loss;
  if (bias)
    b[layer](i) -= delta;
  else
    W[layer](i, k) -= delta;
  t.set_parameters(W, b);
  return loss;
}

}  // namespace

TEST_CASE("one full-batch Trainer step moves every weight by -lr times the gradient of the reported training loss",
          "[optimizer][trainer][gradcheck]") {
  for (Regularization reg : {Regularization::none, Regularization::l2}) {
    Config c;
    c.dataset = DatasetKind::circle;
    c.samples = 40;
    c.train_ratio = 0.5;  // 20 training points
    c.batch_size = 20;    // one step = one full pass
    c.features = {Feature::x1, Feature::x2, Feature::x1sq};
    c.hidden = {{3, {Activation::tanh, 0}}};
    c.output = Output::sigmoid_bce;
    c.optimizer.learning_rate = 0.05;
    c.regularization = reg;
    c.reg_rate = reg == Regularization::none ? 0.0 : 0.3;
    Trainer t(c);
    const double lr = 0.05, decay = lr * c.reg_rate;
    // Expected new weights from central differences of evaluate().train_loss.
    std::vector<Mat> W_expected;
    std::vector<Vec> b_expected;
    const double h = 1e-6;
    for (size_t l = 0; l < t.network().layers().size(); ++l) {
      const Layer L = t.network().layers()[l];
      Mat W = L.W;
      Vec b = L.b;
      for (Eigen::Index i = 0; i < W.rows(); ++i)
        for (Eigen::Index k = 0; k < W.cols(); ++k) {
          const double g = (loss_with(t, l, i, k, false, h) - loss_with(t, l, i, k, false, -h)) / (2 * h);
          // The penalty step comes after the optimizer step: w <- (w - lr g)(1 - lr rate).
          W(i, k) = (L.W(i, k) - lr * g) * (1 - decay);
        }
      for (Eigen::Index i = 0; i < b.size(); ++i) {
        const double g = (loss_with(t, l, i, 0, true, h) - loss_with(t, l, i, 0, true, -h)) / (2 * h);
        b(i) = L.b(i) - lr * g;  // biases are never penalised
      }
      W_expected.push_back(W);
      b_expected.push_back(b);
    }
    REQUIRE(t.train_steps(1) == Status::ok);
    CHECK(t.epoch() == 1);
    for (size_t l = 0; l < W_expected.size(); ++l) {
      INFO("layer " << l << " regularization " << regularization_id(reg));
      CHECK((t.network().layers()[l].W - W_expected[l]).cwiseAbs().maxCoeff() < 1e-8);
      CHECK((t.network().layers()[l].b - b_expected[l]).cwiseAbs().maxCoeff() < 1e-8);
    }
  }
}
