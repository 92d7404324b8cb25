#include "model_io.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
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
// Epochs of the history in order: each above the one before (the first may
// be 0, the initial state), none past the model's epoch, or the chart would
// disagree with the counter.
void check_history_epochs(const std::vector<double>& epochs, std::int64_t epoch, const std::string& field) {
  for (size_t i = 0; i < epochs.size(); ++i) {
    const std::string f = field + "[" + std::to_string(i) + "]";
    const auto e = static_cast<std::int64_t>(epochs[i]);
    if (i > 0 && epochs[i] <= epochs[i - 1])
      fail(f, std::to_string(e),
           "an epoch above the row before's " + std::to_string(static_cast<std::int64_t>(epochs[i - 1])) +
               " (epochs increase row by row)");
    if (e > epoch) fail(f, std::to_string(e), "at most the model's epoch " + std::to_string(epoch));
  }
}

// A parameter's optimizer state, laid out as the parameter is in the file:
// rows x cols (a weight matrix, rows of numbers) or, with cols 0, a vector.
// `a` holds it in Eigen's storage order, column after column.
json state_to_json(const Eigen::ArrayXd& a, Eigen::Index rows, Eigen::Index cols) {
  json out = json::array();
  if (cols == 0) {
    for (Eigen::Index i = 0; i < a.size(); ++i) out.push_back(number_or_null(a(i)));
    return out;
  }
  for (Eigen::Index r = 0; r < rows; ++r) {
    json row = json::array();
    for (Eigen::Index c = 0; c < cols; ++c) row.push_back(number_or_null(a(c * rows + r)));
    out.push_back(std::move(row));
  }
  return out;
}
// `squares`: a sum or average of squares (RMSprop, Adam's second moment,
// Adagrad), which cannot be negative: its square root divides the step.
Eigen::ArrayXd state_from_json(const json& j, Eigen::Index rows, Eigen::Index cols, const std::string& f,
                               bool squares) {
  const auto number = [squares](const json& v, const std::string& field) {
    const double x = from_number_or_null(v, field);
    if (squares && x < 0) fail(field, brief(v), "a number >= 0 (an average or sum of squares)");
    return x;
  };
  const std::string shape = cols == 0 ? std::to_string(rows) + " numbers"
                                      : std::to_string(rows) + " rows of " + std::to_string(cols) + " numbers";
  if (!j.is_array() || j.size() != static_cast<size_t>(rows)) fail(f, brief(j), shape);
  Eigen::ArrayXd a(cols == 0 ? rows : rows * cols);
  for (Eigen::Index r = 0; r < rows; ++r) {
    const json& row = j[static_cast<size_t>(r)];
    if (cols == 0) {
      a(r) = number(row, f + "[" + std::to_string(r) + "]");
      continue;
    }
    if (!row.is_array() || row.size() != static_cast<size_t>(cols))
      fail(f + "[" + std::to_string(r) + "]", brief(row), std::to_string(cols) + " numbers");
    for (Eigen::Index c = 0; c < cols; ++c)
      a(c * rows + r) =
          number(row[static_cast<size_t>(c)], f + "[" + std::to_string(r) + "][" + std::to_string(c) + "]");
  }
  return a;
}

json optimizer_to_json(const Trainer& t) {
  const OptimizerStateNames names = optimizer_state_names(t.config().optimizer.kind);
  const auto& slots = t.optimizer().slots();
  json layers = json::array();
  for (size_t l = 0; l < t.network().layers().size(); ++l) {
    const Layer& layer = t.network().layers()[l];
    json& out = layers.emplace_back(json::object());
    out["weights"] = json::object();
    out["biases"] = json::object();
    const Optimizer::Slot& w = slots[2 * l];
    const Optimizer::Slot& b = slots[2 * l + 1];
    if (names.m) {
      out["weights"][names.m] = state_to_json(w.m, layer.W.rows(), layer.W.cols());
      out["biases"][names.m] = state_to_json(b.m, layer.b.size(), 0);
    }
    if (names.v) {
      out["weights"][names.v] = state_to_json(w.v, layer.W.rows(), layer.W.cols());
      out["biases"][names.v] = state_to_json(b.v, layer.b.size(), 0);
    }
  }
  json o = json::object();
  o["step"] = t.optimizer().t();
  o["layers"] = std::move(layers);
  return o;
}

