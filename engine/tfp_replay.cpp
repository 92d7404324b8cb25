#include "tfp_replay.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "seedrandom.hpp"

namespace nnp {

namespace {

// Each expression below keeps TensorFlow Playground's order of operations
// (dataset.ts, nn.ts, and d3 v3's linear scales) so every double comes out the same.
double uniform(SeedRandom& r, double a, double b) { return r.next() * (b - a) + a; }

double normal(SeedRandom& r, double mean, double variance) {
  double v1, v2, s;
  do {
    v1 = 2 * r.next() - 1;
    v2 = 2 * r.next() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1);
  const double result = std::sqrt(-2 * std::log(s) / s) * v1;
  return mean + std::sqrt(variance) * result;
}

// d3.scale.linear().domain([d0, d1]).range([r0, r1]), optionally clamped.
double d3_linear(double x, double d0, double d1, double r0, double r1, bool clamp = false) {
  double t = (x - d0) / (d1 - d0);
  if (clamp) t = std::max(0.0, std::min(1.0, t));
  return r0 * (1 - t) + r1 * t;
}

double dist(double x, double y, double cx, double cy) {
  const double dx = x - cx, dy = y - cy;
  return std::sqrt(dx * dx + dy * dy);
}

// Labels as TensorFlow Playground's: +1 / -1 (classification) or a value.
struct Raw {
  double x, y, label;
};

std::vector<Raw> circle(int n, double noise, SeedRandom& r) {
  std::vector<Raw> pts;
  const double radius = 5;
  for (int ring = 0; ring < 2; ++ring)
    for (int i = 0; i < n / 2.0; ++i) {
      const double rad = ring == 0 ? uniform(r, 0, radius * 0.5) : uniform(r, radius * 0.7, radius);
      const double angle = uniform(r, 0, 2 * std::numbers::pi);
      const double x = rad * std::sin(angle), y = rad * std::cos(angle);
      const double nx = uniform(r, -radius, radius) * noise, ny = uniform(r, -radius, radius) * noise;
      pts.push_back({x, y, dist(x + nx, y + ny, 0, 0) < radius * 0.5 ? 1.0 : -1.0});
    }
  return pts;
}

std::vector<Raw> xor_data(int n, double noise, SeedRandom& r) {
  std::vector<Raw> pts;
  const double padding = 0.3;
  for (int i = 0; i < n; ++i) {
    double x = uniform(r, -5, 5);
    x += x > 0 ? padding : -padding;
    double y = uniform(r, -5, 5);
    y += y > 0 ? padding : -padding;
    const double nx = uniform(r, -5, 5) * noise, ny = uniform(r, -5, 5) * noise;
    pts.push_back({x, y, (x + nx) * (y + ny) >= 0 ? 1.0 : -1.0});
  }
  return pts;
}

std::vector<Raw> two_gauss(int n, double noise, SeedRandom& r) {
  std::vector<Raw> pts;
  const double variance = d3_linear(noise, 0, 0.5, 0.5, 4);
  for (const auto& [c, label] : {std::pair{2.0, 1.0}, std::pair{-2.0, -1.0}})
    for (int i = 0; i < n / 2.0; ++i) {
      const double x = normal(r, c, variance);
      const double y = normal(r, c, variance);
      pts.push_back({x, y, label});
    }
  return pts;
}

std::vector<Raw> spiral(int n, double noise, SeedRandom& r) {
  std::vector<Raw> pts;
  const double half = n / 2.0;
  for (const auto& [delta, label] : {std::pair{0.0, 1.0}, std::pair{std::numbers::pi, -1.0}})
    for (int i = 0; i < half; ++i) {
      const double rad = i / half * 5;
      const double t = 1.75 * i / half * 2 * std::numbers::pi + delta;
      const double x = rad * std::sin(t) + uniform(r, -1, 1) * noise;
      const double y = rad * std::cos(t) + uniform(r, -1, 1) * noise;
      pts.push_back({x, y, label});
    }
  return pts;
}

template <typename Label>
std::vector<Raw> regression(int n, double noise, SeedRandom& r, Label label) {
  std::vector<Raw> pts;
  const double radius = 6;
  for (int i = 0; i < n; ++i) {
    const double x = uniform(r, -radius, radius), y = uniform(r, -radius, radius);
    const double nx = uniform(r, -radius, radius) * noise, ny = uniform(r, -radius, radius) * noise;
    pts.push_back({x, y, label(x + nx, y + ny)});
  }
  return pts;
}

double plane_label(double x, double y) { return d3_linear(x + y, -10, 10, -1, 1); }

double gauss_label(double x, double y) {
  static constexpr double g[6][3] = {{-4, 2.5, 1},   {0, 2.5, -1}, {4, 2.5, 1},
                                     {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  double label = 0;
  for (const auto& [cx, cy, sign] : g) {
    const double v = sign * d3_linear(dist(x, y, cx, cy), 0, 2, 1, 0, true);
    if (std::abs(v) > std::abs(label)) label = v;
  }
  return label;
}

// generateData: the generator, then the shuffle. Leaves `r` where buildNetwork takes over.
std::vector<Point> generate(const Config& c, SeedRandom& r) {
  const double noise = c.noise;
  std::vector<Raw> raw;
  switch (c.dataset) {
    case DatasetKind::circle: raw = circle(TfpLimits::classification_samples, noise, r); break;
    case DatasetKind::xor_: raw = xor_data(TfpLimits::classification_samples, noise, r); break;
    case DatasetKind::gauss: raw = two_gauss(TfpLimits::classification_samples, noise, r); break;
    case DatasetKind::spiral: raw = spiral(TfpLimits::classification_samples, noise, r); break;
    case DatasetKind::reg_plane: raw = regression(TfpLimits::regression_samples, noise, r, plane_label); break;
    case DatasetKind::reg_gauss: raw = regression(TfpLimits::regression_samples, noise, r, gauss_label); break;
    default: break;  // refused by tfp_mismatch
  }
  for (size_t counter = raw.size(); counter > 0;) {
    const auto index = static_cast<size_t>(std::floor(r.next() * static_cast<double>(counter)));
    --counter;
    std::swap(raw[counter], raw[index]);
  }
  const bool regress = c.task() == Task::regression;
  std::vector<Point> pts;
  pts.reserve(raw.size());
  for (const Raw& p : raw) pts.push_back({p.x, p.y, regress ? p.label : (p.label > 0 ? 1.0 : 0.0)});
  return pts;
}

template <typename T, size_t N>
bool one_of(const T (&list)[N], T v) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

// nn.ts's activations and derivatives, as written there.
double act(Activation a, double x) {
  switch (a) {
    case Activation::tanh: return std::tanh(x);
    case Activation::relu: return std::max(0.0, x);
    case Activation::sigmoid: return 1 / (1 + std::exp(-x));
    default: return x;
  }
}
double act_der(Activation a, double x) {
  switch (a) {
    case Activation::tanh: {
      const double o = std::tanh(x);
      return 1 - o * o;
    }
    case Activation::relu: return x <= 0 ? 0 : 1;
    case Activation::sigmoid: {
      const double o = 1 / (1 + std::exp(-x));
      return o * (1 - o);
    }
    default: return 1;
  }
}

}  // namespace

std::string tfp_mismatch(const Config& c) {
  const std::string& s = c.tfp_seed;
  if (s.empty() || s.size() > TfpLimits::max_seed_chars)
    return "the seed text must have 1 to " + std::to_string(TfpLimits::max_seed_chars) + " characters";
  for (char ch : s)
    if (ch < 0x20 || ch > 0x7e) return "the seed text must be printable ASCII";
  using R = TfpRules;
  const bool cls = one_of(R::datasets, c.dataset) && c.task() != Task::regression;
  const bool reg = one_of(R::datasets, c.dataset) && c.task() == Task::regression;
  if (!cls && !reg) return "TensorFlow Playground has no data set \"" + std::string(dataset_info(c.dataset).id) + "\"";
  const int n = cls ? TfpLimits::classification_samples : TfpLimits::regression_samples;
  if (c.samples != n) return "TensorFlow Playground uses " + std::to_string(n) + " points for this data set";
  const double percent = c.train_ratio * 100;
  if (std::abs(percent - std::round(percent)) > 1e-9)
    return "TensorFlow Playground's training share is a whole percent";
  if (c.shuffle) return "TensorFlow Playground does not reshuffle between epochs";
  for (size_t i = 0; i < c.features.size(); ++i) {
    if (!one_of(R::features, c.features[i])) return "TensorFlow Playground has no cos features";
    if (i > 0 && c.features[i] < c.features[i - 1]) return "features must be in TensorFlow Playground's order";
  }
  for (const auto& h : c.hidden) {
    if (!one_of(R::activations, h.activation.kind))
      return "TensorFlow Playground's activations are tanh, relu, sigmoid, linear";
    if (h.activation.kind != c.hidden[0].activation.kind)
      return "TensorFlow Playground uses one activation for all layers";
  }
  if (c.output != (cls ? R::classification_output : R::regression_output))
    return cls ? "TensorFlow Playground classifies with tanh + squared error"
               : "TensorFlow Playground regresses with linear + squared error";
  if (c.optimizer.kind != R::optimizer) return "TensorFlow Playground trains with plain SGD";
  if (!one_of(R::inits, c.init)) return "TensorFlow Playground starts from uniform ±0.5 or zeros";
  return "";
}

size_t tfp_train_count(size_t n, double train_ratio) {
  // Math.floor(data.length * state.percTrainData / 100)
  return static_cast<size_t>(std::floor(static_cast<double>(n) * std::round(train_ratio * 100) / 100));
}

std::vector<Point> tfp_points(const Config& c) {
  SeedRandom r(c.tfp_seed);
  return generate(c, r);
}

void tfp_initialize(const Config& c, Network& net) {
  SeedRandom r(c.tfp_seed);
  generate(c, r);
  const bool zero = c.init == Init::zeros;
  for (auto& l : net.layers()) {
    l.b.setConstant(zero ? 0.0 : 0.1);
    for (Eigen::Index i = 0; i < l.W.rows(); ++i)
      for (Eigen::Index j = 0; j < l.W.cols(); ++j) {
        const double w = r.next() - 0.5;  // drawn even when initZero overwrites it
        l.W(i, j) = zero ? 0.0 : w;
      }
  }
}

void TfpLoop::reset(const Network& net) {
  next_ = 0;
  const auto& layers = net.layers();
  const size_t L = layers.size();
  total_.resize(L), out_.resize(L), out_der_.resize(L), in_der_.resize(L), acc_b_.resize(L);
  acc_w_.resize(L), count_w_.resize(L), count_b_.resize(L), dead_.resize(L);
  for (size_t l = 0; l < L; ++l) {
    const auto n = layers[l].W.rows(), m = layers[l].W.cols();
    total_[l].setZero(n), out_[l].setZero(n), out_der_[l].setZero(n), in_der_[l].setZero(n), acc_b_[l].setZero(n);
    count_b_[l].setZero(n);
    acc_w_[l].setZero(n, m), count_w_[l].setZero(n, m), dead_[l].setZero(n, m);
  }
}

TfpLoop::Result TfpLoop::run(const Config& c, Network& net, const Mat& x, const Mat& y) {
  auto& layers = net.layers();
  const size_t L = layers.size();
  const Activation hidden = c.hidden.empty() ? Activation::linear : c.hidden[0].activation.kind;
  const Activation output = c.output == Output::tanh_mse ? Activation::tanh : Activation::linear;
  const auto kind = [&](size_t l) { return l + 1 == L ? output : hidden; };
  const auto n = static_cast<size_t>(x.cols());
  Result res;
  while (next_ < n && !res.updated) {
    const auto col = static_cast<Eigen::Index>(next_);
    // forwardProp
    for (size_t l = 0; l < L; ++l) {
      const Layer& ly = layers[l];
      for (Eigen::Index i = 0; i < ly.W.rows(); ++i) {
        double t = ly.b(i);
        for (Eigen::Index j = 0; j < ly.W.cols(); ++j) t += ly.W(i, j) * (l == 0 ? x(j, col) : out_[l - 1](j));
        total_[l](i) = t;
        out_[l](i) = act(kind(l), t);
      }
    }
    // backProp with the squared error's derivative output - target
    out_der_[L - 1](0) = out_[L - 1](0) - y(0, col);
    for (size_t l = L; l-- > 0;) {
      const Layer& ly = layers[l];
      for (Eigen::Index i = 0; i < ly.W.rows(); ++i) {
        in_der_[l](i) = out_der_[l](i) * act_der(kind(l), total_[l](i));
        acc_b_[l](i) += in_der_[l](i);
        ++count_b_[l](i);
      }
      for (Eigen::Index i = 0; i < ly.W.rows(); ++i)
        for (Eigen::Index j = 0; j < ly.W.cols(); ++j) {
          if (dead_[l](i, j)) continue;
          acc_w_[l](i, j) += in_der_[l](i) * (l == 0 ? x(j, col) : out_[l - 1](j));
          ++count_w_[l](i, j);
        }
      if (l == 0) continue;
      for (Eigen::Index j = 0; j < ly.W.cols(); ++j) {
        double d = 0;
        for (Eigen::Index i = 0; i < ly.W.rows(); ++i) d += ly.W(i, j) * in_der_[l](i);
        out_der_[l - 1](j) = d;
      }
    }
    ++next_;
    if (next_ % static_cast<size_t>(c.batch_size) != 0) continue;
    // updateWeights
    const double lr = c.optimizer.learning_rate, rate = c.reg_rate;
    for (size_t l = 0; l < L; ++l) {
      Layer& ly = layers[l];
      for (Eigen::Index i = 0; i < ly.W.rows(); ++i) {
        if (count_b_[l](i) > 0) {
          ly.b(i) -= lr * acc_b_[l](i) / count_b_[l](i);
          acc_b_[l](i) = 0;
          count_b_[l](i) = 0;
        }
        for (Eigen::Index j = 0; j < ly.W.cols(); ++j) {
          if (dead_[l](i, j) || count_w_[l](i, j) == 0) continue;
          double& w = ly.W(i, j);
          const double reg_der = c.regularization == Regularization::l2   ? w
                                 : c.regularization == Regularization::l1 ? (w < 0 ? -1.0 : 1.0)
                                                                          : 0.0;
          w = w - (lr / count_w_[l](i, j)) * acc_w_[l](i, j);
          const double next = w - (lr * rate) * reg_der;
          if (c.regularization == Regularization::l1 && w * next < 0) {
            w = 0;  // crossed zero by the penalty alone: TensorFlow Playground's dead link
            dead_[l](i, j) = 1;
          } else {
            w = next;
          }
          acc_w_[l](i, j) = 0;
          count_w_[l](i, j) = 0;
        }
      }
    }
    res.updated = true;
  }
  if (next_ >= n) {
    next_ = 0;
    res.pass_done = true;
  }
  return res;
}

}  // namespace nnp
