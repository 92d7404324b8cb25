// The toy data sets: sizes, labels, bounds, noise and seeds; CSV input.
#include <catch2/catch.hpp>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "dataset.hpp"
#include "error.hpp"
#include "trainer.hpp"

using namespace nnp;
using Catch::Matchers::Contains;

namespace {

int count_label(const std::vector<Point>& pts, double label) {
  int n = 0;
  for (const auto& p : pts) n += p.label == label;
  return n;
}

const std::vector<DatasetKind> kGenerated = {
    DatasetKind::circle,    DatasetKind::xor_,         DatasetKind::gauss, DatasetKind::spiral,
    DatasetKind::moons,     DatasetKind::checkerboard, DatasetKind::blobs, DatasetKind::multi_spiral,
    DatasetKind::reg_plane, DatasetKind::reg_gauss};

}  // namespace

TEST_CASE("every generator gives n points on the plane [-6, 6]^2 with valid labels, at any noise", "[dataset]") {
  for (DatasetKind k : kGenerated) {
    const auto& info = dataset_info(k);
    const int classes = info.any_classes ? 4 : (info.problem == Problem::regression ? 0 : 2);
    for (double noise : {0.0, 0.25, 0.5, 1.0}) {
      for (int n : {4, 7, 500}) {
        const auto pts = generate(k, n, noise, 4, 3);
        INFO(info.id << " noise " << noise << " n " << n);
        REQUIRE(pts.size() == static_cast<size_t>(n));
        for (const auto& p : pts) {
          REQUIRE(std::abs(p.x1) <= kDomain);
          REQUIRE(std::abs(p.x2) <= kDomain);
          REQUIRE(check_point(p, classes).empty());
          if (info.problem == Problem::regression) {
            REQUIRE(p.label >= -1.0);  // regression labels are values in [-1, 1]
            REQUIRE(p.label <= 1.0);
          }
        }
      }
    }
  }
}

TEST_CASE("same seed, same points; another seed, other points; the data stream only", "[dataset]") {
  for (DatasetKind k : kGenerated) {
    INFO(dataset_info(k).id);
    const auto a = generate(k, 200, 0.2, 3, 42), b = generate(k, 200, 0.2, 3, 42), c = generate(k, 200, 0.2, 3, 43);
    CHECK(a == b);
    CHECK(a != c);
  }
  // The truth table needs no seed and ignores n.
  const auto t = generate(DatasetKind::xor_table, 500, 0.3, 2, 9);
  CHECK(t == std::vector<Point>{{0, 0, 0}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}});
  CHECK(generate(DatasetKind::custom, 500, 0, 2, 1).empty());
}

TEST_CASE("the table says which data settings apply and where the points lie", "[dataset]") {
  for (const auto& info : dataset_table()) {
    INFO(info.id);
    const auto a = generate(info.kind, 50, 0.0, 3, 1), b = generate(info.kind, 80, 0.5, 3, 1);
    // A set that is not generated ignores the point count and the noise.
    CHECK(info.generated == (a.size() == 50 && b.size() == 80));
    if (!info.generated) CHECK(a == b);
    for (const auto& p : b) {
      CHECK(p.x1 >= info.lo);
      CHECK(p.x1 <= info.hi);
      CHECK(p.x2 >= info.lo);
      CHECK(p.x2 <= info.hi);
    }
  }
  // Every point of a set that is not split trains.
  for (const auto& info : dataset_table()) {
    if (info.kind == DatasetKind::custom) continue;  // no points until the page gives some
    Config c;
    c.dataset = info.kind;
    c.classes = 2;
    c.samples = 40;
    c.train_ratio = 0.5;
    Trainer t(c);
    const auto st = t.evaluate();
    INFO(info.id);
    if (info.problem == Problem::classification) CHECK(std::isnan(st.test_accuracy) == !info.split);
  }
  CHECK(dataset_info(DatasetKind::xor_table).lo == 0);
  CHECK(dataset_info(DatasetKind::xor_table).hi == 1);
}

TEST_CASE("two-class generators that split evenly give exact halves", "[dataset]") {
  for (DatasetKind k : {DatasetKind::circle, DatasetKind::gauss, DatasetKind::spiral, DatasetKind::moons}) {
    for (double noise : {0.0, 0.5}) {
      INFO(dataset_info(k).id << " noise " << noise);
      const auto pts = generate(k, 500, noise, 2, 5);
      if (k != DatasetKind::circle || noise == 0) {  // circle's noise moves labels, not points
        CHECK(count_label(pts, 1) == 250);
        CHECK(count_label(pts, 0) == 250);
      }
      const auto odd = generate(k, 301, noise, 2, 5);
      CHECK(count_label(odd, 0) + count_label(odd, 1) == 301);
      if (k != DatasetKind::circle || noise == 0) CHECK(std::abs(count_label(odd, 1) - count_label(odd, 0)) == 1);
    }
  }
}

