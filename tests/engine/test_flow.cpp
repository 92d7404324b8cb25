// Gradient flow (grad_rms_l, saturation_l in the history), forward_from and
// the hidden-space view.
#include <catch2/catch.hpp>
#include <cmath>

#include "flow.hpp"
#include "loss.hpp"
#include "rng.hpp"
#include "trainer.hpp"

using namespace nnp;

namespace {
// Eight custom points, all in the training set, in a fixed order.
Trainer small_trainer(std::vector<HiddenLayer> hidden, int batch, double lr = 0.1) {
  Config c;
  c.hidden = std::move(hidden);
  c.batch_size = batch;
  c.shuffle = false;
  c.optimizer.learning_rate = lr;
  Trainer t(c);
  std::vector<Point> pts;
  for (int i = 0; i < 8; ++i) pts.push_back({-3.0 + 0.8 * i, 2.0 - 0.5 * i, i % 3 == 0 ? 1.0 : 0.0});
  t.set_points(pts, std::vector<char>(pts.size(), 0));
  return t;
}

// mean over entries of (the mean over `batch` of the traces' dW)^2, per layer.
std::vector<double> batch_mean_square(Trainer& t, const std::vector<Point>& batch) {
  std::vector<Mat> sum;
  for (const Point& p : batch) {
    const SampleTrace tr = t.trace(p);
    if (sum.empty())
      sum = tr.dW;
    else
      for (size_t l = 0; l < sum.size(); ++l) sum[l] += tr.dW[l];
  }
  std::vector<double> ms;
  for (auto& m : sum) {
    m /= static_cast<double>(batch.size());
    ms.push_back(m.squaredNorm() / static_cast<double>(m.size()));
  }
  return ms;
}

double history_value(const Trainer& t, const std::string& name) { return t.history().column(name).back(); }
}  // namespace

TEST_CASE("history columns: the base ones, grad_rms per weight layer, saturation per hidden layer", "[flow]") {
  Trainer t = small_trainer({{3, {Activation::tanh, 0}}, {2, {Activation::relu, 0}}}, 8);
  CHECK(t.history().columns() == std::vector<std::string>{"epoch", "train_loss", "test_loss", "train_accuracy",
                                                          "test_accuracy", "grad_rms_0", "grad_rms_1", "grad_rms_2",
                                                          "saturation_0", "saturation_1"});
  t.train_epochs(3);
  for (const auto& col : t.history().data()) CHECK(col.size() == 4);  // epochs 0 to 3
  // Epoch 0 is before any step: no gradient measured, so no flow figures.
  CHECK(t.history().column("epoch")[0] == 0);
  for (const char* name : {"grad_rms_0", "grad_rms_2", "saturation_0", "saturation_1"})
    CHECK(std::isnan(t.history().column(name)[0]));
  CHECK(std::isfinite(t.history().column("grad_rms_0")[1]));
}

TEST_CASE("grad_rms is the RMS of the trace's dL/dW, averaged over the batch, over the epoch's steps", "[flow]") {
  SECTION("one step per epoch: the batch is the whole set") {
    Trainer t = small_trainer({{3, {Activation::tanh, 0}}}, 8);
    const std::vector<double> ms = batch_mean_square(t, t.points());
    t.train_epochs(1);
    REQUIRE(t.steps() == 1);
    for (size_t l = 0; l < ms.size(); ++l)
      CHECK(history_value(t, "grad_rms_" + std::to_string(l)) == Approx(std::sqrt(ms[l])).epsilon(1e-12));
  }
  SECTION("two steps per epoch: sqrt of the mean of the two steps' mean squares") {
    Trainer t = small_trainer({{3, {Activation::sigmoid, 0}}, {2, {Activation::tanh, 0}}}, 4, 0.5);
    const auto& p = t.points();
    const std::vector<Point> first(p.begin(), p.begin() + 4), second(p.begin() + 4, p.end());
    const std::vector<double> ms1 = batch_mean_square(t, first);
    t.train_steps(1);
    const std::vector<double> ms2 = batch_mean_square(t, second);  // after the first step's update
    t.train_steps(1);
    REQUIRE(t.epoch() == 1);
    for (size_t l = 0; l < ms1.size(); ++l)
      CHECK(history_value(t, "grad_rms_" + std::to_string(l)) ==
            Approx(std::sqrt((ms1[l] + ms2[l]) / 2)).epsilon(1e-12));
  }
}

