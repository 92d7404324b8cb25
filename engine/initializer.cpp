#include "initializer.hpp"

#include <cmath>

#include "error.hpp"

namespace nnp {

const std::vector<InitInfo>& init_table() {
  static const std::vector<InitInfo> table = {
      {Init::tfp, "tfp", "Uniform \u00b10.5"},
      {Init::zeros, "zeros", "Zeros"},
      {Init::xavier_uniform, "xavier_uniform", "Xavier uniform"},
      {Init::xavier_normal, "xavier_normal", "Xavier normal"},
      {Init::he_uniform, "he_uniform", "He uniform"},
      {Init::he_normal, "he_normal", "He normal"},
  };
  return table;
}

const char* init_id(Init i) { return init_table()[static_cast<size_t>(i)].id; }

Init init_from_id(std::string_view id, const std::string& field) {
  return static_cast<Init>(index_of_id(init_table(), id, field, [](const auto& r) { return r.id; }));
}

void initialize(Init scheme, Mat& w, Vec& b, Rng& rng) {
  const double fan_in = static_cast<double>(w.cols()), fan_out = static_cast<double>(w.rows());
  // Fill in a fixed order (row by row) so the draw order never depends on storage.
  auto fill = [&](auto draw) {
    for (Eigen::Index i = 0; i < w.rows(); ++i)
      for (Eigen::Index j = 0; j < w.cols(); ++j) w(i, j) = draw();
  };
  b.setZero();
  switch (scheme) {
    case Init::tfp:
      fill([&] { return rng.uniform() - 0.5; });
      b.setConstant(0.1);
      return;
    case Init::zeros: w.setZero(); return;
    case Init::xavier_uniform: {
      const double r = std::sqrt(6.0 / (fan_in + fan_out));
      fill([&] { return rng.uniform(-r, r); });
      return;
    }
    case Init::xavier_normal: {
      const double sd = std::sqrt(2.0 / (fan_in + fan_out));
      fill([&] { return rng.normal(0.0, sd); });
      return;
    }
    case Init::he_uniform: {
      const double r = std::sqrt(6.0 / fan_in);
      fill([&] { return rng.uniform(-r, r); });
      return;
    }
    case Init::he_normal: {
      const double sd = std::sqrt(2.0 / fan_in);
      fill([&] { return rng.normal(0.0, sd); });
      return;
    }
  }
}

}  // namespace nnp