TEST_CASE("xor and checkerboard are roughly balanced", "[dataset]") {
  for (DatasetKind k : {DatasetKind::xor_, DatasetKind::checkerboard}) {
    const auto pts = generate(k, 2000, 0.0, 2, 8);
    INFO(dataset_info(k).id);
    CHECK(count_label(pts, 1) > 900);
    CHECK(count_label(pts, 1) < 1100);
  }
}

TEST_CASE("without noise labels follow each data set's rule; more noise, more disagreement", "[dataset]") {
  auto disagreements = [](DatasetKind k, double noise, auto rule) {
    int bad = 0;
    for (const auto& p : generate(k, 1000, noise, 2, 17)) bad += rule(p) != p.label;
    return bad;
  };
  SECTION("circle: class 1 inside radius 2.5, class 0 from 3.5 to 5") {
    auto rule = [](const Point& p) { return std::hypot(p.x1, p.x2) < 2.5 ? 1.0 : 0.0; };
    for (const auto& p : generate(DatasetKind::circle, 1000, 0, 2, 17)) {
      const double r = std::hypot(p.x1, p.x2);
      CHECK((r < 2.5 || (r >= 3.5 && r <= 5.0)));
    }
    CHECK(disagreements(DatasetKind::circle, 0, rule) == 0);
    const int low = disagreements(DatasetKind::circle, 0.1, rule), high = disagreements(DatasetKind::circle, 0.5, rule);
    CHECK(low < high);
    CHECK(high > 50);
  }
  SECTION("xor: class 1 where x1 x2 >= 0, points kept 0.3 off the axes") {
    auto rule = [](const Point& p) { return p.x1 * p.x2 >= 0 ? 1.0 : 0.0; };
    for (const auto& p : generate(DatasetKind::xor_, 1000, 0, 2, 17)) {
      CHECK(std::abs(p.x1) >= 0.3);
      CHECK(std::abs(p.x2) >= 0.3);
    }
    CHECK(disagreements(DatasetKind::xor_, 0, rule) == 0);
    const int low = disagreements(DatasetKind::xor_, 0.1, rule), high = disagreements(DatasetKind::xor_, 0.5, rule);
    CHECK(low < high);
    CHECK(high > 50);
  }
  SECTION("checkerboard: class 1 on squares whose 3 x 3 cell indices sum to an even number") {
    auto rule = [](const Point& p) {
      const long cell = static_cast<long>(std::floor(p.x1 / 3) + std::floor(p.x2 / 3));
      return (cell % 2 == 0) ? 1.0 : 0.0;
    };
    CHECK(disagreements(DatasetKind::checkerboard, 0, rule) == 0);
    CHECK(disagreements(DatasetKind::checkerboard, 0.1, rule) < disagreements(DatasetKind::checkerboard, 0.5, rule));
  }
  SECTION("gauss: clusters around (2, 2) and (-2, -2) overlap more with noise") {
    auto rule = [](const Point& p) { return p.x1 + p.x2 > 0 ? 1.0 : 0.0; };
    const int clean = disagreements(DatasetKind::gauss, 0, rule), noisy = disagreements(DatasetKind::gauss, 0.5, rule);
    CHECK(clean <= 2);  // 4 standard deviations from the boundary
    CHECK(noisy > 50);  // sd 2: about 8 % on the wrong side
    // Sample means near the centres.
    double mx = 0, my = 0;
    int n = 0;
    for (const auto& p : generate(DatasetKind::gauss, 1000, 0, 2, 17))
      if (p.label == 1) {
        mx += p.x1;
        my += p.x2;
        ++n;
      }
    CHECK(mx / n == Approx(2).margin(0.1));
    CHECK(my / n == Approx(2).margin(0.1));
  }
  SECTION("moons: without noise, points lie on the two half circles") {
    for (const auto& p : generate(DatasetKind::moons, 200, 0, 2, 17)) {
      const double mx = p.x1 / 3.5 + 0.5, my = p.x2 / 3.5 + 0.25;  // back to make_moons' units
      if (p.label == 1)
        CHECK(mx * mx + my * my == Approx(1));
      else
        CHECK((1 - mx) * (1 - mx) + (0.5 - my) * (0.5 - my) == Approx(1));
    }
  }
  SECTION("spiral: without noise, radius grows along each arm up to 5; noise moves points by at most noise per axis") {
    const auto clean = generate(DatasetKind::spiral, 400, 0, 2, 17);
    const auto noisy = generate(DatasetKind::spiral, 400, 0.5, 2, 17);
    for (size_t i = 0; i < clean.size(); ++i) {
      const int arm_i = static_cast<int>(i % 200);
      CHECK(std::hypot(clean[i].x1, clean[i].x2) == Approx(arm_i / 200.0 * 5).margin(1e-12));
      CHECK(std::abs(noisy[i].x1 - clean[i].x1) <= 0.5);
      CHECK(std::abs(noisy[i].x2 - clean[i].x2) <= 0.5);
    }
    CHECK(clean.front().label == 1);  // TensorFlow Playground's first arm is the positive class
    CHECK(clean.back().label == 0);
  }
  SECTION("reg_plane: label (x1 + x2) / 10 clamped to [-1, 1]; reg_gauss peaks at +-1 at its centres") {
    for (const auto& p : generate(DatasetKind::reg_plane, 500, 0, 0, 17))
      CHECK(p.label == Approx(std::clamp((p.x1 + p.x2) / 10, -1.0, 1.0)));
    double worst = 0;
    for (const auto& p : generate(DatasetKind::reg_plane, 500, 0.5, 0, 17))
      worst = std::max(worst, std::abs(p.label - (p.x1 + p.x2) / 10));
    CHECK(worst > 0.1);
  }
}

