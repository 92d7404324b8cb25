#include "model_io.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>

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

// Schema 1: rows [epoch, train_loss, test_loss, train_acc, test_acc]; the
// columns after those are NaN.
std::vector<std::vector<double>> read_row_history(const json& h, size_t columns) {
  if (!h.is_array()) fail("history", brief(h), "an array of [epoch, train_loss, test_loss, train_acc, test_acc]");
  std::vector<std::vector<double>> out(columns);
  for (auto& c : out) c.reserve(h.size());
  for (size_t i = 0; i < h.size(); ++i) {
    const std::string f = "history[" + std::to_string(i) + "]";
    if (!h[i].is_array() || h[i].size() != 5)
      fail(f, brief(h[i]), "[epoch, train_loss, test_loss, train_acc, test_acc]");
    out[0].push_back(static_cast<double>(read_whole(h[i][0], f + "[0] (epoch)", Limits::max_epoch)));
    for (size_t c = 1; c < 5; ++c) out[c].push_back(from_number_or_null(h[i][c], f));
    for (size_t c = 5; c < columns; ++c) out[c].push_back(std::numeric_limits<double>::quiet_NaN());
  }
  return out;
}

// Schema 2: {"column name": [values], ...}, every column as long as "epoch".
// Columns the network has that the file lacks are NaN; a name the network
// does not have is refused (it belongs to another network or is a typo).
std::vector<std::vector<double>> read_column_history(const json& h, const History& into) {
  if (!h.is_object()) fail("history", brief(h), "an object of named columns, {\"epoch\": [...], ...}");
  const auto& names = into.columns();
  if (h.empty()) return std::vector<std::vector<double>>(names.size());  // no rows
  if (!h.contains("epoch")) fail("history.epoch", "nothing", "an array of epochs (the column is missing)");
  const json& ep = h["epoch"];
  if (!ep.is_array()) fail("history.epoch", brief(ep), "an array of epochs");
  const size_t n = ep.size();
  for (const auto& [name, col] : h.items()) {
    if (into.find(name) < 0) {
      std::string known;
      for (const auto& k : names) known += (known.empty() ? "" : ", ") + k;
      fail("history." + name, "an unknown column", "one of " + known);
    }
    if (!col.is_array() || col.size() != n)
      fail("history." + name, brief(col), std::to_string(n) + " values, as many as history.epoch");
  }
  std::vector<std::vector<double>> out(names.size());
  for (size_t c = 0; c < names.size(); ++c) {
    out[c].assign(n, std::numeric_limits<double>::quiet_NaN());
    if (!h.contains(names[c])) continue;
    const json& col = h[names[c]];
    for (size_t i = 0; i < n; ++i) {
      const std::string f = "history." + names[c] + "[" + std::to_string(i) + "]";
      out[c][i] = c == 0 ? static_cast<double>(read_whole(col[i], f + " (epoch)", Limits::max_epoch))
                         : from_number_or_null(col[i], f);
    }
  }
  return out;
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
    json& layer = layers.emplace_back(json::object());
    layer["weights"] = std::move(w);
    layer["biases"] = std::move(b);
  }
  // Every column by name: a new series needs no change here.
  json history = json::object();
  const History& h = t.history();
  for (size_t c = 0; c < h.columns().size(); ++c) {
    json col = json::array();
    // Whole numbers (epochs, counts) are written as integers: "1", not "1.0".
    for (double v : h.data()[c])
      col.push_back(std::isfinite(v) && v == std::floor(v) && std::abs(v) < 9e15 ? json(static_cast<std::int64_t>(v))
                                                                                 : number_or_null(v));
    history[h.columns()[c]] = std::move(col);
  }
  // Key by key, not from an initializer list: the same object, less wasm code.
  json out = json::object();
  out["format"] = "nn-playground-model";
  out["schema"] = kModelSchema;
  out["config"] = config_to_json(t.config());
  out["epoch"] = t.epoch();
  out["steps"] = t.steps();
  out["layers"] = std::move(layers);
  out["history"] = std::move(history);
  if (t.config().dataset == DatasetKind::custom) {
    json pts = json::array();
    for (size_t i = 0; i < t.points().size(); ++i) {
      const Point& p = t.points()[i];
      json& row = pts.emplace_back(json::array());
      row.push_back(p.x1);
      row.push_back(p.x2);
      row.push_back(p.label);
      row.push_back(t.is_test(i) ? 1 : 0);
    }
    out["points"] = std::move(pts);
  }
  return out.dump();
}

void import_model(Trainer& t, std::string_view text) {
  const json j = parse_json_text(text, "model", Limits::max_model_bytes);
  if (!j.is_object()) fail("model", "a " + std::string(j.type_name()), "a JSON object");
  if (!j.contains("format") || j["format"] != "nn-playground-model")
    fail("format", j.contains("format") ? brief(j["format"]) : "nothing", "\"nn-playground-model\"");
  const json& schema = member(j, "schema", "");
  if (!schema.is_number_integer() || (schema != kModelSchema && schema != 1))
    fail("schema", brief(schema), "schema version 1 or " + std::to_string(kModelSchema));
  const bool rows_history = schema == 1;
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
  const History& into = next.history();
  std::vector<std::vector<double>> history(into.columns().size());
  if (j.contains("history")) {
    if (rows_history)
      history = read_row_history(j["history"], into.columns().size());
    else
      history = read_column_history(j["history"], into);
  }
  next.restore_progress(epoch, steps, history);
  t = std::move(next);
}

}  // namespace nnp
