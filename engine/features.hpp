// Input features computed from a point (x1, x2), as TensorFlow Playground's
// input nodes plus the cosines.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "types.hpp"

namespace nnp {

enum class Feature { x1, x2, x1sq, x2sq, x1x2, sin_x1, sin_x2, cos_x1, cos_x2 };

struct FeatureInfo {
  Feature kind;
  const char* id;
  const char* label;  // as drawn on the node
};

const std::vector<FeatureInfo>& feature_table();
Feature feature_from_id(std::string_view id, const std::string& field = "features");
double feature_value(Feature f, double x1, double x2);

// Writes the features of (x1, x2) into column `col` of `out` (rows = features.size()).
template <typename S>
void compute_features(const std::vector<Feature>& features, double x1, double x2, Eigen::Ref<MatT<S>> out,
                      Eigen::Index col) {
  for (size_t i = 0; i < features.size(); ++i)
    out(static_cast<Eigen::Index>(i), col) = static_cast<S>(feature_value(features[i], x1, x2));
}

// The features over a grid of points (x1[j], x2[i]), i, j < n: map k (feature
// k) is n rows of n floats at out + k n n, row i being x2 = x2[i]. Each value
// is feature_value(x1[j], x2[i]) in double, then rounded to float; a feature
// of x1 or x2 alone is computed once per column or row, not per point.
void compute_feature_grid(const std::vector<Feature>& features, const std::vector<float>& x1,
                          const std::vector<float>& x2, float* out);

}  // namespace nnp