// The state of one parameter: exactly the names the optimizer keeps.
void read_slot(const json& j, OptimizerStateNames names, Eigen::Index rows, Eigen::Index cols, const std::string& f,
               Optimizer::Slot& slot) {
  if (!j.is_object()) fail(f, brief(j), "an object of the optimizer's state by name");
  const auto size = cols == 0 ? rows : rows * cols;
  slot.m = Eigen::ArrayXd::Zero(size);
  slot.v = Eigen::ArrayXd::Zero(size);
  for (const auto& [name, value] : j.items()) {
    const bool is_m = names.m && name == names.m, is_v = names.v && name == names.v;
    if (!is_m && !is_v) {
      std::string known = names.m ? names.m : "";
      if (names.v) known += (known.empty() ? "" : " and ") + std::string(names.v);
      fail(f + "." + name, "a value", known.empty() ? "nothing: this optimizer keeps no state" : "only " + known);
    }
    (is_m ? slot.m : slot.v) = state_from_json(value, rows, cols, f + "." + name, is_v);
  }
  for (const char* name : {names.m, names.v})
    if (name && !j.contains(name)) fail(f + "." + name, "nothing", "the optimizer's state (the field is missing)");
}

std::vector<Optimizer::Slot> read_optimizer(const json& o, const Trainer& t, std::int64_t& step) {
  const json& s = member(o, "step", "optimizer.");
  step = read_whole(s, "optimizer.step", Limits::max_steps);
  const json& layers = member(o, "layers", "optimizer.");
  const auto& net = t.network().layers();
  if (!layers.is_array() || layers.size() != net.size())
    fail("optimizer.layers", brief(layers), std::to_string(net.size()) + " layers, as in \"layers\"");
  const OptimizerStateNames names = optimizer_state_names(t.config().optimizer.kind);
  std::vector<Optimizer::Slot> slots(2 * net.size());
  for (size_t l = 0; l < net.size(); ++l) {
    const std::string f = "optimizer.layers[" + std::to_string(l) + "]";
    read_slot(member(layers[l], "weights", f + "."), names, net[l].W.rows(), net[l].W.cols(), f + ".weights",
              slots[2 * l]);
    read_slot(member(layers[l], "biases", f + "."), names, net[l].b.size(), 0, f + ".biases", slots[2 * l + 1]);
  }
  return slots;
}

// The generator's words as 16 hexadecimal digits each: JSON readers such as
// JavaScript's keep integers exact only to 2^53.
json shuffle_to_json(const Trainer::Shuffle& s) {
  json o = json::object();
  json state = json::array();
  for (const std::uint64_t w : s.state) {
    char hex[19];
    std::snprintf(hex, sizeof hex, "0x%016llx", static_cast<unsigned long long>(w));
    state.push_back(hex);
  }
  o["state"] = std::move(state);
  o["order"] = s.order;
  o["position"] = s.position;
  return o;
}

Trainer::Shuffle read_shuffle(const json& o) {
  Trainer::Shuffle s;
  const json& state = member(o, "state", "shuffle.");
  if (!state.is_array() || state.size() != 4)
    fail("shuffle.state", brief(state), "4 words as \"0x\" and 16 hex digits");
  for (size_t i = 0; i < 4; ++i) {
    const json& w = state[i];
    const std::string f = "shuffle.state[" + std::to_string(i) + "]";
    const std::string text = w.is_string() ? w.get<std::string>() : "";
    if (text.size() != 18 || text.compare(0, 2, "0x") != 0 ||
        text.find_first_not_of("0123456789abcdef", 2) != std::string::npos)
      fail(f, brief(w), "\"0x\" and 16 hex digits (0-9, a-f)");
    for (size_t k = 2; k < 18; ++k)
      s.state[i] = s.state[i] << 4 | static_cast<std::uint64_t>(text[k] <= '9' ? text[k] - '0' : text[k] - 'a' + 10);
  }
  const json& order = member(o, "order", "shuffle.");
  if (!order.is_array() || order.size() > static_cast<size_t>(Limits::max_samples))
    fail("shuffle.order", brief(order), "an array of training point indices");
  for (size_t i = 0; i < order.size(); ++i)
    s.order.push_back(static_cast<Eigen::Index>(
        read_whole(order[i], "shuffle.order[" + std::to_string(i) + "]", Limits::max_samples - 1)));
  s.position =
      static_cast<size_t>(read_whole(member(o, "position", "shuffle."), "shuffle.position", Limits::max_samples));
  return s;
}

json flow_to_json(const FlowMeter::Partial& p) {
  json o = json::object();
  o["steps"] = p.steps;
  o["grad_sumsq"] = p.sumsq;
  o["saturated"] = p.saturated;
  o["seen"] = p.seen;
  json alive = json::array();
  for (const auto& a : p.alive) {
    json& row = alive.emplace_back(json::array());
    for (char c : a) row.push_back(c ? 1 : 0);
  }
  o["alive"] = std::move(alive);
  return o;
}

