// The notes' activation table: each function with its derivative, checked by
// central differences and at values the notes (or a calculator) give.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "activation.hpp"
#include "error.hpp"
#include "loss.hpp"

using namespace nnp;
using Catch::Matchers::Contains;

namespace {

// Points well away from the kinks at 0 of relu, leaky_relu, abs, elu and selu.
const std::vector<double> kSamples = {-3.1, -1.7, -0.8, -0.25, 0.2, 0.65, 1.4, 2.9};

double central_difference(const ActivationFn& f, double z, double h = 1e-6) {
  return (activation_value(f, z + h) - activation_value(f, z - h)) / (2 * h);
}

double rel_err(double a, double b) { return std::abs(a - b) / std::max({std::abs(a), std::abs(b), 1e-12}); }

std::vector<ActivationFn> differentiable_activations() {
  std::vector<ActivationFn> fns;
  for (const auto& info : activation_table()) {
    if (!info.trainable) continue;
    fns.push_back({info.kind, info.default_alpha});
    if (info.has_alpha) fns.push_back({info.kind, 0.3});  // a non-default alpha too
  }
  return fns;
}

}  // namespace

TEST_CASE("every differentiable activation's derivative matches central differences", "[activation][gradcheck]") {
  const auto fns = differentiable_activations();
  REQUIRE(fns.size() == 14);  // 12 trainable activations, two of them with a second alpha
  for (const auto& f : fns) {
    for (double z : kSamples) {
      INFO(activation_info(f.kind).id << " alpha=" << f.alpha << " z=" << z);
      const double analytic = activation_derivative(f, z);
      const double numeric = central_difference(f, z);
      if (f.kind == Activation::leaky_relu && z < 0 && f.alpha == 0.01) {
        CHECK(analytic == Approx(0.01));
      }
      // A zero derivative (relu on the left) must be exactly zero numerically too.
      if (analytic == 0.0)
        CHECK(std::abs(numeric) < 1e-12);
      else
        CHECK(rel_err(analytic, numeric) < 1e-6);
    }
  }
}

TEST_CASE("backprop_activation multiplies by f'(z) on whole batches, matching central differences",
          "[activation][gradcheck]") {
  Mat z(2, kSamples.size() / 2);
  for (Eigen::Index i = 0; i < z.size(); ++i) z.data()[i] = kSamples[static_cast<size_t>(i)];
  for (const auto& f : differentiable_activations()) {
    Mat a(z.rows(), z.cols());
    activate<double>(f, z, a);
    Mat delta = Mat::Constant(z.rows(), z.cols(), 1.5);  // dL/da
    backprop_activation(f, z, a, delta);
    for (Eigen::Index i = 0; i < z.size(); ++i) {
      INFO(activation_info(f.kind).id << " z=" << z.data()[i]);
      const double expected = 1.5 * central_difference(f, z.data()[i]);
      if (expected == 0.0)
        CHECK(delta.data()[i] == 0.0);
      else
        CHECK(rel_err(delta.data()[i], expected) < 1e-6);
    }
  }
}

TEST_CASE("the batch activate() agrees with the scalar table, in double and in float", "[activation]") {
  Mat z(3, 5);
  z << -4, -1.5, -0.3, 0.0, 0.7, 1.9, 3.5, -2.2, 0.05, -0.05, 8, -8, 0.5, -0.5, 2;
  for (const auto& info : activation_table()) {
    const ActivationFn f{info.kind, info.has_alpha ? 0.2 : 0.0};
    Mat a(3, 5);
    activate<double>(f, z, a);
    MatF af(3, 5);
    activate<float>(f, z.cast<float>(), af);
    for (Eigen::Index i = 0; i < z.size(); ++i) {
      INFO(info.id << " z=" << z.data()[i]);
      const double v = activation_value(f, z.data()[i]);
      CHECK(a.data()[i] == Approx(v).margin(1e-14).epsilon(1e-12));
      CHECK(af.data()[i] == Approx(v).margin(1e-6).epsilon(1e-5));
    }
  }
}

TEST_CASE("activation values at hand-checked points", "[activation]") {
  auto f = [](Activation k, double z, double alpha = 0) { return activation_value({k, alpha}, z); };
  CHECK(f(Activation::linear, -2.5) == -2.5);
  // Heaviside step is 1 at z >= 0; sign is 0 at 0.
  CHECK(f(Activation::step, -0.1) == 0);
  CHECK(f(Activation::step, 0) == 1);
  CHECK(f(Activation::step, 3) == 1);
  CHECK(f(Activation::sign, -0.1) == -1);
  CHECK(f(Activation::sign, 0) == 0);
  CHECK(f(Activation::sign, 2) == 1);
  CHECK(f(Activation::sigmoid, 0) == Approx(0.5));
  CHECK(f(Activation::sigmoid, 2) == Approx(0.8807970779778823));       // 1 / (1 + e^-2)
  CHECK(f(Activation::sigmoid, -40) == Approx(4.248354255291589e-18));  // no underflow to 0 / overflow
  CHECK(f(Activation::tanh, 1) == Approx(0.7615941559557649));
  CHECK(f(Activation::arctan, 1) == Approx(0.7853981633974483));  // pi / 4
  CHECK(f(Activation::relu, -3) == 0);
  CHECK(f(Activation::relu, 3) == 3);
  CHECK(f(Activation::leaky_relu, -3, 0.01) == Approx(-0.03));
  CHECK(f(Activation::elu, -1, 1.0) == Approx(-0.6321205588285577));  // e^-1 - 1
  CHECK(f(Activation::selu, 1) == Approx(1.0507009873554805));
  CHECK(f(Activation::selu, -1) == Approx(1.0507009873554805 * 1.6732632423543772 * (std::exp(-1.0) - 1)));
  CHECK(f(Activation::silu, 1) == Approx(0.7310585786300049));      // 1 * sigmoid(1)
  CHECK(f(Activation::softplus, 0) == Approx(0.6931471805599453));  // ln 2
  CHECK(f(Activation::softplus, 50) == Approx(50));                 // no overflow
  CHECK(f(Activation::softplus, -50) == Approx(1.9287498479639178e-22));
  CHECK(f(Activation::gelu, 1) == Approx(0.8413447460685429));     // Phi(1)
  CHECK(f(Activation::gelu, -1) == Approx(-0.15865525393145707));  // -Phi(-1)
  CHECK(f(Activation::abs, -2.5) == 2.5);
}