TEST_CASE("saturation counts saturated tanh/sigmoid unit-samples and dead ReLUs", "[flow]") {
  SECTION("tanh: two of four units pinned at +-1 on every sample") {
    Trainer t = small_trainer({{4, {Activation::tanh, 0}}}, 8, 1e-4);
    t.set_bias(0, 0, 50.0);   // tanh(50 + ...) = 1
    t.set_bias(0, 2, -50.0);  // -1
    for (Eigen::Index u : {0, 1, 2, 3})
      for (Eigen::Index i : {0, 1}) t.set_weight(0, u, i, u == 3 ? 0.05 : 0.0);
    t.set_bias(0, 1, 0.0);  // a = 0
    t.set_bias(0, 3, 0.0);  // |a| <= tanh(0.05 * 3 * 2) < 0.99
    t.train_epochs(1);
    CHECK(history_value(t, "saturation_0") == 0.5);
  }
  SECTION("sigmoid: the outer 1% of (0, 1) on either side") {
    Trainer t = small_trainer({{2, {Activation::sigmoid, 0}}}, 8, 1e-4);
    for (Eigen::Index u : {0, 1})
      for (Eigen::Index i : {0, 1}) t.set_weight(0, u, i, 0.0);
    t.set_bias(0, 0, 5.0);  // sigmoid(5) = 0.9933: below 0.995, not saturated
    t.set_bias(0, 1, 6.0);  // 0.9975: saturated
    t.train_epochs(1);
    CHECK(history_value(t, "saturation_0") == 0.5);
  }
  SECTION("relu: a unit is dead when it is zero on every sample of the epoch") {
    Trainer t = small_trainer({{3, {Activation::relu, 0}}}, 4, 1e-4);
    for (Eigen::Index i : {0, 1}) {
      t.set_weight(0, 0, i, 0.0);
      t.set_weight(0, 1, i, 0.0);
      t.set_weight(0, 2, i, 0.0);
    }
    t.set_weight(0, 2, 0, 1.0);  // unit 2: x1 - 2, positive on the last points only: alive
    t.set_bias(0, 0, -1.0);      // dead
    t.set_bias(0, 1, 1.0);       // alive
    t.set_bias(0, 2, -2.0);
    t.train_epochs(1);
    CHECK(history_value(t, "saturation_0") == Approx(1.0 / 3.0));
  }
  SECTION("activations without a flat region give NaN") {
    Trainer t = small_trainer({{3, {Activation::leaky_relu, 0.01}}}, 8);
    t.train_epochs(1);
    CHECK(std::isnan(history_value(t, "saturation_0")));
  }
  SECTION("the rule table: every activation has a row; bounded ones know their bounds") {
    for (const auto& a : activation_table()) CHECK(has_saturation_rule(a.kind));
    CHECK(saturation_rule(Activation::tanh).kind == SaturationRule::near_bounds);
    CHECK(saturation_rule(Activation::sigmoid).lo == 0.0);
    CHECK(saturation_rule(Activation::relu).kind == SaturationRule::dead);
  }
}

TEST_CASE("forward_from(l, a_(l-1)) equals the full forward pass for every l, in double and float", "[flow][network]") {
  Rng rng(5, 0);
  Network net(3, {{5, {Activation::tanh, 0}}, {4, {Activation::relu, 0}}, {3, {Activation::sigmoid, 0}}}, 2);
  net.initialize(Init::xavier_normal, 11);
  Mat x(3, 7);
  for (Eigen::Index i = 0; i < x.size(); ++i) x(i) = rng.uniform() * 4 - 2;
  Workspace full, part;
  net.reserve(full, 7);
  net.reserve(part, 7);
  net.forward(x, full);
  for (size_t l = 1; l < net.layers().size(); ++l) {
    const Mat in = full.a[l - 1];
    net.forward_from<double>(l, in, part);
    for (size_t k = l; k < net.layers().size(); ++k) {
      CHECK(part.z[k] == full.z[k]);
      CHECK(part.a[k] == full.a[k]);
    }
  }
  WorkspaceF f;
  net.reserve(f, 7);
  net.load_weights(f);
  const MatF xf = x.cast<float>();
  net.forward_from<float>(0, xf, f);
  CHECK((f.z.back().cast<double>() - full.z.back()).cwiseAbs().maxCoeff() < 1e-5);
}

