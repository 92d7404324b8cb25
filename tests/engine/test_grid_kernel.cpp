// The float grid kernel (engine/grid_kernel.cpp) against the double forward
// pass: every hidden activation and every output unit, at pixels that include
// each chunk's vector tails, with weights large enough to saturate the units.
#include <catch2/catch.hpp>
#include <cmath>

#include "trainer.hpp"

using namespace nnp;

namespace {

// Float tolerance: |grid - double| <= 2e-5 max(1, |double|) for the trained
// weights: 2e-5 absolute for the bounded units, relative beyond 1 for the
// unbounded ones (the worst seen is 7e-6: float weights and sums). With the
// weights scaled up, z sums terms of hundreds that cancel: there 2e-5 times
// the rounding scale (see Expected; the worst seen is 3e-7 of it).
constexpr double kTolerance = 2e-5;

// Every map's value at (x1, x2) in double (features, each layer's f(z), the
// output unit); its rounding scale: how large float's rounding error may grow
// there, |x| for an input, then s = L (|b| + sum |W_ij| s_j) for a neuron
// whose unit changes by at most L times a change of z (the sums' terms carry
// float's relative error, the unit passes it on); and whether some step/sign
// unit sits so near its jump that float and double may fall on different sides.
struct Expected {
  std::vector<double> values, scale;
  bool near_jump = false;
};

double slope_bound(Activation a) {
  switch (a) {
    case Activation::selu: return 1.76;  // lambda alpha
    case Activation::gelu: return 1.13;
    case Activation::silu: return 1.1;
    case Activation::step:
    case Activation::sign: return 0;  // exact away from the jump
    default: return 1;                // elu and leaky_relu with alpha <= 1 too
  }
}

bool jumps(const ActivationFn& f) { return f.kind == Activation::step || f.kind == Activation::sign; }

Expected double_pass(const Trainer& t, double x1, double x2) {
  const auto& c = t.config();
  Vec a(static_cast<Eigen::Index>(c.features.size()));
  for (size_t k = 0; k < c.features.size(); ++k) a(Eigen::Index(k)) = feature_value(c.features[k], x1, x2);
  Expected e;
  e.values.assign(a.data(), a.data() + a.size());
  Vec s = a.cwiseAbs();
  e.scale.assign(s.data(), s.data() + s.size());
  const auto& L = t.network().layers();
  for (size_t l = 0; l < L.size(); ++l) {
    const Vec z = L[l].W * a + L[l].b;
    const bool last = l + 1 == L.size();
    s = (L[l].W.cwiseAbs() * s + L[l].b.cwiseAbs()) * (last ? 1.0 : slope_bound(L[l].f.kind));
    e.scale.insert(e.scale.end(), s.data(), s.data() + s.size());
    if ((last ? c.output == Output::perceptron : jumps(L[l].f)) && z.cwiseAbs().minCoeff() < 1e-3) e.near_jump = true;
    if (last) {
      Mat zm = z, am(z.size(), 1);
      output_activate<double>(c.output, zm, am);
      a = am.col(0);
    } else {
      a = z.unaryExpr([&](double v) { return activation_value(L[l].f, v); });
    }
    e.values.insert(e.values.end(), a.data(), a.data() + a.size());
  }
  return e;
}

// Multiplies every weight and bias by `s` (to reach the units' tails).
void scale_weights(Trainer& t, double s) {
  std::vector<Mat> W;
  std::vector<Vec> b;
  for (const auto& l : t.network().layers()) {
    W.push_back(l.W * s);
    b.push_back(l.b * s);
  }
  t.set_parameters(W, b);
}

// Largest |grid - double| / max(1, |double|) (or / max(1, rounding scale)
// with `by_scale`) over the sampled pixels: every pixel of the first, middle
// and last rows (the last chunk's tail) and every 7th pixel elsewhere; pixels
// next to a step/sign jump are left out.
double worst_error(Trainer& t, int n, bool by_scale, int* compared) {
  const Grid& g = t.evaluate_grid(n);
  const size_t pixels = size_t(n) * size_t(n);
  const double h = (g.hi - g.lo) / n;
  double worst = 0;
  *compared = 0;
  int sampled = 0;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      if (!(i == 0 || i == n / 2 || i == n - 1 || (i * n + j) % 7 == 0)) continue;
      ++sampled;
      const Expected e = double_pass(t, g.lo + (j + 0.5) * h, g.hi - (i + 0.5) * h);
      REQUIRE(e.values.size() == size_t(g.maps));
      if (e.near_jump) continue;
      ++*compared;
      for (int m = 0; m < g.maps; ++m) {
        const double got = g.values[size_t(m) * pixels + size_t(i) * size_t(n) + size_t(j)];
        const double err = std::abs(got - e.values[size_t(m)]) /
                           std::max(1.0, by_scale ? e.scale[size_t(m)] : std::abs(e.values[size_t(m)]));
        if (!(err <= worst)) {  // NaN too
          INFO("n " << n << " pixel " << i << "," << j << " map " << m << ": grid " << got << ", double "
                    << e.values[size_t(m)]);
          CHECK(err < kTolerance);
          worst = std::isnan(err) ? 1.0 : err;
        }
      }
    }
  CHECK(*compared >= sampled * 9 / 10);
  return worst;
}