TEST_CASE("step and sign have zero derivative and are marked untrainable", "[activation]") {
  for (Activation k : {Activation::step, Activation::sign}) {
    CHECK_FALSE(activation_info(k).trainable);
    for (double z : kSamples) CHECK(activation_derivative({k, 0}, z) == 0.0);
  }
  int trainable = 0;
  for (const auto& info : activation_table()) trainable += info.trainable;
  CHECK(trainable == 12);
}

TEST_CASE("sigmoid and tanh saturate: their derivatives vanish for large |z|", "[activation]") {
  // The notes' reason for vanishing gradients.
  CHECK(activation_derivative({Activation::sigmoid, 0}, 0) == Approx(0.25));
  CHECK(activation_derivative({Activation::tanh, 0}, 0) == Approx(1.0));
  CHECK(activation_derivative({Activation::sigmoid, 0}, 10) < 5e-5);
  CHECK(activation_derivative({Activation::tanh, 0}, 10) < 1e-8);
  CHECK(activation_derivative({Activation::relu, 0}, 10) == 1.0);
}

TEST_CASE("activation table ids round-trip and unknown ids are refused naming the field", "[activation]") {
  const auto& table = activation_table();
  REQUIRE(table.size() == 14);
  for (size_t i = 0; i < table.size(); ++i) {
    CHECK(static_cast<size_t>(table[i].kind) == i);
    CHECK(activation_from_id(table[i].id) == table[i].kind);
    CHECK(&activation_info(table[i].kind) == &table[i]);
  }
  CHECK(activation_info(Activation::leaky_relu).default_alpha == 0.01);
  CHECK(activation_info(Activation::elu).default_alpha == 1.0);
  CHECK_THROWS_AS(activation_from_id("swish"), ConfigError);
  CHECK_THROWS_WITH(activation_from_id("swish", "hidden[2].activation"),
                    Contains("hidden[2].activation") && Contains("swish") && Contains("relu"));
}

TEST_CASE("sigmoid and tanh keep their relative precision in the tails and near 0", "[activation][precision]") {
  // Against long double references. The batch forms once lost it: 0.5 tanh(z/2) + 0.5 gave
  // sigmoid(-35) 3 % off and sigmoid(-39) = 0; 1 - 2/(e^2z + 1) gave tanh(1e-12) 9e-5 off.
  std::vector<double> zs;
  for (double m : {1e-300, 1e-100, 1e-20, 1e-12, 1e-8, 1e-5, 1e-3, 0.004, 0.0099999, 0.01, 0.0100001,
                   0.02,   0.05,   0.1,   0.3,   0.5,  0.9,  1.0,  2.0,   3.7,       5.0,  10.0,
                   17.0,   19.0,   20.0,  30.0,  35.0, 39.0, 50.0, 100.0, 300.0,     700.0}) {
    zs.push_back(m);
    zs.push_back(-m);
  }
  zs.push_back(0.0);
  Mat z(1, static_cast<Eigen::Index>(zs.size())), a(z.rows(), z.cols());
  for (size_t i = 0; i < zs.size(); ++i) z(0, static_cast<Eigen::Index>(i)) = zs[i];
  auto rel = [](double got, long double want) {
    return want == 0 ? std::abs(got) : static_cast<double>(std::abs((static_cast<long double>(got) - want) / want));
  };

  activate<double>({Activation::sigmoid, 0}, z, a);
  for (size_t i = 0; i < zs.size(); ++i) {
    const long double want = 1.0L / (1.0L + std::exp(-static_cast<long double>(zs[i])));
    INFO("sigmoid(" << zs[i] << ") = " << a(0, static_cast<Eigen::Index>(i)));
    CHECK(rel(a(0, static_cast<Eigen::Index>(i)), want) < 1e-12);
    CHECK(rel(activation_value({Activation::sigmoid, 0}, zs[i]), want) < 1e-12);
  }
  Mat out(z.rows(), z.cols());
  output_activate<double>(Output::sigmoid_bce, z, out);  // the output unit is the same function
  CHECK(out == a);
  activate<double>({Activation::tanh, 0}, z, a);
  for (size_t i = 0; i < zs.size(); ++i) {
    const long double want = std::tanh(static_cast<long double>(zs[i]));
    INFO("tanh(" << zs[i] << ") = " << a(0, static_cast<Eigen::Index>(i)));
    CHECK(rel(a(0, static_cast<Eigen::Index>(i)), want) < 1e-12);
    CHECK(rel(activation_value({Activation::tanh, 0}, zs[i]), want) < 1e-12);
  }
  output_activate<double>(Output::tanh_mse, z, out);
  CHECK(out == a);
}