FlowMeter::Partial read_flow(const json& o) {
  FlowMeter::Partial p;
  // An epoch has at most one step per training point.
  p.steps = static_cast<long>(read_whole(member(o, "steps", "epoch_flow."), "epoch_flow.steps", Limits::max_samples));
  const auto numbers = [&](const char* key, std::vector<double>& out) {
    const json& a = member(o, key, "epoch_flow.");
    const std::string f = std::string("epoch_flow.") + key;
    if (!a.is_array() || a.size() > static_cast<size_t>(Limits::max_hidden_layers) + 1)
      fail(f, brief(a), "an array of numbers, one per layer");
    for (size_t i = 0; i < a.size(); ++i) {
      if (!a[i].is_number() || !(a[i].get<double>() >= 0))
        fail(f + "[" + std::to_string(i) + "]", brief(a[i]), "a number >= 0");
      out.push_back(a[i].get<double>());
    }
  };
  numbers("grad_sumsq", p.sumsq);
  numbers("saturated", p.saturated);
  numbers("seen", p.seen);
  const json& alive = member(o, "alive", "epoch_flow.");
  if (!alive.is_array() || alive.size() > static_cast<size_t>(Limits::max_hidden_layers))
    fail("epoch_flow.alive", brief(alive), "an array of 0/1 arrays, one per hidden layer");
  for (size_t l = 0; l < alive.size(); ++l) {
    const std::string f = "epoch_flow.alive[" + std::to_string(l) + "]";
    if (!alive[l].is_array() || alive[l].size() > static_cast<size_t>(Limits::max_width))
      fail(f, brief(alive[l]), "an array of 0 or 1, one per unit");
    std::vector<char>& row = p.alive.emplace_back();
    for (size_t u = 0; u < alive[l].size(); ++u) {
      if (!(alive[l][u] == 0 || alive[l][u] == 1))
        fail(f + "[" + std::to_string(u) + "]", brief(alive[l][u]), "0 or 1");
      row.push_back(alive[l][u] == 1 ? 1 : 0);
    }
  }
  return p;
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
  out["shuffle"] = shuffle_to_json(t.shuffle_state());
  out["optimizer"] = optimizer_to_json(t);
  out["epoch_flow"] = flow_to_json(t.epoch_flow());
  out["start_loss"] = number_or_null(t.start_loss());
  out["stuck_score"] = t.stuck_score();
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

std::string import_model(Trainer& t, std::string_view text) {
  const json j = parse_json_text(text, "model", Limits::max_model_bytes);
  if (!j.is_object()) fail("model", "a " + std::string(j.type_name()), "a JSON object");
  if (!j.contains("format") || j["format"] != "nn-playground-model")
    fail("format", j.contains("format") ? brief(j["format"]) : "nothing", "\"nn-playground-model\"");
  const json& schema = member(j, "schema", "");
  if (!schema.is_number_integer() || !(schema == 1 || schema == 2 || schema == kModelSchema))
    fail("schema", brief(schema), "schema version 1, 2 or " + std::to_string(kModelSchema));
  const bool rows_history = schema == 1;
  const bool checkpoint = schema == kModelSchema;
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
  // Nothing to train on: Step would do nothing, with no way to say why.
  if (next.train_size() == 0)
    fail("points", next.points().empty() ? "no points" : "only held-out points (test 1)",
         "at least one training point (test 0): a model trains on its training points");
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
  check_history_epochs(history[0], epoch, rows_history ? "history (epoch column)" : "history.epoch");
  next.restore_progress(epoch, steps, history);
  std::string note;
  if (checkpoint) {
    const Trainer::Shuffle shuffle = read_shuffle(member(j, "shuffle", ""));
    std::int64_t optimizer_step = 0;
    std::vector<Optimizer::Slot> slots = read_optimizer(member(j, "optimizer", ""), next, optimizer_step);
    const FlowMeter::Partial flow = read_flow(member(j, "epoch_flow", ""));
    const double start_loss = from_number_or_null(member(j, "start_loss", ""), "start_loss");
    const double stuck_score = from_number_or_null(member(j, "stuck_score", ""), "stuck_score");
    next.restore_checkpoint(shuffle, optimizer_step, std::move(slots), flow, start_loss, stuck_score);
  } else if (steps > 0) {
    note = "This model file (schema " + std::to_string(schema.get<int>()) +
           ") holds no optimizer state: training resumes from the start of epoch " + std::to_string(epoch) +
           " with the optimizer's moments, accumulators and step count at zero and the shuffle started afresh, so it "
           "is not the run that was saved.";
  }
  t = std::move(next);
  return note;
}

}  // namespace nnp
