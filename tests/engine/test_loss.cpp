// Output units and their losses: values against the per-sample formulas of
// loss.hpp, gradients against central differences, and the targets each pair
// expects. Also the weight penalties' gradients.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "error.hpp"
#include "loss.hpp"
#include "regularizer.hpp"
#include "rng.hpp"

using namespace nnp;
using Catch::Matchers::Contains;

namespace {

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// d(mean loss)/dz by central differences, one logit at a time.
Mat numeric_gradient(Output o, Mat z, const Mat& y, double h = 1e-6) {
  Mat g(z.rows(), z.cols());
  for (Eigen::Index i = 0; i < z.size(); ++i) {
    const double keep = z.data()[i];
    z.data()[i] = keep + h;
    const double up = output_loss(o, z, y);
    z.data()[i] = keep - h;
    const double down = output_loss(o, z, y);
    z.data()[i] = keep;
    g.data()[i] = (up - down) / (2 * h);
  }
  return g;
}

Mat analytic_gradient(Output o, const Mat& z, const Mat& y) {
  Mat dz(z.rows(), z.cols());
  output_gradient(o, z, y, dz);
  return dz;
}

void check_gradient(Output o, const Mat& z, const Mat& y) {
  const Mat a = analytic_gradient(o, z, y), n = numeric_gradient(o, z, y);
  for (Eigen::Index i = 0; i < z.size(); ++i) {
    INFO(output_info(o).id << " element " << i << " z=" << z.data()[i] << " analytic=" << a.data()[i]
                           << " numeric=" << n.data()[i]);
    CHECK(std::abs(a.data()[i] - n.data()[i]) <= 1e-6 * std::max(std::abs(a.data()[i]), std::abs(n.data()[i])) + 1e-10);
  }
}

Mat row(std::initializer_list<double> v) {
  Mat m(1, static_cast<Eigen::Index>(v.size()));
  Eigen::Index j = 0;
  for (double x : v) m(0, j++) = x;
  return m;
}

}  // namespace

TEST_CASE("every output/loss pair's gradient matches central differences of its loss", "[loss][gradcheck]") {
  // A batch of 6; the gradient is of the mean, so it carries the 1/6.
  const Mat z = row({-2.3, -0.7, -0.2, 0.4, 1.1, 2.6});
  const Mat y_pm = row({1, -1, 1, -1, 1, -1});               // tanh, hinge and perceptron classes
  const Mat y_01 = row({1, 0, 1, 0, 1, 0});                  // sigmoid classes
  const Mat y_val = row({0.3, -0.9, 0.25, 0.8, -0.1, 1.0});  // regression values
  SECTION("tanh_mse, binary and regression targets") {
    check_gradient(Output::tanh_mse, z, y_pm);
    check_gradient(Output::tanh_mse, z, y_val);
  }
  SECTION("sigmoid_bce") { check_gradient(Output::sigmoid_bce, z, y_01); }
  SECTION("sigmoid_mse") { check_gradient(Output::sigmoid_mse, z, y_01); }
  SECTION("linear_mse") { check_gradient(Output::linear_mse, z, y_val); }
  SECTION("linear_mae, away from z = y") { check_gradient(Output::linear_mae, z, y_val); }
  SECTION("linear_hinge, away from y z = 1, on both sides of the margin") {
    // y z = -2.3, 0.7, -0.2, -0.4, 1.1, -2.6: some inside the margin, some beyond it.
    check_gradient(Output::linear_hinge, z, y_pm);
    const Mat g = analytic_gradient(Output::linear_hinge, z, y_pm);
    CHECK(g(0, 4) == 0.0);  // y z = 1.1 > 1: no gradient
    CHECK(g(0, 0) == Approx(-1.0 / 6));
  }
  SECTION("perceptron, away from z = 0: gradient -y on mistakes only") {
    check_gradient(Output::perceptron, z, y_pm);
    const Mat g = analytic_gradient(Output::perceptron, z, y_pm);
    // y z = -2.3 (mistake), 0.7 (right), -0.2 (mistake), -0.4, 1.1, -2.6
    CHECK(g(0, 0) == Approx(-1.0 / 6));
    CHECK(g(0, 1) == 0.0);
    CHECK(g(0, 2) == Approx(-1.0 / 6));
    CHECK(g(0, 3) == Approx(1.0 / 6));
    CHECK(g(0, 4) == 0.0);
  }
  SECTION("softmax_ce with K = 2, 3 and 6 classes") {
    Rng rng(7);
    for (int K : {2, 3, 6}) {
      Mat zk(K, 5), yk = Mat::Zero(K, 5);
      for (Eigen::Index i = 0; i < zk.size(); ++i) zk.data()[i] = rng.uniform(-3, 3);
      for (Eigen::Index j = 0; j < 5; ++j) yk(static_cast<Eigen::Index>(rng.below(K)), j) = 1;
      check_gradient(Output::softmax_ce, zk, yk);
    }
  }
}

