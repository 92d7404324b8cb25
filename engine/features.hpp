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

// The features of many points at once, row i of `out` being feature i: the
// grid's path: a whole chunk of points per call.
void compute_feature_rows(const std::vector<Feature>& features, const Eigen::Ref<const Eigen::RowVectorXf>& x1,
                          const Eigen::Ref<const Eigen::RowVectorXf>& x2, Eigen::Ref<MatF> out);

}  // namespace nnp
