// Toy data sets on the plane [-6, 6]^2. Every generator has one signature and
// draws only from the seed's data stream. Classification labels are class
// indices 0..K-1 (for two classes: 1 is TensorFlow Playground's +1, 0 its -1);
// regression labels are values in [-1, 1].
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nnp {

constexpr double kDomain = 6.0;  // the plane is [-kDomain, kDomain]^2
constexpr int kMaxClasses = 6;

enum class DatasetKind {
  circle,
  xor_,
  gauss,
  spiral,
  moons,
  checkerboard,
  xor_table,  // two classes
  blobs,
  multi_spiral,  // K classes
  reg_plane,
  reg_gauss,  // regression
  custom      // points from the page or a CSV file
};

enum class Problem { classification, regression };

struct DatasetInfo {
  DatasetKind kind;
  const char* id;
  const char* name;
  Problem problem;
  bool any_classes;  // class count comes from the configuration (blobs, multi_spiral, custom)
  // Which data settings apply: a generated set reads the point count and the
  // noise; a split one holds a test share out (a truth table trains on all of it).
  bool generated = true;
  bool split = true;
  // The points lie in [lo, hi]^2: a small table can be shown zoomed to it.
  double lo = -kDomain, hi = kDomain;
};

const std::vector<DatasetInfo>& dataset_table();
const DatasetInfo& dataset_info(DatasetKind k);
DatasetKind dataset_from_id(std::string_view id, const std::string& field = "dataset");

struct Point {
  double x1 = 0, x2 = 0;
  double label = 0;
  bool operator==(const Point&) const = default;
};

// n points (xor_table always gives its 4), noise in [0, 1] (TensorFlow
// Playground's slider / 100), classes for blobs and multi_spiral.
std::vector<Point> generate(DatasetKind kind, int n, double noise, int classes, std::uint64_t seed);

// Checks one point for a task: coordinates finite and on the plane; a class
// index 0..classes-1 (classes >= 2), or a finite value (classes == 0, regression).
// Returns an empty string when valid, otherwise what is wrong.
std::string check_point(const Point& p, int classes);

// Parses "x,y,label" rows (comma, semicolon or tab separated; an optional
// header row, recognised only when none of its cells looks like a number;
// blank lines and lines starting with # skipped; a UTF-8 byte order mark and
// spaces, quotes and no-break spaces around values ignored). For two classes a
// label of -1 means class 0, as in TensorFlow Playground. Sizes are checked
// before parsing (Limits::max_csv_bytes, max_csv_lines). The result lists bad
// rows as "line N: why" (the first Limits::max_csv_errors, then "and N more
// rows with errors"), quoting input only as short excerpts; callers refuse the
// whole file when any row is bad, so a half-loaded file never replaces good data.
struct CsvResult {
  std::vector<Point> points;
  std::vector<std::string> errors;
};
CsvResult parse_csv(std::string_view text, int classes, size_t max_points);
std::string to_csv(const std::vector<Point>& points);

}  // namespace nnp