TEST_CASE("each loss equals its per-sample formula, averaged over the batch", "[loss]") {
  const Mat z = row({-1.5, 0.3, 2.0});
  const Mat y_pm = row({1, -1, 1}), y_01 = row({1, 0, 1}), y_val = row({0.5, -0.2, 1.0});
  double tanh_mse = 0, bce = 0, smse = 0, hinge = 0, mse = 0, mae = 0, perc = 0;
  for (int j = 0; j < 3; ++j) {
    const double zj = z(0, j), a = sigmoid(zj);
    tanh_mse += 0.5 * std::pow(std::tanh(zj) - y_pm(0, j), 2);
    bce += -y_01(0, j) * std::log(a) - (1 - y_01(0, j)) * std::log(1 - a);
    smse += 0.5 * std::pow(a - y_01(0, j), 2);
    hinge += std::max(0.0, 1 - y_pm(0, j) * zj);
    mse += 0.5 * std::pow(zj - y_val(0, j), 2);
    mae += std::abs(zj - y_val(0, j));
    perc += std::max(0.0, -y_pm(0, j) * zj);
  }
  CHECK(output_loss(Output::tanh_mse, z, y_pm) == Approx(tanh_mse / 3));
  CHECK(output_loss(Output::sigmoid_bce, z, y_01) == Approx(bce / 3));
  CHECK(output_loss(Output::sigmoid_mse, z, y_01) == Approx(smse / 3));
  CHECK(output_loss(Output::linear_hinge, z, y_pm) == Approx(hinge / 3));
  CHECK(output_loss(Output::linear_mse, z, y_val) == Approx(mse / 3));
  CHECK(output_loss(Output::linear_mae, z, y_val) == Approx(mae / 3));
  CHECK(output_loss(Output::perceptron, z, y_pm) == Approx(perc / 3));
  // By hand: hinge terms max(0, 2.5), max(0, 1.3), max(0, -1) = 2.5 + 1.3 + 0.
  CHECK(output_loss(Output::linear_hinge, z, y_pm) == Approx(3.8 / 3));
  // Perceptron terms: 1.5, 0.3, 0.
  CHECK(output_loss(Output::perceptron, z, y_pm) == Approx(1.8 / 3));

  // Softmax cross-entropy is -ln of the probability of the true class.
  Mat zs(3, 1), ys(3, 1);
  zs << 1.0, 2.0, 0.5;
  ys << 0, 0, 1;
  const double p = std::exp(0.5) / (std::exp(1.0) + std::exp(2.0) + std::exp(0.5));
  CHECK(output_loss(Output::softmax_ce, zs, ys) == Approx(-std::log(p)));
}

