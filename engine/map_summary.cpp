#include "map_summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

#include "loss.hpp"

namespace nnp {

const std::vector<ShapeInfo>& shape_table() {
  static const std::vector<ShapeInfo> table = {
      {Shape::none, "none", "nowhere"},
      {Shape::everywhere, "everywhere", "the whole plane"},
      {Shape::centre, "centre", "a disc in the centre"},
      {Shape::outside, "outside", "the outside, around a disc in the centre"},
      {Shape::left, "left", "the left side"},
      {Shape::right, "right", "the right side"},
      {Shape::top, "top", "the top"},
      {Shape::bottom, "bottom", "the bottom"},
      {Shape::lower_left, "lower_left", "the lower-left half, cut diagonally"},
      {Shape::upper_right, "upper_right", "the upper-right half, cut diagonally"},
      {Shape::upper_left, "upper_left", "the upper-left half, cut diagonally"},
      {Shape::lower_right, "lower_right", "the lower-right half, cut diagonally"},
      {Shape::horizontal_band, "horizontal_band", "a horizontal band across the middle"},
      {Shape::vertical_band, "vertical_band", "a vertical band down the middle"},
      {Shape::top_and_bottom, "top_and_bottom", "the top and bottom edges"},
      {Shape::left_and_right, "left_and_right", "the left and right edges"},
      {Shape::top_right_and_bottom_left, "top_right_and_bottom_left", "the top-right and bottom-left quadrants"},
      {Shape::top_left_and_bottom_right, "top_left_and_bottom_right", "the top-left and bottom-right quadrants"},
      {Shape::top_left_corner, "top_left_corner", "the top-left corner"},
      {Shape::top_right_corner, "top_right_corner", "the top-right corner"},
      {Shape::bottom_left_corner, "bottom_left_corner", "the bottom-left corner"},
      {Shape::bottom_right_corner, "bottom_right_corner", "the bottom-right corner"},
      {Shape::irregular, "irregular", "an irregular shape"},
  };
  return table;
}

namespace {

// The template's score at the pixel centre (u right, v up, in -1..1): a
// template of share s is the share s of the pixels with the lowest scores.
double score(Shape s, double u, double v) {
  switch (s) {
    case Shape::centre: return u * u + v * v;
    case Shape::outside: return -(u * u + v * v);
    case Shape::left: return u;
    case Shape::right: return -u;
    case Shape::top: return -v;
    case Shape::bottom: return v;
    case Shape::lower_left: return u + v;
    case Shape::upper_right: return -(u + v);
    case Shape::upper_left: return u - v;
    case Shape::lower_right: return v - u;
    case Shape::horizontal_band: return std::abs(v);
    case Shape::vertical_band: return std::abs(u);
    case Shape::top_and_bottom: return -std::abs(v);
    case Shape::left_and_right: return -std::abs(u);
    case Shape::top_right_and_bottom_left: return -u * v;
    case Shape::top_left_and_bottom_right: return u * v;
    case Shape::top_left_corner: return std::max(u, -v);
    case Shape::top_right_corner: return std::max(-u, -v);
    case Shape::bottom_left_corner: return std::max(u, v);
    case Shape::bottom_right_corner: return std::max(-u, v);
    default: return 0;
  }
}

// Every template's pixels at size n, lowest score first (ties: the lower
// index), made once per size: a summary then only counts.
const std::vector<std::vector<int>>& template_orders(int n) {
  static std::vector<std::pair<int, std::vector<std::vector<int>>>> made;  // the last sizes asked for
  for (const auto& [size, orders] : made)
    if (size == n) return orders;
  if (made.size() >= 2) made.erase(made.begin());  // the page asks for two sizes
  std::vector<std::vector<int>> orders(shape_table().size());
  const size_t px = size_t(n) * size_t(n);
  std::vector<double> sc(px);
  for (const ShapeInfo& info : shape_table()) {
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j)
        sc[size_t(i) * size_t(n) + size_t(j)] = score(info.kind, (j + 0.5) / n * 2 - 1, 1 - (i + 0.5) / n * 2);
    auto& order = orders[size_t(info.kind)];
    order.resize(px);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return sc[size_t(a)] < sc[size_t(b)] || (sc[size_t(a)] == sc[size_t(b)] && a < b); });
  }
  made.emplace_back(n, std::move(orders));
  return made.back().second;
}

// Overlap (intersection over union) of `mask` (k pixels in) with the template
// of the same k pixels.
double fit(const std::vector<int>& order, const std::vector<char>& mask, int k) {
  int both = 0;
  for (int q = 0; q < k; ++q) both += mask[size_t(order[size_t(q)])] != 0;
  return double(both) / double(2 * k - both);
}

