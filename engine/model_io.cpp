#include "model_io.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

#include "error.hpp"
#include "json_text.hpp"

namespace nnp {

using nlohmann::json;

namespace {
json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
double from_number_or_null(const json& v, const std::string& field) {
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (!v.is_number()) fail(field, brief(v), "a number or null");
  return v.get<double>();
}
const json& member(const json& j, const char* key, const std::string& where) {
  if (!j.is_object()) fail(where.empty() ? "model" : where.substr(0, where.size() - 1), brief(j), "an object");
  if (!j.contains(key)) fail(where + key, "nothing", "a value (the field is missing)");
  return j[key];
}

// A whole number 0..max, exactly: 4294967296 must not wrap to 0, nor 1.5 pass.
std::int64_t read_whole(const json& v, const std::string& field, std::int64_t max) {
  const std::string allowed = "a whole number from 0 to " + std::to_string(max);
  if (v.is_number_unsigned()) {
    if (v.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) fail(field, brief(v), allowed);
    return static_cast<std::int64_t>(v.get<std::uint64_t>());
  }
  if (v.is_number_integer()) {
    const auto n = v.get<std::int64_t>();
    if (n < 0 || n > max) fail(field, brief(v), allowed);
    return n;
  }
  fail(field, brief(v), allowed);
}
}  // namespace

std::string export_model(const Trainer& t) {
  json layers = json::array();
  for (const auto& l : t.network().layers()) {
    json w = json::array();
    for (Eigen::Index i = 0; i < l.W.rows(); ++i) {
      json row = json::array();
      for (Eigen::Index k = 0; k < l.W.cols(); ++k) row.push_back(l.W(i, k));
      w.push_back(row);
    }
    json b = json::array();
    for (Eigen::Index i = 0; i < l.b.size(); ++i) b.push_back(l.b(i));
    layers.push_back({{"weights", w}, {"biases", b}});
  }
  json history = json::array();
  for (const auto& s : t.history())
    history.push_back({s.epoch, number_or_null(s.train_loss), number_or_null(s.test_loss),
                       number_or_null(s.train_accuracy), number_or_null(s.test_accuracy)});
  json out = {{"format", "nn-playground-model"},
              {"schema", kModelSchema},
              {"config", config_to_json(t.config())},
              {"epoch", t.epoch()},
              {"steps", t.steps()},
              {"layers", layers},
              {"history", history}};
  if (t.config().dataset == DatasetKind::custom) {
    json pts = json::array();
    for (size_t i = 0; i < t.points().size(); ++i) {
      const Point& p = t.points()[i];
      pts.push_back({p.x1, p.x2, p.label, t.is_test(i) ? 1 : 0});
    }
    out["points"] = pts;
  }
  return out.dump();
}

void import_model(Trainer& t, std::string_view text) {
  const json j = parse_json_text(text, "model", Limits::max_model_bytes);
  if (!j.is_object()) fail("model", "a " + std::string(j.type_name()), "a JSON object");
  if (!j.contains("format") || j["format"] != "nn-playground-model")
    fail("format", j.contains("format") ? brief(j["format"]) : "nothing", "\"nn-playground-model\"");
  const json& schema = member(j, "schema", "");
  if (!schema.is_number_integer() || schema != kModelSchema)
    fail("schema", brief(schema), "schema version " + std::to_string(kModelSchema));
  const Config config = config_from_json(member(j, "config", ""));

  // Build the whole new state aside, then swap it in.
  Trainer next(config);
  if (config.dataset == DatasetKind::custom) {
    const json& pts = member(j, "points", "");
    if (!pts.is_array()) fail("points", brief(pts), "an array of [x, y, label, test]");
    if (pts.size() > Trainer::kMaxPoints)
      fail("points", std::to_string(pts.size()) + " points", "at most " + std::to_string(Trainer::kMaxPoints));
    std::vector<Point> points;
    std::vector<char> held_out;
    for (size_t i = 0; i < pts.size(); ++i) {
      const std::string f = "points[" + std::to_string(i) + "]";
      const json& q = pts[i];
      if (!q.is_array() || q.size() != 4 || !q[0].is_number() || !q[1].is_number() || !q[2].is_number() ||
          !(q[3] == 0 || q[3] == 1))
        fail(f, brief(q), "[x, y, label, test] with test 0 (training point) or 1 (held out)");
      points.push_back({q[0].get<double>(), q[1].get<double>(), q[2].get<double>()});
      held_out.push_back(q[3] == 1 ? 1 : 0);
    }
    if (!points.empty()) next.set_points(points, held_out);
  }
  const json& layers = member(j, "layers", "");
  if (!layers.is_array()) fail("layers", brief(layers), "an array of {weights, biases}");
  if (layers.size() > static_cast<size_t>(Limits::max_hidden_layers) + 1)
    fail("layers", std::to_string(layers.size()) + " layers",
         std::to_string(next.network().layers().size()) + " as the configuration says");
  std::vector<Mat> W;
  std::vector<Vec> b;
  for (size_t l = 0; l < layers.size(); ++l) {
    const std::string f = "layers[" + std::to_string(l) + "]";
    const json& w = member(layers[l], "weights", f + ".");
    const json& bias = member(layers[l], "biases", f + ".");
    if (!w.is_array() || w.empty() || !w[0].is_array()) fail(f + ".weights", brief(w), "an array of rows");
    if (!bias.is_array()) fail(f + ".biases", brief(bias), "an array of numbers");
    // Larger than any layer the configuration allows: refused before allocating.
    const size_t most =
        static_cast<size_t>(std::max({Limits::max_width, kMaxClasses, static_cast<int>(feature_table().size())}));
    if (w.size() > most || w[0].size() > most || bias.size() > most)
      fail(f, std::to_string(w.size()) + "x" + std::to_string(w[0].size()) + " weights",
           "at most " + std::to_string(most) + "x" + std::to_string(most));
    Mat m(static_cast<Eigen::Index>(w.size()), static_cast<Eigen::Index>(w[0].size()));
    for (size_t r = 0; r < w.size(); ++r) {
      if (!w[r].is_array() || w[r].size() != w[0].size())
        fail(f + ".weights[" + std::to_string(r) + "]", brief(w[r]), std::to_string(w[0].size()) + " numbers");
      for (size_t c = 0; c < w[r].size(); ++c) {
        if (!w[r][c].is_number())
          fail(f + ".weights[" + std::to_string(r) + "][" + std::to_string(c) + "]", brief(w[r][c]), "a number");
        m(Eigen::Index(r), Eigen::Index(c)) = w[r][c].get<double>();
      }
    }
    Vec v(static_cast<Eigen::Index>(bias.size()));
    for (size_t r = 0; r < bias.size(); ++r) {
      if (!bias[r].is_number()) fail(f + ".biases[" + std::to_string(r) + "]", brief(bias[r]), "a number");
      v(Eigen::Index(r)) = bias[r].get<double>();
    }
    W.push_back(std::move(m));
    b.push_back(std::move(v));
  }
  next.set_parameters(W, b);
  const std::int64_t epoch = j.contains("epoch") ? read_whole(j["epoch"], "epoch", Limits::max_epoch) : 0;
  const std::int64_t steps = j.contains("steps") ? read_whole(j["steps"], "steps", Limits::max_steps) : 0;
  std::vector<EpochStats> history;
  if (j.contains("history")) {
    const json& h = j["history"];
    if (!h.is_array()) fail("history", brief(h), "an array of [epoch, train_loss, test_loss, train_acc, test_acc]");
    history.reserve(h.size());
    for (size_t i = 0; i < h.size(); ++i) {
      const std::string f = "history[" + std::to_string(i) + "]";
      if (!h[i].is_array() || h[i].size() != 5)
        fail(f, brief(h[i]), "[epoch, train_loss, test_loss, train_acc, test_acc]");
      history.push_back({read_whole(h[i][0], f + "[0] (epoch)", Limits::max_epoch), from_number_or_null(h[i][1], f),
                         from_number_or_null(h[i][2], f), from_number_or_null(h[i][3], f),
                         from_number_or_null(h[i][4], f)});
    }
  }
  next.restore_progress(epoch, steps, history);
  t = std::move(next);
}

}  // namespace nnp