TEST_CASE("hidden_space: the points at their hidden values, the rest of the network over the plane, the grid lines",
          "[flow][hidden]") {
  Config c;
  c.dataset = DatasetKind::circle;
  c.samples = 60;
  c.hidden = {{2, {Activation::tanh, 0}}};
  Trainer t(c);
  t.train_epochs(20);
  const HiddenSpace hs = t.hidden_space(0, 0, 1, 40);
  REQUIRE(hs.points.size() == 2 * t.points().size());
  for (size_t i = 0; i < t.points().size(); ++i) {
    const SampleTrace tr = t.trace(t.points()[i]);
    CHECK(hs.points[2 * i] == Approx(tr.a[0](0)).epsilon(1e-12));
    CHECK(hs.points[2 * i + 1] == Approx(tr.a[0](1)).epsilon(1e-12));
    CHECK(hs.points[2 * i] > hs.x_lo);
    CHECK(hs.points[2 * i] < hs.x_hi);
    CHECK(hs.points[2 * i + 1] > hs.y_lo);
    CHECK(hs.points[2 * i + 1] < hs.y_hi);
  }
  // Pixel (i, j): the output layer applied to the plane point at its centre.
  const Layer& out = t.network().layers()[1];
  REQUIRE(hs.output.size() == 40u * 40u);
  for (int i : {0, 7, 39})
    for (int j : {0, 21, 39}) {
      Vec a(2);
      a << hs.x_lo + (j + 0.5) * (hs.x_hi - hs.x_lo) / 40, hs.y_hi - (i + 0.5) * (hs.y_hi - hs.y_lo) / 40;
      const double want = std::tanh((out.W * a + out.b)(0));  // tanh_mse's output unit
      CHECK(hs.output[size_t(i * 40 + j)] == Approx(want).margin(1e-6));
    }
  // The first vertical line starts at the plane's corner (-6, -6), through the layer.
  const SampleTrace corner = t.trace({-kDomain, -kDomain, 0});
  CHECK(hs.lines[0] == Approx(corner.a[0](0)));
  CHECK(hs.lines[1] == Approx(corner.a[0](1)));
  CHECK(hs.lines.size() == size_t(2 * HiddenSpace::kLines * HiddenSpace::kLinePoints * 2));
  // Refusals name what was wrong.
  CHECK_THROWS_WITH(t.hidden_space(1, 0, 1, 40), Catch::Contains("layer: got 1"));
  CHECK_THROWS_WITH(t.hidden_space(0, 1, 1, 40), Catch::Contains("unit 2"));
  CHECK_THROWS_WITH(t.hidden_space(0, 0, 2, 40), Catch::Contains("unit 2: got 2"));
  CHECK_THROWS_WITH(t.hidden_space(0, 0, 1, 1), Catch::Contains("grid size"));
}

TEST_CASE("hidden_space of a wider layer holds the other units at their mean over the data", "[flow][hidden]") {
  Config c;
  c.dataset = DatasetKind::xor_;
  c.samples = 40;
  c.hidden = {{3, {Activation::tanh, 0}}};
  Trainer t(c);
  t.train_epochs(5);
  const HiddenSpace hs = t.hidden_space(0, 2, 0, 10);
  double mean1 = 0;
  for (const Point& p : t.points()) mean1 += t.trace(p).a[0](1);
  mean1 /= static_cast<double>(t.points().size());
  const Layer& out = t.network().layers()[1];
  Vec a(3);
  a << hs.y_hi - 0.5 * (hs.y_hi - hs.y_lo) / 10, mean1, hs.x_lo + 0.5 * (hs.x_hi - hs.x_lo) / 10;  // pixel (0, 0)
  CHECK(hs.output[0] == Approx(std::tanh((out.W * a + out.b)(0))).margin(1e-6));
}