TEST_CASE("losses computed from logits stay finite where a naive formula overflows", "[loss]") {
  // -ln(sigmoid(-800)) = 800, computed without forming sigmoid(-800) = 0.
  CHECK(output_loss(Output::sigmoid_bce, row({-800}), row({1})) == Approx(800));
  CHECK(output_loss(Output::sigmoid_bce, row({800}), row({0})) == Approx(800));
  CHECK(output_loss(Output::sigmoid_bce, row({800}), row({1})) == Approx(0).margin(1e-300));
  Mat z(3, 1), y(3, 1);
  z << 1000, 0, -1000;
  y << 0, 1, 0;
  CHECK(output_loss(Output::softmax_ce, z, y) == Approx(1000));
  Mat dz(3, 1);
  output_gradient(Output::softmax_ce, z, y, dz);
  CHECK(dz.allFinite());
  CHECK(dz(0, 0) == Approx(1));
  CHECK(dz(1, 0) == Approx(-1));
}

TEST_CASE("with a sigmoid output, squared error's gradient vanishes on saturation and cross-entropy's does not",
          "[loss]") {
  // The notes' reason to prefer cross-entropy: a confidently wrong unit (z = -10, y = 1).
  Mat d_mse(1, 1), d_bce(1, 1);
  output_gradient(Output::sigmoid_mse, row({-10}), row({1}), d_mse);
  output_gradient(Output::sigmoid_bce, row({-10}), row({1}), d_bce);
  CHECK(std::abs(d_mse(0, 0)) < 5e-5);
  CHECK(d_bce(0, 0) == Approx(sigmoid(-10) - 1));
  CHECK(std::abs(d_bce(0, 0)) > 0.99);
}

TEST_CASE("targets are encoded as each pair expects", "[loss]") {
  Mat y(1, 1);
  auto enc = [&](Output o, Task t, double label) {
    encode_target(o, t, label, y.col(0));
    return y(0, 0);
  };
  CHECK(enc(Output::tanh_mse, Task::binary, 1) == 1);
  CHECK(enc(Output::tanh_mse, Task::binary, 0) == -1);
  CHECK(enc(Output::tanh_mse, Task::regression, 0.37) == 0.37);
  CHECK(enc(Output::sigmoid_bce, Task::binary, 1) == 1);
  CHECK(enc(Output::sigmoid_bce, Task::binary, 0) == 0);
  CHECK(enc(Output::sigmoid_mse, Task::binary, 0) == 0);
  CHECK(enc(Output::linear_hinge, Task::binary, 0) == -1);
  CHECK(enc(Output::perceptron, Task::binary, 0) == -1);
  CHECK(enc(Output::perceptron, Task::binary, 1) == 1);
  CHECK(enc(Output::linear_mse, Task::regression, -0.6) == -0.6);
  CHECK(enc(Output::linear_mae, Task::regression, 0.6) == 0.6);
  Mat y4(4, 1);
  encode_target(Output::softmax_ce, Task::multiclass, 2, y4.col(0));
  CHECK(y4(0, 0) == 0);
  CHECK(y4(1, 0) == 0);
  CHECK(y4(2, 0) == 1);
  CHECK(y4(3, 0) == 0);
  CHECK(output_width(Output::softmax_ce, 5) == 5);
  CHECK(output_width(Output::tanh_mse, 2) == 1);
}

