// The network: forward propagation in matrix form, backpropagation checked
// against central differences on random small networks, and the initial
// weights of each scheme.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "loss.hpp"
#include "network.hpp"
#include "rng.hpp"

using namespace nnp;

namespace {

std::vector<ActivationFn> differentiable_activations() {
  std::vector<ActivationFn> fns;
  for (const auto& info : activation_table())
    if (info.trainable) fns.push_back({info.kind, info.has_alpha ? 0.2 : 0.0});
  return fns;
}

bool has_kink(Activation k) {
  return k == Activation::relu || k == Activation::leaky_relu || k == Activation::abs || k == Activation::elu ||
         k == Activation::selu;
}

void randomize(Network& net, Rng& rng) {
  for (auto& l : net.layers()) {
    for (Eigen::Index i = 0; i < l.W.size(); ++i) l.W.data()[i] = rng.normal(0, 0.9);
    for (Eigen::Index i = 0; i < l.b.size(); ++i) l.b(i) = rng.normal(0, 0.4);
  }
}

double loss_of(const Network& net, Output o, const Mat& x, const Mat& y) {
  Workspace ws;
  net.reserve(ws, x.cols());
  net.forward(x, ws);
  return output_loss(o, ws.z.back().leftCols(x.cols()), y);
}

// Smallest distance of any pre-activation at a kink (hidden layers with a kink
// at 0, and the output for the piecewise-linear losses) from that kink.
double kink_margin(const Network& net, Output o, const Mat& x, const Mat& y) {
  Workspace ws;
  net.reserve(ws, x.cols());
  net.forward(x, ws);
  double m = 1e9;
  const auto& L = net.layers();
  for (size_t l = 0; l + 1 < L.size(); ++l)
    if (has_kink(L[l].f.kind)) m = std::min(m, ws.z[l].cwiseAbs().minCoeff());
  const Mat& z = ws.z.back();
  if (o == Output::linear_hinge) m = std::min(m, (1.0 - (y.array() * z.array())).abs().minCoeff());
  if (o == Output::perceptron) m = std::min(m, z.cwiseAbs().minCoeff());
  if (o == Output::linear_mae) m = std::min(m, (z - y).cwiseAbs().minCoeff());
  return m;
}

Mat make_targets(Output o, int K, Eigen::Index n, Rng& rng) {
  Mat y(K, n);
  const Task task = output_info(o).multiclass       ? Task::multiclass
                    : output_info(o).classification ? Task::binary
                                                    : Task::regression;
  for (Eigen::Index j = 0; j < n; ++j) {
    const double label = task == Task::regression ? rng.uniform(-1, 1) : static_cast<double>(rng.below(K < 2 ? 2 : K));
    encode_target(o, task, label, y.col(j));
  }
  return y;
}

}  // namespace

TEST_CASE("backpropagation equals central differences of the loss on random small networks", "[network][gradcheck]") {
  const auto acts = differentiable_activations();
  const std::vector<Output> outputs = {Output::tanh_mse,   Output::sigmoid_bce,  Output::sigmoid_mse,
                                       Output::softmax_ce, Output::linear_hinge, Output::linear_mse,
                                       Output::linear_mae, Output::perceptron};
  Rng rng(2024);
  int checked_nets = 0, checked_params = 0;
  std::vector<int> activation_uses(activation_table().size(), 0);
  size_t next_activation = 0;
  for (int trial = 0; trial < 64; ++trial) {
    const int depth = trial % 4;  // 0..3 hidden layers
    const Output o = outputs[static_cast<size_t>(trial) % outputs.size()];
    const int inputs = 1 + static_cast<int>(rng.below(4));
    const int K = output_info(o).multiclass ? 2 + static_cast<int>(rng.below(3)) : 1;
    std::vector<std::pair<int, ActivationFn>> hidden;
    for (int l = 0; l < depth; ++l)
      hidden.emplace_back(1 + static_cast<int>(rng.below(5)), acts[next_activation++ % acts.size()]);
    Network net(inputs, hidden, K);
    const Eigen::Index n = 5;  // a batch of several samples
    Mat x(inputs, n);
    Mat y;
    // Redraw until no pre-activation sits within 1e-3 of a kink.
    for (int attempt = 0;; ++attempt) {
      REQUIRE(attempt < 50);
      randomize(net, rng);
      for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.uniform(-2, 2);
      y = make_targets(o, K, n, rng);
      if (kink_margin(net, o, x, y) > 1e-3) break;
    }
    for (const auto& h : hidden) ++activation_uses[static_cast<size_t>(h.second.kind)];

    // Analytic: forward, dL/dz of the output from the loss pair, backward.
    Workspace ws;
    Gradients g;
    net.reserve(ws, 8);  // capacity larger than the batch: only the first n columns count
    net.reserve(g);
    net.forward(x, ws);
    output_gradient(o, ws.z.back().leftCols(n), y, ws.delta.back().leftCols(n));
    net.backward(x, ws, g);

    const double h = 1e-6;
    double max_rel = 0;
    for (size_t l = 0; l < net.layers().size(); ++l) {
      auto check = [&](double& param, double analytic) {
        const double keep = param;
        param = keep + h;
        const double up = loss_of(net, o, x, y);
        param = keep - h;
        const double down = loss_of(net, o, x, y);
        param = keep;
        const double numeric = (up - down) / (2 * h);
        const double err = std::abs(analytic - numeric);
        const double scale = std::max(std::abs(analytic), std::abs(numeric));
        if (scale > 1e-7)
          max_rel = std::max(max_rel, err / scale);
        else
          CHECK(err < 1e-9);
        ++checked_params;
      };
      Layer& L = net.layers()[l];
      for (Eigen::Index i = 0; i < L.W.rows(); ++i)
        for (Eigen::Index k = 0; k < L.W.cols(); ++k) check(L.W(i, k), g.dW[l](i, k));
      for (Eigen::Index i = 0; i < L.b.size(); ++i) check(L.b(i), g.db[l](i));
    }
    INFO("trial " << trial << ": " << depth << " hidden layers, output " << output_info(o).id);
    CHECK(max_rel < 1e-4);
    ++checked_nets;
  }
  CHECK(checked_nets == 64);
  CHECK(checked_params > 1000);
  for (const auto& f : acts) {
    INFO(activation_info(f.kind).id);
    CHECK(activation_uses[static_cast<size_t>(f.kind)] > 0);  // every activation took part
  }
}