TEST_CASE("blobs and multi_spiral give K classes of n/K points for K = 2..6", "[dataset]") {
  for (DatasetKind k : {DatasetKind::blobs, DatasetKind::multi_spiral}) {
    for (int K = 2; K <= kMaxClasses; ++K) {
      for (int n : {600, 503}) {
        const auto pts = generate(k, n, 0.1, K, 4);
        INFO(dataset_info(k).id << " K=" << K << " n=" << n);
        REQUIRE(pts.size() == static_cast<size_t>(n));
        int total = 0;
        for (int c = 0; c < K; ++c) {
          const int m = count_label(pts, c);
          CHECK((m == n / K || m == n / K + 1));
          total += m;
        }
        CHECK(total == n);
      }
    }
  }
  // Blob centres evenly spaced on a circle of radius 4, the first at the top.
  const auto pts = generate(DatasetKind::blobs, 3000, 0, 3, 4);
  for (int c = 0; c < 3; ++c) {
    double mx = 0, my = 0;
    int n = 0;
    for (const auto& p : pts)
      if (p.label == c) {
        mx += p.x1;
        my += p.x2;
        ++n;
      }
    const double a = 2 * std::numbers::pi * c / 3 + std::numbers::pi / 2;
    CHECK(mx / n == Approx(4 * std::cos(a)).margin(0.05));
    CHECK(my / n == Approx(4 * std::sin(a)).margin(0.05));
  }
}

TEST_CASE("dataset ids and kinds", "[dataset]") {
  const auto& t = dataset_table();
  REQUIRE(t.size() == 12);
  for (size_t i = 0; i < t.size(); ++i) {
    CHECK(static_cast<size_t>(t[i].kind) == i);
    CHECK(dataset_from_id(t[i].id) == t[i].kind);
  }
  CHECK(dataset_info(DatasetKind::reg_gauss).problem == Problem::regression);
  CHECK(dataset_info(DatasetKind::blobs).any_classes);
  CHECK_THROWS_WITH(dataset_from_id("swiss_roll"), Contains("dataset") && Contains("swiss_roll") && Contains("spiral"));
}

TEST_CASE("check_point: finite, on the plane, and a class index or a value", "[dataset]") {
  CHECK(check_point({1, 2, 1}, 2).empty());
  CHECK(check_point({6, -6, 0}, 2).empty());
  CHECK_THAT(check_point({6.01, 0, 0}, 2), Contains("outside the plane"));
  CHECK_THAT(check_point({0, -7, 0}, 2), Contains("outside the plane"));
  CHECK_THAT(check_point({NAN, 0, 0}, 2), Contains("finite"));
  CHECK_THAT(check_point({0, 0, 2}, 2), Contains("not a class index 0..1"));
  CHECK_THAT(check_point({0, 0, 0.5}, 3), Contains("class index"));
  CHECK_THAT(check_point({0, 0, -1}, 3), Contains("class index"));
  CHECK(check_point({0, 0, 5}, 6).empty());
  CHECK(check_point({0, 0, -3.7}, 0).empty());  // regression takes any finite value
  CHECK_THAT(check_point({0, 0, INFINITY}, 0), Contains("finite"));
}

// --- CSV ---

TEST_CASE("CSV: an optional header, comments, blank lines and three separators", "[dataset][csv]") {
  const auto r = parse_csv("x,y,label\n1,2,1\n\n# a comment\n-3;4.5;0\n0.5\t-0.25\t1\r\n", 2, 100);
  REQUIRE(r.errors.empty());
  REQUIRE(r.points.size() == 3);
  CHECK(r.points[0] == Point{1, 2, 1});
  CHECK(r.points[1] == Point{-3, 4.5, 0});
  CHECK(r.points[2] == Point{0.5, -0.25, 1});
  // No header at all is fine too; so are quoted cells.
  const auto q = parse_csv("\"1\",\"2\",\"0\"\n", 2, 100);
  REQUIRE(q.errors.empty());
  CHECK(q.points[0] == Point{1, 2, 0});
}