// 4-connected parts of the mask of at least kPatchShare of the plane.
int patches(const std::vector<char>& mask, int n) {
  const size_t px = size_t(n) * size_t(n);
  const int least = std::max(1, int(std::ceil(kPatchShare * double(px))));
  std::vector<char> seen(px, 0);
  std::vector<size_t> stack;
  int count = 0;
  for (size_t start = 0; start < px; ++start) {
    if (!mask[start] || seen[start]) continue;
    int size = 0;
    stack.assign(1, start);
    seen[start] = 1;
    while (!stack.empty()) {
      const size_t p = stack.back();
      stack.pop_back();
      ++size;
      const size_t i = p / size_t(n), j = p % size_t(n);
      const size_t next[4] = {i > 0 ? p - size_t(n) : p, i + 1 < size_t(n) ? p + size_t(n) : p, j > 0 ? p - 1 : p,
                              j + 1 < size_t(n) ? p + 1 : p};
      for (const size_t q : next)
        if (mask[q] && !seen[q]) {
          seen[q] = 1;
          stack.push_back(q);
        }
    }
    count += size >= least;
  }
  return count;
}

// Where the output unit's value divides class 0 from class 1: 0.5 for a probability, else 0.
double output_middle(Output o) { return output_unit_low(o) == 0 ? 0.5 : 0; }

// The value range and non-finite pixels of one map.
void measure(MapSummary& s, const float* v, size_t px) {
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (size_t p = 0; p < px; ++p) {
    if (!std::isfinite(v[p])) {
      ++s.not_finite;
      continue;
    }
    low = std::min(low, double(v[p]));
    high = std::max(high, double(v[p]));
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  s.low = std::isfinite(low) ? low : nan;
  s.high = std::isfinite(high) ? high : nan;
}

// Which class each pixel shows (-1: no finite value): K maps' arg max (ties:
// the lowest class), or one map's side of `middle`.
std::vector<int> winners(const float* v, int maps, size_t px, double middle) {
  std::vector<int> cls(px, -1);
  for (size_t p = 0; p < px; ++p) {
    if (maps == 1) {
      if (std::isfinite(v[p])) cls[p] = v[p] > middle ? 1 : 0;
      continue;
    }
    int best = 0;
    bool finite = std::isfinite(v[p]);
    for (int k = 1; k < maps; ++k) {
      finite = finite && std::isfinite(v[size_t(k) * px + p]);
      if (v[size_t(k) * px + p] > v[size_t(best) * px + p]) best = k;
    }
    if (finite) cls[p] = best;
  }
  return cls;
}

// One region per class of `cls` (0..classes-1).
void add_regions(MapSummary& s, const std::vector<int>& cls, int classes) {
  std::vector<char> mask(cls.size());
  for (int k = 0; k < classes; ++k) {
    for (size_t p = 0; p < cls.size(); ++p) mask[p] = cls[p] == k;
    s.regions.push_back(describe_region(mask, s.n));
  }
}

// The training and test points drawn on the map whose pixel shows their class.
void count_sides(MapSummary& s, const Trainer& t, const std::vector<int>& cls, double lo, double hi) {
  const double h = (hi - lo) / s.n;
  const auto& pts = t.points();
  for (size_t q = 0; q < pts.size(); ++q) {
    const double j = std::floor((pts[q].x1 - lo) / h), i = std::floor((hi - pts[q].x2) / h);
    if (!(i >= 0 && i < s.n && j >= 0 && j < s.n)) continue;  // not on the picture
    OnSide& side = t.is_test(q) ? s.test : s.train;
    ++side.points;
    side.on_side += cls[size_t(i) * size_t(s.n) + size_t(j)] == int(std::lround(pts[q].label));
  }
}

MapSummary values_summary(const float* v, int n, double middle) {
  MapSummary s;
  s.n = n;
  s.middle = middle;
  const size_t px = size_t(n) * size_t(n);
  measure(s, v, px);
  add_regions(s, winners(v, 1, px, middle), 2);
  return s;
}

// JSON by hand: nlohmann's builders cost kilobytes of WebAssembly for these few fields.
void put(std::string& out, const char* key, double v) {
  char text[48];
  if (std::isfinite(v))
    std::snprintf(text, sizeof text, "\"%s\":%.17g", key, v);
  else
    std::snprintf(text, sizeof text, "\"%s\":null", key);
  out += text;
}

void put_sides(std::string& out, const char* key, const OnSide& side) {
  out += ",\"";
  out += key;
  out += "\":{";
  put(out, "points", side.points);
  out += ',';
  put(out, "onSide", side.on_side);
  out += '}';
}

void append_json(std::string& out, const MapSummary& s) {
  out += '{';
  put(out, "n", s.n);
  out += s.classes ? ",\"classes\":true," : ",\"classes\":false,";
  put(out, "middle", s.middle);
  out += ',';
  put(out, "low", s.low);
  out += ',';
  put(out, "high", s.high);
  out += ',';
  put(out, "notFinite", s.not_finite);
  out += ",\"regions\":[";
  for (size_t k = 0; k < s.regions.size(); ++k) {
    const Region& r = s.regions[k];
    out += k ? ",{" : "{";
    put(out, "pixels", r.pixels);
    out += ",\"shape\":\"";
    out += shape_table()[size_t(r.shape)].id;  // ids are plain words: nothing to escape
    out += "\",";
    put(out, "fit", r.fit);
    out += ',';
    put(out, "patches", r.patches);
    out += '}';
  }
  out += ']';
  if (s.classes) {
    put_sides(out, "train", s.train);
    put_sides(out, "test", s.test);
  }
  out += '}';
}

}  // namespace