TEST_CASE("forward pass is z = W a + b, a = f(z) layer by layer", "[network]") {
  Network net(2, {{3, {Activation::tanh, 0}}}, 1);
  auto& L = net.layers();
  L[0].W << 0.5, -1.0, 0.25, 0.75, -0.5, 0.1;
  L[0].b << 0.1, -0.2, 0.3;
  L[1].W << 1.0, -2.0, 0.5;
  L[1].b << 0.05;
  Mat x(2, 2);
  x << 1.0, -2.0, 2.0, 0.5;  // samples (1, 2) and (-2, 0.5)
  Workspace ws;
  net.reserve(ws, 2);
  net.forward(x, ws);
  // Sample 1 by hand.
  const double z1 = 0.5 * 1 - 1.0 * 2 + 0.1, z2 = 0.25 * 1 + 0.75 * 2 - 0.2, z3 = -0.5 * 1 + 0.1 * 2 + 0.3;
  CHECK(ws.z[0](0, 0) == Approx(z1));
  CHECK(ws.z[0](1, 0) == Approx(z2));
  CHECK(ws.z[0](2, 0) == Approx(z3).margin(1e-15));
  CHECK(ws.a[0](1, 0) == Approx(std::tanh(z2)));
  CHECK(ws.z[1](0, 0) == Approx(std::tanh(z1) - 2 * std::tanh(z2) + 0.5 * std::tanh(z3) + 0.05));
  // The output layer is linear: a = z, the logits.
  CHECK(ws.a[1](0, 1) == ws.z[1](0, 1));
  CHECK(net.parameter_count() == 6 + 3 + 3 + 1);
}

TEST_CASE("linear layers compose to one linear map: W3 W2 W1 x + b~", "[network][notes]") {
  Rng rng(11);
  const ActivationFn lin{Activation::linear, 0};
  Network net(2, {{4, lin}, {3, lin}}, 2);
  randomize(net, rng);
  const auto& L = net.layers();
  const Mat W = L[2].W * L[1].W * L[0].W;                      // 2 x 2: the collapsed map
  const Vec b = L[2].W * (L[1].W * L[0].b + L[1].b) + L[2].b;  // its bias
  Mat x(2, 7);
  for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = rng.uniform(-6, 6);
  Workspace ws;
  net.reserve(ws, 7);
  net.forward(x, ws);
  const Mat expected = (W * x).colwise() + b;
  CHECK((ws.z.back() - expected).cwiseAbs().maxCoeff() < 1e-12);
  CHECK(W.rows() == 2);
  CHECK(W.cols() == 2);
}

TEST_CASE("initial weights follow each scheme's formula and the seed", "[network][init]") {
  Network net(20, {{30, {Activation::tanh, 0}}}, 10);
  auto weights = [&](Init s, std::uint64_t seed) {
    net.initialize(s, seed);
    return net.layers()[0].W;
  };
  const double fan_in = 20, fan_out = 30;
  SECTION("tfp: U(-0.5, 0.5) and bias 0.1") {
    const Mat W = weights(Init::tfp, 3);
    CHECK(W.maxCoeff() < 0.5);
    CHECK(W.minCoeff() >= -0.5);
    CHECK(W.maxCoeff() > 0.45);
    CHECK(net.layers()[0].b.isConstant(0.1));
    CHECK(net.layers()[1].b.isConstant(0.1));
  }
  SECTION("zeros: every weight and bias 0") {
    weights(Init::zeros, 3);
    for (const auto& l : net.layers()) {
      CHECK(l.W.isZero(0));
      CHECK(l.b.isZero(0));
    }
  }
  SECTION("xavier_uniform and he_uniform bounds") {
    const double rx = std::sqrt(6 / (fan_in + fan_out)), rh = std::sqrt(6 / fan_in);
    Mat W = weights(Init::xavier_uniform, 3);
    CHECK(W.cwiseAbs().maxCoeff() <= rx);
    CHECK(W.cwiseAbs().maxCoeff() > 0.9 * rx);
    CHECK(net.layers()[0].b.isZero(0));
    W = weights(Init::he_uniform, 3);
    CHECK(W.cwiseAbs().maxCoeff() <= rh);
    CHECK(W.cwiseAbs().maxCoeff() > 0.9 * rh);
  }
  SECTION("xavier_normal and he_normal standard deviations (600 draws, within 12 %)") {
    auto sd = [](const Mat& W) { return std::sqrt(W.array().square().mean()); };
    CHECK(sd(weights(Init::xavier_normal, 3)) == Approx(std::sqrt(2 / (fan_in + fan_out))).epsilon(0.12));
    CHECK(sd(weights(Init::he_normal, 3)) == Approx(std::sqrt(2 / fan_in)).epsilon(0.12));
  }
  SECTION("same seed, same weights; another seed, other weights") {
    const Mat a = weights(Init::he_normal, 5), b = weights(Init::he_normal, 5), c = weights(Init::he_normal, 6);
    CHECK(a == b);
    CHECK(a != c);
  }
  CHECK(init_from_id(init_id(Init::he_uniform)) == Init::he_uniform);
}