// n = 2 (4 pixels), 7 (49: a tail of 1 after 48), 16 (one chunk of 256), 100
// (10000: 39 chunks + 16), 129 (16641: a remainder of 1 joins the last chunk).
constexpr int kSizes[] = {2, 7, 16, 100, 129};

}  // namespace

TEST_CASE("grid kernel: every hidden activation agrees with the double forward pass", "[grid][grid_kernel]") {
  for (const auto& info : activation_table()) {
    Config c;
    c.dataset = DatasetKind::spiral;
    c.features = {Feature::x1,     Feature::x2,     Feature::x1sq,   Feature::x2sq,  Feature::x1x2,
                  Feature::sin_x1, Feature::sin_x2, Feature::cos_x1, Feature::cos_x2};
    const ActivationFn f{info.kind, info.has_alpha ? info.default_alpha : 0.0};
    c.hidden = {{8, f}, {5, f}, {3, f}};
    c.init = Init::xavier_normal;
    Trainer t(c);
    t.train_epochs(3);
    for (const double s : {1.0, 4.0}) {  // x4: the tails (tanh clamps past 7.9, exp underflows)
      if (s != 1.0) scale_weights(t, s);
      for (const int n : kSizes) {
        INFO("activation " << info.id << ", weights x" << s);
        int compared = 0;
        CHECK(worst_error(t, n, s != 1.0, &compared) < kTolerance);
      }
    }
  }
}

TEST_CASE("grid kernel: every output unit agrees with the double forward pass", "[grid][grid_kernel]") {
  for (const auto& info : output_table()) {
    Config c;
    if (info.multiclass) {
      c.dataset = DatasetKind::blobs;
      c.classes = 4;
    } else if (!info.classification) {
      c.dataset = DatasetKind::reg_gauss;
    } else {
      c.dataset = DatasetKind::xor_;
    }
    c.output = info.kind;
    c.features = {Feature::x1, Feature::x2, Feature::x1x2};
    if (info.no_hidden_layers)
      c.hidden = {};
    else
      c.hidden = {{6, {Activation::tanh, 0}}, {4, {Activation::relu, 0}}};
    Trainer t(c);
    t.train_epochs(3);
    for (const double s : {1.0, 3.0}) {
      if (s != 1.0) scale_weights(t, s);
      for (const int n : kSizes) {
        INFO("output " << info.id << ", weights x" << s);
        int compared = 0;
        CHECK(worst_error(t, n, s != 1.0, &compared) < kTolerance);
      }
    }
  }
}