Region describe_region(const std::vector<char>& mask, int n) {
  Region r;
  const int px = n * n;
  r.pixels = int(std::count(mask.begin(), mask.end(), char(1)));
  r.patches = r.pixels == 0 ? 0 : patches(mask, n);
  if (r.pixels == 0 || r.pixels == px) {
    r.shape = r.pixels == 0 ? Shape::none : Shape::everywhere;
    r.fit = 1;
    return r;
  }
  r.shape = Shape::irregular;
  const auto& orders = template_orders(n);
  for (const ShapeInfo& info : shape_table()) {
    if (info.kind == Shape::none || info.kind == Shape::everywhere || info.kind == Shape::irregular) continue;
    const double f = fit(orders[size_t(info.kind)], mask, r.pixels);
    if (f > r.fit) {
      r.fit = f;
      if (f >= kShapeFit) r.shape = info.kind;
    }
  }
  return r;
}

MapSummary describe_output(Trainer& t, int n, double lo, double hi) {
  const Grid& g = t.evaluate_grid(n, lo, hi);
  const int first = g.map_start.back();
  const int outputs = g.maps - first;
  const size_t px = size_t(n) * size_t(n);
  const float* v = g.values.data() + size_t(first) * px;
  const Output o = t.config().output;
  if (t.config().task() == Task::regression) return values_summary(v, n, 0);
  MapSummary s;
  s.n = n;
  s.classes = true;
  s.middle = output_middle(o);
  measure(s, v, px * size_t(outputs));  // the range over every class's map
  const std::vector<int> cls = winners(v, outputs, px, s.middle);
  // Pixels, not values: a pixel of K maps has no class when any of them is not finite.
  s.not_finite = int(std::count(cls.begin(), cls.end(), -1));
  add_regions(s, cls, std::max(2, outputs));
  count_sides(s, t, cls, lo, hi);
  return s;
}

std::vector<MapSummary> describe_maps(Trainer& t, int n, double lo, double hi) {
  const Grid& g = t.evaluate_grid(n, lo, hi);
  const int first = g.map_start.back();
  const int outputs = g.maps - first;
  const size_t px = size_t(n) * size_t(n);
  const Output o = t.config().output;
  // Which class each pixel shows, for every softmax output's map.
  const std::vector<int> cls =
      outputs > 1 ? winners(g.values.data() + size_t(first) * px, outputs, px, 0) : std::vector<int>();
  std::vector<MapSummary> out;
  for (int m = 0; m < g.maps; ++m) {
    const float* v = g.values.data() + size_t(m) * px;
    if (m < first || outputs == 1) {
      out.push_back(values_summary(v, n, m < first ? 0 : output_middle(o)));
      continue;
    }
    // A softmax output's map: where its class wins (as the decision map shows it).
    MapSummary s;
    s.n = n;
    s.middle = output_middle(o);
    measure(s, v, px);
    std::vector<int> mine(px);
    for (size_t p = 0; p < px; ++p) mine[p] = cls[p] < 0 ? -1 : cls[p] == m - first;
    add_regions(s, mine, 2);
    out.push_back(std::move(s));
  }
  return out;
}

std::string describe_maps_json(Trainer& t, int output_n, int map_n, double lo, double hi) {
  std::string out = "{\"output\":";
  append_json(out, describe_output(t, output_n, lo, hi));
  out += ",\"maps\":[";
  bool first = true;
  for (const MapSummary& s : describe_maps(t, map_n, lo, hi)) {
    if (!first) out += ',';
    first = false;
    append_json(out, s);
  }
  return out + "]}";
}

}  // namespace nnp
