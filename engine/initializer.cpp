#include "initializer.hpp"

#include <array>
#include <cmath>

#include "error.hpp"

namespace nnp {

namespace {
constexpr std::array<const char*, 6> kIds = {"tfp",           "zeros",      "xavier_uniform",
                                             "xavier_normal", "he_uniform", "he_normal"};
}

const char* init_id(Init i) { return kIds[static_cast<size_t>(i)]; }

Init init_from_id(std::string_view id, const std::string& field) {
  return static_cast<Init>(index_of_id(kIds, id, field, [](const char* s) { return s; }));
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
