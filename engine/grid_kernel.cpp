#include "grid_kernel.hpp"

#include <algorithm>
#include <cstring>

namespace nnp {

namespace {

// Four floats in one vector register (SSE natively, SIMD128 in wasm).
typedef float f32x4 __attribute__((vector_size(16)));
typedef int i32x4 __attribute__((vector_size(16)));

// Pixels of one chunk: every layer of a chunk runs while its rows (8 neurons
// x 1 kB for W2) stay in the L1 cache.
constexpr size_t kChunk = 256;

inline f32x4 load4(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof v);  // unaligned load
  return v;
}
inline void store4(float* p, f32x4 v) { std::memcpy(p, &v, sizeof v); }
inline f32x4 splat(float x) { return f32x4{x, x, x, x}; }
// Lanes of `a` where mask is set (all ones), of `b` elsewhere.
inline f32x4 select(i32x4 mask, f32x4 a, f32x4 b) {
  return reinterpret_cast<f32x4>((reinterpret_cast<i32x4>(a) & mask) | (reinterpret_cast<i32x4>(b) & ~mask));
}
inline f32x4 abs4(f32x4 x) { return reinterpret_cast<f32x4>(reinterpret_cast<i32x4>(x) & 0x7fffffff); }

// tanh with the coefficients of Eigen 3.4's float tanh (generic_fast_tanh_float,
// the variant without FMA): a 13/6 rational function of the argument clamped
// to +-7.9053 (where it reaches 1 in float). Eigen returns x itself below
// |x| = 0.0004; the rational function is within 2e-7 x of x there, so this
// skips that test. The clamps are written as the
// selects that compile to minps/maxps and f32x4.pmin/pmax.
inline f32x4 tanh4(f32x4 a) {
  const f32x4 c = splat(7.90531110763549805f), m = -c;
  f32x4 x = a < c ? a : c;
  x = m < x ? x : m;
  const f32x4 x2 = x * x;
  f32x4 p = x2 * splat(-2.76076847742355e-16f) + splat(2.00018790482477e-13f);
  p = x2 * p + splat(-8.60467152213735e-11f);
  p = x2 * p + splat(5.12229709037114e-08f);
  p = x2 * p + splat(1.48572235717979e-05f);
  p = x2 * p + splat(6.37261928875436e-04f);
  p = x2 * p + splat(4.89352455891786e-03f);
  p = x * p;
  f32x4 q = x2 * splat(1.19825839466702e-06f) + splat(1.18534705686654e-04f);
  q = x2 * q + splat(2.26843463243900e-03f);
  q = x2 * q + splat(4.89352518554385e-03f);
  return p / q;
}
// sigmoid z = (1 + tanh(z/2)) / 2, as the float path of activate() computes it.
inline f32x4 sigmoid4(f32x4 z) { return splat(0.5f) * tanh4(splat(0.5f) * z) + splat(0.5f); }

enum class Unit { none, tanh, sigmoid, silu, relu, leaky_relu, abs, step, sign, other };

Unit unit_of(Activation a) {
  switch (a) {
    case Activation::linear: return Unit::none;
    case Activation::tanh: return Unit::tanh;
    case Activation::sigmoid: return Unit::sigmoid;
    case Activation::silu: return Unit::silu;
    case Activation::relu: return Unit::relu;
    case Activation::leaky_relu: return Unit::leaky_relu;
    case Activation::abs: return Unit::abs;
    case Activation::step: return Unit::step;
    case Activation::sign: return Unit::sign;
    default: return Unit::other;
  }
}

Unit unit_of(Output o) {
  switch (o) {
    case Output::tanh_mse: return Unit::tanh;
    case Output::sigmoid_bce:
    case Output::sigmoid_mse: return Unit::sigmoid;
    case Output::perceptron: return Unit::sign;
    case Output::linear_hinge:
    case Output::linear_mse:
    case Output::linear_mae: return Unit::none;
    case Output::softmax_ce: return Unit::other;
  }
  return Unit::other;
}

template <Unit U>
inline f32x4 apply(float alpha, f32x4 z) {
  const f32x4 zero = splat(0.0f), one = splat(1.0f);
  if constexpr (U == Unit::tanh) return tanh4(z);
  if constexpr (U == Unit::sigmoid) return sigmoid4(z);
  if constexpr (U == Unit::silu) return z * sigmoid4(z);
  if constexpr (U == Unit::relu) return select(z > zero, z, zero);
  if constexpr (U == Unit::leaky_relu) return select(z > zero, z, splat(alpha) * z);
  if constexpr (U == Unit::abs) return abs4(z);
  if constexpr (U == Unit::step) return select(z >= zero, one, zero);
  if constexpr (U == Unit::sign) return select(z > zero, one, select(z < zero, -one, zero));
  return z;
}

// a = f(z) in place over n >= 0 floats of one row.
template <Unit U>
void apply_row(float alpha, float* row, size_t n) {
  size_t p = 0;
  for (; p + 4 <= n; p += 4) store4(row + p, apply<U>(alpha, load4(row + p)));
  if (p < n) {  // the last 1-3 floats, through a padded vector
    float tail[4] = {0, 0, 0, 0};
    std::memcpy(tail, row + p, (n - p) * sizeof(float));
    store4(tail, apply<U>(alpha, load4(tail)));
    std::memcpy(row + p, tail, (n - p) * sizeof(float));
  }
}

// The same for u != other, one loop per unit (not a switch per vector).
void apply_row(Unit u, float alpha, float* row, size_t n) {
  switch (u) {
    case Unit::tanh: return apply_row<Unit::tanh>(alpha, row, n);
    case Unit::sigmoid: return apply_row<Unit::sigmoid>(alpha, row, n);
    case Unit::silu: return apply_row<Unit::silu>(alpha, row, n);
    case Unit::relu: return apply_row<Unit::relu>(alpha, row, n);
    case Unit::leaky_relu: return apply_row<Unit::leaky_relu>(alpha, row, n);
    case Unit::abs: return apply_row<Unit::abs>(alpha, row, n);
    case Unit::step: return apply_row<Unit::step>(alpha, row, n);
    case Unit::sign: return apply_row<Unit::sign>(alpha, row, n);
    case Unit::none:
    case Unit::other: return;
  }
}

// z = W a + b for pixels [p0, p1) (p1 - p0 >= 4): `in` holds `cols` rows of
// the previous layer, `out` receives `rows` rows; rows are `stride` floats
// apart. W is row-major.
void dense(const float* W, const float* b, size_t rows, size_t cols, const float* in, float* out, size_t stride,
           size_t p0, size_t p1) {
  for (size_t i = 0; i < rows; ++i) {
    const float* w = W + i * cols;
    const f32x4 bias = splat(b[i]);
    float* o = out + i * stride;
    size_t p = p0;
    for (; p + 16 <= p1; p += 16) {
      f32x4 s0 = splat(0.0f), s1 = s0, s2 = s0, s3 = s0;
      for (size_t j = 0; j < cols; ++j) {
        const f32x4 wj = splat(w[j]);
        const float* x = in + j * stride + p;
        s0 += wj * load4(x);
        s1 += wj * load4(x + 4);
        s2 += wj * load4(x + 8);
        s3 += wj * load4(x + 12);
      }
      store4(o + p, s0 + bias);
      store4(o + p + 4, s1 + bias);
      store4(o + p + 8, s2 + bias);
      store4(o + p + 12, s3 + bias);
    }
    // Then 4 at a time; a last partial vector is redone as the chunk's last 4
    // pixels (recomputing z from the inputs gives the same values).
    for (bool more = p < p1; more;) {
      if (p + 4 > p1) p = p1 - 4;
      f32x4 s = splat(0.0f);
      for (size_t j = 0; j < cols; ++j) s += splat(w[j]) * load4(in + j * stride + p);
      store4(o + p, s + bias);
      p += 4;
      more = p < p1;
    }
  }
}

}  // namespace

