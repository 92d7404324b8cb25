// The pictures: every neuron's value over an n x n grid of the plane, checked
// against predict() and a double-precision forward pass at the pixel centres.
#include <catch2/catch.hpp>
#include <cmath>

#include "error.hpp"
#include "trainer.hpp"

using namespace nnp;
using Catch::Matchers::Contains;

namespace {

float pixel(const Grid& g, int map, int i, int j) {
  return g.values[static_cast<size_t>(map) * g.n * g.n + static_cast<size_t>(i) * g.n + static_cast<size_t>(j)];
}

// Every neuron of every layer at (x1, x2), in double: features, then each
// layer's a = f(z), then the output unit.
std::vector<double> neurons_at(const Trainer& t, double x1, double x2) {
  const auto& c = t.config();
  Vec a(static_cast<Eigen::Index>(c.features.size()));
  for (size_t k = 0; k < c.features.size(); ++k) a(Eigen::Index(k)) = feature_value(c.features[k], x1, x2);
  std::vector<double> out(a.data(), a.data() + a.size());
  const auto& L = t.network().layers();
  for (size_t l = 0; l < L.size(); ++l) {
    const Vec z = L[l].W * a + L[l].b;
    Vec next(z.size());
    if (l + 1 < L.size()) {
      for (Eigen::Index i = 0; i < z.size(); ++i) next(i) = activation_value(L[l].f, z(i));
    } else {
      Mat zm = z, am(z.size(), 1);
      output_activate<double>(c.output, zm, am);
      next = am.col(0);
    }
    a = next;
    out.insert(out.end(), a.data(), a.data() + a.size());
  }
  return out;
}

void check_grid(Trainer& t, int n, double lo = -kDomain, double hi = kDomain) {
  const Grid& g = t.evaluate_grid(n, lo, hi);
  const auto& L = t.network().layers();
  int neurons = 0;
  for (const auto& l : L) neurons += static_cast<int>(l.W.rows());
  const int F = static_cast<int>(t.config().features.size());
  REQUIRE(g.n == n);
  REQUIRE(g.maps == F + neurons);  // inputs plus every neuron, output included
  REQUIRE(g.values.size() == static_cast<size_t>(g.maps) * n * n);
  REQUIRE(g.map_start.size() == L.size() + 1);
  CHECK(g.map_start[0] == 0);
  CHECK(g.map_start[1] == F);
  CHECK(g.map_start.back() == g.maps - static_cast<int>(L.back().W.rows()));
  const double h = (hi - lo) / n;
  const int K = static_cast<int>(L.back().W.rows());
  double worst = 0;
  for (int i = 0; i < n; i += std::max(1, n / 13)) {
    for (int j = 0; j < n; j += std::max(1, n / 11)) {
      const double x1 = lo + (j + 0.5) * h, x2 = hi - (i + 0.5) * h;  // row 0 is the top
      const auto expected = neurons_at(t, x1, x2);
      REQUIRE(expected.size() == static_cast<size_t>(g.maps));
      for (int m = 0; m < g.maps; ++m) worst = std::max(worst, std::abs(pixel(g, m, i, j) - expected[size_t(m)]));
      const Vec p = t.predict(x1, x2);
      for (int k = 0; k < K; ++k) {
        INFO("pixel " << i << "," << j << " output " << k);
        CHECK(pixel(g, g.map_start.back() + k, i, j) == Approx(p(k)).margin(1e-4));
      }
    }
  }
  CHECK(worst < 1e-4);
}

}  // namespace

TEST_CASE("evaluate_grid: inputs, hidden neurons and output match a double forward pass at pixel centres", "[grid]") {
  SECTION("the default network, trained a little") {
    Trainer t;
    t.train_epochs(20);
    check_grid(t, 50);
    check_grid(t, 7);
    check_grid(t, 200);
  }
  SECTION("many features, mixed activations, a sigmoid output, a zoomed window") {
    Config c;
    c.features = {Feature::x1,     Feature::x2,     Feature::x1sq,   Feature::x2sq,  Feature::x1x2,
                  Feature::sin_x1, Feature::sin_x2, Feature::cos_x1, Feature::cos_x2};
    c.hidden = {{5, {Activation::relu, 0}}, {4, {Activation::selu, 0}}, {3, {Activation::softplus, 0}}};
    c.output = Output::sigmoid_bce;
    c.init = Init::xavier_normal;
    Trainer t(c);
    t.train_epochs(3);
    check_grid(t, 37);  // not a divisor of the chunk size
    check_grid(t, 20, -2.0, 1.0);
  }
  SECTION("softmax output: one map per class, summing to 1 at every pixel") {
    Config c;
    c.dataset = DatasetKind::blobs;
    c.classes = 4;
    c.output = Output::softmax_ce;
    c.hidden = {{6, {Activation::tanh, 0}}};
    Trainer t(c);
    t.train_epochs(5);
    check_grid(t, 30);
    const Grid& g = t.evaluate_grid(30);
    for (int i = 0; i < 30; ++i)
      for (int j = 0; j < 30; ++j) {
        double s = 0;
        for (int k = 0; k < 4; ++k) s += pixel(g, g.map_start.back() + k, i, j);
        CHECK(s == Approx(1).margin(1e-5));
      }
  }
  SECTION("no hidden layer: features and the output only") {
    Config c;
    c.hidden = {};
    c.output = Output::linear_hinge;
    Trainer t(c);
    check_grid(t, 10);
    CHECK(t.evaluate_grid(10).maps == 3);
  }
}

TEST_CASE("evaluate_grid: the input maps are the features, row 0 at the top", "[grid]") {
  Trainer t;
  const Grid& g = t.evaluate_grid(4);  // h = 3: centres -4.5, -1.5, 1.5, 4.5
  CHECK(pixel(g, 0, 0, 0) == -4.5f);   // x1 grows to the right
  CHECK(pixel(g, 0, 0, 3) == 4.5f);
  CHECK(pixel(g, 1, 0, 0) == 4.5f);  // x2 is largest on the top row
  CHECK(pixel(g, 1, 3, 0) == -4.5f);
  CHECK(g.lo == -6);
  CHECK(g.hi == 6);
}

TEST_CASE("evaluate_grid refuses bad sizes and bounds", "[grid]") {
  Trainer t;
  CHECK_THROWS_WITH(t.evaluate_grid(1), Contains("grid size"));
  CHECK_THROWS_WITH(t.evaluate_grid(201), Contains("grid size"));
  CHECK_THROWS_WITH(t.evaluate_grid(10, 1, 1), Contains("grid bounds"));
  CHECK_THROWS_WITH(t.evaluate_grid(10, 0, NAN), Contains("grid bounds"));
  CHECK_NOTHROW(t.evaluate_grid(2));
}