TEST_CASE("CSV: label -1 is class 0 for two classes, as in TensorFlow Playground", "[dataset][csv]") {
  const auto r = parse_csv("1,1,-1\n2,2,1\n", 2, 100);
  REQUIRE(r.errors.empty());
  CHECK(r.points[0].label == 0);
  CHECK(r.points[1].label == 1);
  // With more classes -1 is no class index.
  const auto m = parse_csv("1,1,-1\n", 3, 100);
  REQUIRE(m.errors.size() == 1);
  CHECK_THAT(m.errors[0], Contains("line 1") && Contains("class index"));
  // For regression it is just a value.
  const auto v = parse_csv("1,1,-1\n", 0, 100);
  REQUIRE(v.errors.empty());
  CHECK(v.points[0].label == -1);
}

TEST_CASE("CSV: every bad row is reported with its line number", "[dataset][csv]") {
  const std::string text =
      "x,y,label\n"   // 1: header
      "1,2,1\n"       // 2
      "1,2\n"         // 3: two values
      "a,b,c\n"       // 4: not numbers (and not the first row: no second header)
      "7,0,1\n"       // 5: off the plane
      "0,0,3\n"       // 6: no such class
      "1,1,1,1\n"     // 7: four values
      "\n"            // 8
      "0,1e400,0\n";  // 9: out of range
  const auto r = parse_csv(text, 2, 100);
  REQUIRE(r.errors.size() == 6);
  CHECK_THAT(r.errors[0], Contains("line 3") && Contains("expected 3 values") && Contains("found 2"));
  CHECK_THAT(r.errors[1], Contains("line 4") && Contains("expected numbers"));
  CHECK_THAT(r.errors[2], Contains("line 5") && Contains("outside the plane"));
  CHECK_THAT(r.errors[3], Contains("line 6") && Contains("class index"));
  CHECK_THAT(r.errors[4], Contains("line 7") && Contains("found 4"));
  CHECK_THAT(r.errors[5], Contains("line 9"));
  CHECK(r.points.size() == 1);
}

TEST_CASE("CSV: empty files and too many points are refused", "[dataset][csv]") {
  auto r = parse_csv("", 2, 100);
  REQUIRE(r.errors.size() == 1);
  CHECK_THAT(r.errors[0], Contains("no data rows"));
  r = parse_csv("x,y,label\n# nothing\n", 2, 100);
  CHECK_THAT(r.errors.at(0), Contains("no data rows"));
  r = parse_csv("1,1,1\n2,2,0\n3,3,1\n", 2, 2);
  REQUIRE(r.errors.size() == 1);
  CHECK_THAT(r.errors[0], Contains("3 points") && Contains("at most 2"));
}

TEST_CASE("CSV: to_csv and parse_csv round-trip exactly", "[dataset][csv]") {
  const auto pts = generate(DatasetKind::spiral, 50, 0.3, 2, 12);
  const auto r = parse_csv(to_csv(pts), 2, 100);
  REQUIRE(r.errors.empty());
  CHECK(r.points == pts);
}

TEST_CASE("Trainer::load_csv replaces the data only when the whole file is good", "[dataset][csv][trainer]") {
  Trainer t;
  const auto before = t.points();
  const Mat W = t.network().layers()[0].W;
  SECTION("one bad row refuses the whole file") {
    const auto r = t.load_csv("1,1,1\n2,2,0\n9,9,1\n");
    REQUIRE(r.errors.size() == 1);
    CHECK_THAT(r.errors[0], Contains("line 3") && Contains("outside the plane"));
    CHECK(t.points() == before);
    CHECK(t.config().dataset == DatasetKind::circle);
    CHECK(t.train_epochs(1) == Status::ok);  // still trains on the old data
  }
  SECTION("a good file becomes the custom data set, split by the configured ratio") {
    std::string text = "x,y,label\n";
    for (int i = 0; i < 20; ++i)
      text += std::to_string(i % 5) + "," + std::to_string(-(i % 3)) + "," + (i % 2 ? "1" : "-1") + "\n";
    const auto r = t.load_csv(text);
    REQUIRE(r.errors.empty());
    CHECK(t.points().size() == 20);
    CHECK(t.config().dataset == DatasetKind::custom);
    CHECK(t.config().classes == 2);
    CHECK(t.train_size() == 10);  // train_ratio 0.5
    CHECK(t.test_size() == 10);
    CHECK(count_label(t.points(), 0) == 10);
  }
}