void GridKernel::load(const Network& net) {
  size_t weights = 0, biases = 0;
  for (const auto& l : net.layers()) {
    weights += static_cast<size_t>(l.W.size());
    biases += static_cast<size_t>(l.b.size());
  }
  W_.resize(weights);
  b_.resize(biases);
  float* w = W_.data();
  float* b = b_.data();
  for (const auto& l : net.layers()) {
    for (Eigen::Index i = 0; i < l.W.rows(); ++i)
      for (Eigen::Index j = 0; j < l.W.cols(); ++j) *w++ = static_cast<float>(l.W(i, j));
    for (Eigen::Index i = 0; i < l.b.size(); ++i) *b++ = static_cast<float>(l.b(i));
  }
}

void GridKernel::run(const Network& net, Output o, float* maps, size_t pixels) {
  const auto& layers = net.layers();
  const auto K = static_cast<size_t>(layers.back().W.rows());
  const Unit out_unit = unit_of(o);
  if (out_unit == Unit::other) {
    out_z_.resize(K * (kChunk + 3));
    out_a_.resize(out_z_.size());
  }
  for (size_t p0 = 0; p0 < pixels;) {
    // Every chunk has at least 4 pixels (pixels >= 4): a remainder below 4 joins the last chunk.
    size_t p1 = std::min(p0 + kChunk, pixels);
    if (pixels - p1 < 4) p1 = pixels;
    const float* W = W_.data();
    const float* b = b_.data();
    float* in = maps;  // the previous layer's rows (the input features first)
    for (size_t l = 0; l < layers.size(); ++l) {
      const auto rows = static_cast<size_t>(layers[l].W.rows()), cols = static_cast<size_t>(layers[l].W.cols());
      float* out = in + cols * pixels;
      dense(W, b, rows, cols, in, out, pixels, p0, p1);
      const bool last = l + 1 == layers.size();
      const Unit u = last ? out_unit : unit_of(layers[l].f.kind);
      const size_t m = p1 - p0;
      if (u != Unit::other) {
        for (size_t i = 0; i < rows; ++i) apply_row(u, static_cast<float>(layers[l].f.alpha), out + i * pixels + p0, m);
      } else if (!last) {
        // The engine's own float activation (exp, log1p, erf, atan), row by row.
        for (size_t i = 0; i < rows; ++i) {
          Eigen::Map<MatF> row(out + i * pixels + p0, 1, static_cast<Eigen::Index>(m));
          activate<float>(layers[l].f, row, row);
        }
      } else {
        // Softmax across the output rows: the engine's float path on the chunk's columns.
        const auto k = static_cast<Eigen::Index>(K), cols_m = static_cast<Eigen::Index>(m);
        Eigen::Map<MatF> z(out_z_.data(), k, cols_m), a(out_a_.data(), k, cols_m);
        for (Eigen::Index r = 0; r < k; ++r)
          z.row(r) = Eigen::Map<const Eigen::RowVectorXf>(out + size_t(r) * pixels + p0, cols_m);
        output_activate<float>(o, z, a);
        for (Eigen::Index r = 0; r < k; ++r)
          Eigen::Map<Eigen::RowVectorXf>(out + size_t(r) * pixels + p0, cols_m) = a.row(r);
      }
      W += rows * cols;
      b += rows;
      in = out;
    }
    p0 = p1;
  }
}

}  // namespace nnp
