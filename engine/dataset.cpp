#include "dataset.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numbers>

#include "config.hpp"
#include "error.hpp"
#include "rng.hpp"

namespace nnp {

namespace {
constexpr double kPi = std::numbers::pi;

double dist(double x, double y, double cx, double cy) { return std::hypot(x - cx, y - cy); }
double lerp(double t, double a, double b) { return a + (b - a) * t; }

// The generators below follow TensorFlow Playground's definitions (dataset.ts),
// including where the noise enters, so its links give the same pictures.

std::vector<Point> circle(int n, double noise, Rng& rng) {
  const double radius = 5;
  std::vector<Point> pts;
  auto gen = [&](int count, double r0, double r1) {
    for (int i = 0; i < count; ++i) {
      const double r = rng.uniform(r0, r1), angle = rng.uniform(0, 2 * kPi);
      const double x = r * std::sin(angle), y = r * std::cos(angle);
      // Noise moves the point used for the label, not the point itself.
      const double nx = rng.uniform(-radius, radius) * noise, ny = rng.uniform(-radius, radius) * noise;
      pts.push_back({x, y, dist(x + nx, y + ny, 0, 0) < radius * 0.5 ? 1.0 : 0.0});
    }
  };
  gen(n / 2, 0, radius * 0.5);
  gen(n - n / 2, radius * 0.7, radius);
  return pts;
}

std::vector<Point> xor_points(int n, double noise, Rng& rng) {
  std::vector<Point> pts;
  const double padding = 0.3;
  for (int i = 0; i < n; ++i) {
    double x = rng.uniform(-5, 5);
    x += x > 0 ? padding : -padding;
    double y = rng.uniform(-5, 5);
    y += y > 0 ? padding : -padding;
    const double nx = rng.uniform(-5, 5) * noise, ny = rng.uniform(-5, 5) * noise;
    pts.push_back({x, y, (x + nx) * (y + ny) >= 0 ? 1.0 : 0.0});
  }
  return pts;
}

std::vector<Point> gauss(int n, double noise, Rng& rng) {
  const double sd = std::sqrt(lerp(noise / 0.5, 0.5, 4.0));  // variance 0.5..4 over noise 0..0.5
  std::vector<Point> pts;
  auto gen = [&](int count, double cx, double cy, double label) {
    for (int i = 0; i < count; ++i) {
      const double x = rng.normal(cx, sd), y = rng.normal(cy, sd);
      // Clamped to the plane like blobs and moons: a wide Gaussian reaches past it.
      pts.push_back({std::clamp(x, -kDomain, kDomain), std::clamp(y, -kDomain, kDomain), label});
    }
  };
  gen(n / 2, 2, 2, 1);
  gen(n - n / 2, -2, -2, 0);
  return pts;
}

std::vector<Point> spiral(int n, double noise, int arms, Rng& rng, bool tfp_labels) {
  std::vector<Point> pts;
  for (int k = 0; k < arms; ++k) {
    const int count = n / arms + (k < n % arms ? 1 : 0);
    const double delta = 2 * kPi * k / arms;
    for (int i = 0; i < count; ++i) {
      const double r = static_cast<double>(i) / count * 5;
      const double t = 1.75 * i / count * 2 * kPi + delta;
      const double x = r * std::sin(t) + rng.uniform(-1, 1) * noise;
      const double y = r * std::cos(t) + rng.uniform(-1, 1) * noise;
      // TensorFlow Playground's first arm is the positive class.
      const double label = tfp_labels ? (k == 0 ? 1.0 : 0.0) : static_cast<double>(k);
      pts.push_back({x, y, label});
    }
  }
  return pts;
}

std::vector<Point> moons(int n, double noise, Rng& rng) {
  // Two interleaving half circles (scikit-learn's make_moons) scaled by 3.5 and
  // centred; Gaussian noise with standard deviation 2.5 * noise.
  std::vector<Point> pts;
  const double s = 3.5, sd = 2.5 * noise;
  auto gen = [&](int count, bool upper) {
    for (int i = 0; i < count; ++i) {
      const double t = count > 1 ? kPi * i / (count - 1) : 0;
      double mx = upper ? std::cos(t) : 1 - std::cos(t);
      double my = upper ? std::sin(t) : 0.5 - std::sin(t);
      const double x = s * (mx - 0.5) + rng.normal(0, sd), y = s * (my - 0.25) + rng.normal(0, sd);
      pts.push_back({std::clamp(x, -kDomain, kDomain), std::clamp(y, -kDomain, kDomain), upper ? 1.0 : 0.0});
    }
  };
  gen(n / 2, true);
  gen(n - n / 2, false);
  return pts;
}

std::vector<Point> checkerboard(int n, double noise, Rng& rng) {
  // A 4 x 4 board of 3 x 3 squares over the plane; noise enters like XOR's.
  std::vector<Point> pts;
  for (int i = 0; i < n; ++i) {
    const double x = rng.uniform(-kDomain, kDomain), y = rng.uniform(-kDomain, kDomain);
    const double nx = rng.uniform(-5, 5) * noise, ny = rng.uniform(-5, 5) * noise;
    const long cell = static_cast<long>(std::floor((x + nx) / 3) + std::floor((y + ny) / 3));
    pts.push_back({x, y, (cell % 2 == 0) ? 1.0 : 0.0});
  }
  return pts;
}

std::vector<Point> blobs(int n, double noise, int classes, Rng& rng) {
  // K Gaussian clusters with centres evenly spaced on a circle of radius 4.
  const double sd = std::sqrt(lerp(noise / 0.5, 0.3, 3.0));
  std::vector<Point> pts;
  for (int k = 0; k < classes; ++k) {
    const int count = n / classes + (k < n % classes ? 1 : 0);
    const double a = 2 * kPi * k / classes + kPi / 2;
    const double cx = 4 * std::cos(a), cy = 4 * std::sin(a);
    for (int i = 0; i < count; ++i) {
      const double x = rng.normal(cx, sd), y = rng.normal(cy, sd);
      pts.push_back({std::clamp(x, -kDomain, kDomain), std::clamp(y, -kDomain, kDomain), static_cast<double>(k)});
    }
  }
  return pts;
}

template <typename LabelFn>
std::vector<Point> regression(int n, double noise, Rng& rng, LabelFn label) {
  std::vector<Point> pts;
  const double radius = 6;
  for (int i = 0; i < n; ++i) {
    const double x = rng.uniform(-radius, radius), y = rng.uniform(-radius, radius);
    const double nx = rng.uniform(-radius, radius) * noise, ny = rng.uniform(-radius, radius) * noise;
    pts.push_back({x, y, label(x + nx, y + ny)});
  }
  return pts;
}

// Maps [-10, 10] to [-1, 1], clamped: x + y spans [-12, 12] (more with noise).
double plane_label(double x, double y) { return std::clamp((x + y) / 10, -1.0, 1.0); }

double gauss_label(double x, double y) {
  static const double centres[6][3] = {{-4, 2.5, 1},   {0, 2.5, -1}, {4, 2.5, 1},
                                       {-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1}};
  double label = 0;
  for (const auto& c : centres) {
    // Distance 0..2 maps to 1..0, clamped.
    const double v = c[2] * std::clamp(1 - dist(x, y, c[0], c[1]) / 2, 0.0, 1.0);
    if (std::abs(v) > std::abs(label)) label = v;
  }
  return label;
}
}  // namespace

const std::vector<DatasetInfo>& dataset_table() {
  using P = Problem;
  static const std::vector<DatasetInfo> table = {
      {DatasetKind::circle, "circle", "Circle", P::classification, false},
      {DatasetKind::xor_, "xor", "Exclusive or", P::classification, false},
      {DatasetKind::gauss, "gauss", "Two Gaussians", P::classification, false},
      {DatasetKind::spiral, "spiral", "Spiral", P::classification, false},
      {DatasetKind::moons, "moons", "Two moons", P::classification, false},
      {DatasetKind::checkerboard, "checkerboard", "Checkerboard", P::classification, false},
      {DatasetKind::xor_table, "xor_table", "XOR truth table", P::classification, false, false, false, 0, 1},
      {DatasetKind::blobs, "blobs", "Gaussian blobs", P::classification, true},
      {DatasetKind::multi_spiral, "multi_spiral", "Many-armed spiral", P::classification, true},
      {DatasetKind::reg_plane, "reg_plane", "Plane", P::regression, false},
      {DatasetKind::reg_gauss, "reg_gauss", "Gaussian bumps", P::regression, false},
      {DatasetKind::custom, "custom", "Your points", P::classification, true, false},
  };
  return table;
}

const DatasetInfo& dataset_info(DatasetKind k) { return dataset_table()[static_cast<size_t>(k)]; }

DatasetKind dataset_from_id(std::string_view id, const std::string& field) {
  return static_cast<DatasetKind>(index_of_id(dataset_table(), id, field, [](const auto& r) { return r.id; }));
}

std::vector<Point> generate(DatasetKind kind, int n, double noise, int classes, std::uint64_t seed) {
  Rng rng(seed, kDataStream);
  switch (kind) {
    case DatasetKind::circle: return circle(n, noise, rng);
    case DatasetKind::xor_: return xor_points(n, noise, rng);
    case DatasetKind::gauss: return gauss(n, noise, rng);
    case DatasetKind::spiral: return spiral(n, noise, 2, rng, true);
    case DatasetKind::moons: return moons(n, noise, rng);
    case DatasetKind::checkerboard: return checkerboard(n, noise, rng);
    case DatasetKind::xor_table: return {{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
    case DatasetKind::blobs: return blobs(n, noise, classes, rng);
    case DatasetKind::multi_spiral: return spiral(n, noise, classes, rng, false);
    case DatasetKind::reg_plane: return regression(n, noise, rng, plane_label);
    case DatasetKind::reg_gauss: return regression(n, noise, rng, gauss_label);
    case DatasetKind::custom: return {};
  }
  return {};
}

namespace {
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);  // as `ostream << v` (no iostreams: they bloat the wasm)
  return buf;
}
}  // namespace

std::string check_point(const Point& p, int classes) {
  if (!std::isfinite(p.x1) || !std::isfinite(p.x2)) return "coordinates must be finite numbers";
  if (std::abs(p.x1) > kDomain || std::abs(p.x2) > kDomain)
    return "point (" + num(p.x1) + ", " + num(p.x2) + ") is outside the plane [-6, 6] x [-6, 6]";
  if (!std::isfinite(p.label)) return "label must be a finite number";
  if (classes >= 2) {
    if (p.label != std::floor(p.label) || p.label < 0 || p.label >= classes)
      return "label " + num(p.label) + " is not a class index 0.." + std::to_string(classes - 1);
  }
  return "";
}

namespace {
constexpr std::string_view kNbsp = "\xC2\xA0";  // no-break space, common in pasted spreadsheet data
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Strips spaces, tabs, carriage returns, quotes and no-break spaces at both ends.
std::string_view trim(std::string_view s) {
  for (bool more = true; more;) {
    more = false;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '"'))
      s.remove_prefix(1), more = true;
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '"'))
      s.remove_suffix(1), more = true;
    if (s.substr(0, 2) == kNbsp) s.remove_prefix(2), more = true;
    if (s.size() >= 2 && s.substr(s.size() - 2) == kNbsp) s.remove_suffix(2), more = true;
  }
  return s;
}