TEST_CASE("output units and predicted classes", "[loss]") {
  const Mat z = row({-2, -0.0001, 0.0, 0.5});
  Mat a(1, 4);
  output_activate<double>(Output::tanh_mse, z, a);
  CHECK(a(0, 3) == Approx(std::tanh(0.5)));
  output_activate<double>(Output::sigmoid_bce, z, a);
  CHECK(a(0, 0) == Approx(sigmoid(-2)));
  CHECK(a(0, 2) == Approx(0.5));
  output_activate<double>(Output::perceptron, z, a);
  CHECK(a(0, 0) == -1);
  CHECK(a(0, 3) == 1);
  output_activate<double>(Output::linear_hinge, z, a);
  CHECK(a(0, 0) == -2);
  Mat zs(3, 2), as(3, 2);
  zs << 1, 0, 2, 0, 3, 0;
  output_activate<double>(Output::softmax_ce, zs, as);
  const double s = std::exp(1.0) + std::exp(2.0) + std::exp(3.0);
  CHECK(as(2, 0) == Approx(std::exp(3.0) / s));
  CHECK(as.col(0).sum() == Approx(1));
  CHECK(as(1, 1) == Approx(1.0 / 3));
  MatF asf(3, 2);
  output_activate<float>(Output::softmax_ce, zs.cast<float>(), asf);
  CHECK(asf(2, 0) == Approx(std::exp(3.0) / s).epsilon(1e-5));

  // Binary pairs predict class 1 when z > 0; softmax predicts the arg max.
  CHECK(count_correct(Output::tanh_mse, z, row({-1, -1, -1, 1})) == 4);
  CHECK(count_correct(Output::sigmoid_bce, z, row({1, 1, 1, 0})) == 0);
  Mat ys(3, 2);
  ys << 0, 1, 0, 0, 1, 0;
  Mat zc(3, 2);
  zc << 0.1, 0.9, 0.2, 0.3, 0.7, 0.1;
  CHECK(count_correct(Output::softmax_ce, zc, ys) == 2);
  ys << 1, 0, 0, 1, 0, 0;
  CHECK(count_correct(Output::softmax_ce, zc, ys) == 0);
}

TEST_CASE("output table flags and ids", "[loss]") {
  const auto& t = output_table();
  REQUIRE(t.size() == 8);
  for (size_t i = 0; i < t.size(); ++i) {
    CHECK(static_cast<size_t>(t[i].kind) == i);
    CHECK(output_from_id(t[i].id) == t[i].kind);
  }
  CHECK(output_info(Output::softmax_ce).multiclass);
  CHECK_FALSE(output_info(Output::linear_mse).classification);
  CHECK(output_info(Output::tanh_mse).regression);
  CHECK(output_info(Output::tanh_mse).classification);
  CHECK_FALSE(output_info(Output::perceptron).regression);
  CHECK_THROWS_WITH(output_from_id("softmax", "output"), Contains("output") && Contains("softmax_ce"));
}

TEST_CASE("apply_penalty_step: L2 shrinks every weight by the factor 1 - step", "[regularizer]") {
  Mat w(1, 4);
  w << 2.0, -0.5, 0.0, 1e-3;
  apply_penalty_step(Regularization::l2, 0.1, w);
  CHECK(w(0, 0) == Approx(1.8));
  CHECK(w(0, 1) == Approx(-0.45));
  CHECK(w(0, 2) == 0.0);
  CHECK(w(0, 3) == Approx(0.9e-3));
  Mat same = w;
  apply_penalty_step(Regularization::none, 0.1, w);
  CHECK(w == same);
}

TEST_CASE("apply_penalty_step: L1 moves weights toward zero by step and stops exactly at zero", "[regularizer]") {
  Mat w(1, 6);
  w << 0.5, -0.5, 0.05, -0.05, 0.0, 0.1;
  apply_penalty_step(Regularization::l1, 0.1, w);
  CHECK(w(0, 0) == Approx(0.4));
  CHECK(w(0, 1) == Approx(-0.4));
  // 0.05 - 0.1 would cross zero: clipped to exactly 0, not -0.05.
  CHECK(w(0, 2) == 0.0);
  CHECK(w(0, 3) == 0.0);
  CHECK(w(0, 4) == 0.0);
  CHECK(std::abs(w(0, 5)) < 1e-16);  // lands on zero (up to rounding), never past it
  // Repeated steps keep a zeroed weight at zero.
  for (int i = 0; i < 10; ++i) apply_penalty_step(Regularization::l1, 0.1, w);
  CHECK(w.isZero(0));
}

TEST_CASE("regularization ids", "[regularizer]") {
  for (Regularization r : {Regularization::none, Regularization::l1, Regularization::l2})
    CHECK(regularization_from_id(regularization_id(r)) == r);
  CHECK_THROWS_WITH(regularization_from_id("l3"), Contains("regularization") && Contains("l3"));
}
