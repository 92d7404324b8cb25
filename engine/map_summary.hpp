// A map in numbers a sentence can say: how much of the plane each region
// covers, where it lies (a coarse shape), the values' range, and how many data
// points lie on their own class's side. The page words it for a screen reader
// ("Class 1 covers 46 % of the plane, a disc in the centre; 94 % of test
// points are on their class's side"); every number is a count over the same
// grid the picture is painted from.
//
// The shape of a region (a set of pixels covering a share s of the plane) is
// the template it overlaps best: each template is the share s of the pixels
// with the lowest score of one simple function of the pixel centre (u right,
// v up, both in -1..1): r^2 for a disc in the centre, -r^2 for the outside,
// u for the left side, u + v for the lower-left half, |v| for a horizontal
// band, u v for the top-left and bottom-right quadrants, and so on
// (shape_table()). A template of the same share fits when its overlap
// (intersection over union) is at least kShapeFit; when none does the region is
// "irregular", said with its number of patches (4-connected parts of at least
// kPatchShare of the plane).
#pragma once
#include <string>
#include <vector>

#include "trainer.hpp"

namespace nnp {

enum class Shape {
  none,
  everywhere,
  centre,
  outside,
  left,
  right,
  top,
  bottom,
  lower_left,
  upper_right,
  upper_left,
  lower_right,
  horizontal_band,
  vertical_band,
  top_and_bottom,
  left_and_right,
  top_right_and_bottom_left,
  top_left_and_bottom_right,
  top_left_corner,
  top_right_corner,
  bottom_left_corner,
  bottom_right_corner,
  irregular,
};

struct ShapeInfo {
  Shape kind;
  const char* id;
  const char* words;  // what the page says: "a disc in the centre"
};
const std::vector<ShapeInfo>& shape_table();

inline constexpr double kShapeFit = 0.6;     // least overlap (IoU) with a template to be named by it
inline constexpr double kPatchShare = 0.01;  // smaller parts of a region are not counted as patches

struct Region {
  int pixels = 0;  // of the map's n * n
  Shape shape = Shape::none;
  double fit = 0;   // the overlap with the template named (1 for none and everywhere)
  int patches = 0;  // parts of at least kPatchShare of the plane
};

// Data points drawn on the map and those whose pixel shows their own class.
struct OnSide {
  int points = 0, on_side = 0;
};

struct MapSummary {
  int n = 0;
  // A decision map: one region per class, where that class wins. A value
  // map: two regions, at most `middle` and above it.
  std::vector<Region> regions;
  bool classes = false;
  double middle = 0;
  double low = 0, high = 0;  // the least and greatest value (NaN when none is finite)
  int not_finite = 0;        // pixels without a finite value (a diverged network)
  OnSide train, test;        // decision maps only
};

// The region of `mask` (n * n, row 0 at the top, 1 = in): its share, shape and patches.
Region describe_region(const std::vector<char>& mask, int n);

// The decision map of `t` over an n x n grid of [lo, hi]^2: the winning class
// of every pixel as the page paints it (one output: class 1 where the output
// unit's value is past its middle, 0.5 for a probability, else 0; several:
// the arg max), with the points on their side. Regression: the output's values
// around 0.
MapSummary describe_output(Trainer& t, int n, double lo, double hi);

// Every map of the grid (inputs, hidden neurons, outputs) over an n x n grid
// of [lo, hi]^2, in Grid order: the values around 0 (an output unit's around
// its middle; a softmax output's map: where its class wins).
std::vector<MapSummary> describe_maps(Trainer& t, int n, double lo, double hi);

// Both as JSON: {"output": summary, "maps": [summary...]}, regions by shape id.
std::string describe_maps_json(Trainer& t, int output_n, int map_n, double lo, double hi);

}  // namespace nnp