enum class Parsed { ok, not_a_number, out_of_range };

Parsed parse_number(std::string_view s, double& out) {
  s = trim(s);
  if (s.empty()) return Parsed::not_a_number;
  if (s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return Parsed::not_a_number;
#if defined(__cpp_lib_to_chars)
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ptr != s.data() + s.size()) return Parsed::not_a_number;
  if (ec == std::errc::result_out_of_range) return Parsed::out_of_range;
  return ec == std::errc() ? Parsed::ok : Parsed::not_a_number;
#else
  // libc++ of emscripten 3.1.6 has no floating-point from_chars: strtod with
  // from_chars' rules (no leading space or second '+', no hex, no out-of-range value).
  if (std::isspace(static_cast<unsigned char>(s.front())) || s.front() == '+') return Parsed::not_a_number;
  if (s.find_first_of("xX") != std::string_view::npos) return Parsed::not_a_number;
  const std::string buf(s);
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(buf.c_str(), &end);
  if (end != buf.c_str() + buf.size()) return Parsed::not_a_number;
  if (errno == ERANGE) return Parsed::out_of_range;
  out = v;
  return Parsed::ok;
#endif
}

// Whether a cell is meant as a number (a digit, or a point and a digit, after
// an optional sign; or inf / nan), however badly written: only a first row
// with no such cell is a header.
bool number_like(std::string_view s) {
  s = trim(s);
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  if (s.empty()) return false;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (digit(s.front()) || (s.front() == '.' && s.size() > 1 && digit(s[1]))) return true;
  std::string lower;
  for (char c : s.substr(0, 8)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "inf" || lower == "infinity" || lower == "nan";
}

std::string quoted(std::string_view s) { return "\"" + excerpt(s) + "\""; }
}  // namespace

