#include "features.hpp"

#include <algorithm>
#include <cmath>

#include "error.hpp"

namespace nnp {

const std::vector<FeatureInfo>& feature_table() {
  static const std::vector<FeatureInfo> table = {
      {Feature::x1, "x1", "X1"},
      {Feature::x2, "x2", "X2"},
      {Feature::x1sq, "x1sq", "X1²"},
      {Feature::x2sq, "x2sq", "X2²"},
      {Feature::x1x2, "x1x2", "X1X2"},
      {Feature::sin_x1, "sin_x1", "sin(X1)"},
      {Feature::sin_x2, "sin_x2", "sin(X2)"},
      {Feature::cos_x1, "cos_x1", "cos(X1)"},
      {Feature::cos_x2, "cos_x2", "cos(X2)"},
  };
  return table;
}

Feature feature_from_id(std::string_view id, const std::string& field) {
  return static_cast<Feature>(index_of_id(feature_table(), id, field, [](const auto& r) { return r.id; }));
}

double feature_value(Feature f, double x1, double x2) {
  switch (f) {
    case Feature::x1: return x1;
    case Feature::x2: return x2;
    case Feature::x1sq: return x1 * x1;
    case Feature::x2sq: return x2 * x2;
    case Feature::x1x2: return x1 * x2;
    case Feature::sin_x1: return std::sin(x1);
    case Feature::sin_x2: return std::sin(x2);
    case Feature::cos_x1: return std::cos(x1);
    case Feature::cos_x2: return std::cos(x2);
  }
  return 0.0;
}

void compute_feature_grid(const std::vector<Feature>& features, const std::vector<float>& x1,
                          const std::vector<float>& x2, float* out) {
  const size_t n = x1.size();
  for (const Feature f : features) {
    const bool of_x1 = f == Feature::x1 || f == Feature::x1sq || f == Feature::sin_x1 || f == Feature::cos_x1;
    const bool of_x2 = f == Feature::x2 || f == Feature::x2sq || f == Feature::sin_x2 || f == Feature::cos_x2;
    if (of_x1) {  // the first row, then copies of it
      for (size_t j = 0; j < n; ++j) out[j] = static_cast<float>(feature_value(f, x1[j], 0.0));
      for (size_t i = 1; i < n; ++i) std::copy(out, out + n, out + i * n);
    } else {
      for (size_t i = 0; i < n; ++i) {
        float* row = out + i * n;
        if (of_x2)
          std::fill(row, row + n, static_cast<float>(feature_value(f, 0.0, x2[i])));
        else
          for (size_t j = 0; j < n; ++j) row[j] = static_cast<float>(feature_value(f, x1[j], x2[i]));
      }
    }
    out += n * n;
  }
}

}  // namespace nnp
