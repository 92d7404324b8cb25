// The shapes a map's region is named by (engine/map_summary.hpp), on masks
// drawn here whose shape is known, and the patches counted.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "map_summary.hpp"

using namespace nnp;

namespace {

// An n x n mask from a predicate of the pixel centre (u right, v up, in -1..1).
std::vector<char> draw(int n, const std::function<bool(double, double)>& in) {
  std::vector<char> m(size_t(n) * size_t(n));
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) m[size_t(i) * size_t(n) + size_t(j)] = in((j + 0.5) / n * 2 - 1, 1 - (i + 0.5) / n * 2);
  return m;
}

}  // namespace

TEST_CASE("regions of known shape are named by it") {
  const int n = 60;
  const auto shape = [&](const std::function<bool(double, double)>& in) {
    return describe_region(draw(n, in), n).shape;
  };
  CHECK(shape([](double u, double v) { return u * u + v * v < 0.4; }) == Shape::centre);
  CHECK(shape([](double u, double v) { return u * u + v * v >= 0.4; }) == Shape::outside);
  CHECK(shape([](double u, double) { return u < -0.2; }) == Shape::left);
  CHECK(shape([](double u, double v) { return u > 0.1 * v; }) ==
        Shape::right);  // a tilted edge still reads as the right side
  CHECK(shape([](double, double v) { return v > 0.3; }) == Shape::top);
  CHECK(shape([](double u, double v) { return u + v < 0; }) == Shape::lower_left);
  CHECK(shape([](double, double v) { return std::abs(v) < 0.3; }) == Shape::horizontal_band);
  CHECK(shape([](double u, double) { return std::abs(u) > 0.5; }) == Shape::left_and_right);
  CHECK(shape([](double u, double v) { return u * v > 0; }) == Shape::top_right_and_bottom_left);
  CHECK(shape([](double u, double v) { return u < -0.3 && v > 0.3; }) == Shape::top_left_corner);
  CHECK(shape([](double, double) { return false; }) == Shape::none);
  CHECK(shape([](double, double) { return true; }) == Shape::everywhere);
}

TEST_CASE("a region no template fits is irregular, with its patches counted") {
  const int n = 60;
  // Three small discs far apart, and one speck under kPatchShare of the plane.
  const auto discs = [](double u, double v) {
    const auto near = [&](double cu, double cv, double r) { return (u - cu) * (u - cu) + (v - cv) * (v - cv) < r * r; };
    return near(-0.6, 0.6, 0.2) || near(0.6, 0.6, 0.2) || near(0, -0.6, 0.2) || near(0.6, -0.6, 0.06);
  };
  const std::vector<char> mask = draw(n, discs);
  const Region r = describe_region(mask, n);
  CHECK(r.shape == Shape::irregular);
  CHECK(r.fit < kShapeFit);
  CHECK(r.patches == 3);
  CHECK(r.pixels == int(std::count(mask.begin(), mask.end(), char(1))));
}