CsvResult parse_csv(std::string_view text, int classes, size_t max_points) {
  CsvResult result;
  // Sizes first: nothing of an oversized file is parsed.
  if (text.size() > Limits::max_csv_bytes) {
    result.errors.push_back("the file is " + std::to_string(text.size()) + " bytes; at most " +
                            std::to_string(Limits::max_csv_bytes) + " are allowed");
    return result;
  }
  const size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  if (lines > Limits::max_csv_lines) {
    result.errors.push_back("the file has " + std::to_string(lines) + " lines; at most " +
                            std::to_string(Limits::max_csv_lines) + " are allowed");
    return result;
  }
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());

  size_t line_no = 0, pos = 0, unlisted = 0;
  auto report = [&](std::string why) {
    if (result.errors.size() < Limits::max_csv_errors)
      result.errors.push_back("line " + std::to_string(line_no) + ": " + why);
    else
      ++unlisted;
  };
  bool seen_row = false;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') {
      if (end == text.size()) break;
      continue;
    }
    std::vector<std::string_view> cells;
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == ',' || line[i] == ';' || line[i] == '\t') {
        cells.push_back(line.substr(start, i - start));
        start = i + 1;
      }
    }
    Point p;
    Parsed parsed[3] = {Parsed::not_a_number, Parsed::not_a_number, Parsed::not_a_number};
    if (cells.size() == 3) {
      parsed[0] = parse_number(cells[0], p.x1);
      parsed[1] = parse_number(cells[1], p.x2);
      parsed[2] = parse_number(cells[2], p.label);
    }
    const bool numeric =
        cells.size() == 3 && parsed[0] == Parsed::ok && parsed[1] == Parsed::ok && parsed[2] == Parsed::ok;
    if (!numeric) {
      // A first row with nothing number-like is a header such as "x,y,label".
      if (!seen_row && std::none_of(cells.begin(), cells.end(), number_like)) {
        seen_row = true;
        if (end == text.size()) break;
        continue;
      }
      if (cells.size() != 3) {
        report("expected 3 values (x, y, label), found " + std::to_string(cells.size()) + " in " + quoted(line));
      } else {
        size_t k = 0;
        while (parsed[k] == Parsed::ok) ++k;
        report(parsed[k] == Parsed::out_of_range
                   ? "the number " + quoted(trim(cells[k])) + " is out of range"
                   : "expected numbers, found " + quoted(trim(cells[k])) + " in " + quoted(line));
      }
    } else {
      if (classes == 2 && p.label == -1) p.label = 0;
      const std::string why = check_point(p, classes);
      if (!why.empty())
        report(why);
      else
        result.points.push_back(p);
    }
    seen_row = true;
    if (end == text.size()) break;
  }
  if (unlisted > 0) result.errors.push_back("and " + std::to_string(unlisted) + " more rows with errors");
  if (result.points.size() > max_points)
    result.errors.push_back("the file has " + std::to_string(result.points.size()) + " points; at most " +
                            std::to_string(max_points) + " are allowed");
  if (result.points.empty() && result.errors.empty()) result.errors.push_back("the file has no data rows");
  return result;
}

std::string to_csv(const std::vector<Point>& points) {
  std::string s = "x,y,label\n";
  char buf[96];
  for (const auto& p : points) {
    std::snprintf(buf, sizeof buf, "%.17g,%.17g,%.17g\n", p.x1, p.x2, p.label);  // as ostream precision 17
    s += buf;
  }
  return s;
}

}  // namespace nnp
