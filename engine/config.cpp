#include "config.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "error.hpp"
#include "json_text.hpp"
#include "tfp_replay.hpp"

namespace nnp {

using nlohmann::json;

Problem Config::effective_problem() const {
  return dataset == DatasetKind::custom ? problem : dataset_info(dataset).problem;
}

int Config::class_count() const {
  if (effective_problem() == Problem::regression) return 0;
  return dataset_info(dataset).any_classes ? classes : 2;
}

Task Config::task() const {
  if (effective_problem() == Problem::regression) return Task::regression;
  return class_count() == 2 ? Task::binary : Task::multiclass;
}

// A row of number_fields(): the member's value as a double, and back.
#define NNP_NUMBER_FIELD(key, member, range, training)                                                  \
  NumberField {                                                                                         \
    key, range, training, [](const Config& c) { return static_cast<double>(c.member); },                \
        [](Config& c, double v) { c.member = static_cast<std::remove_cvref_t<decltype(c.member)>>(v); } \
  }

std::span<const NumberField> number_fields() {
  namespace r = ranges;
  static constexpr NumberField table[] = {
      NNP_NUMBER_FIELD("samples", samples, r::samples, false),
      NNP_NUMBER_FIELD("noise", noise, r::noise, false),
      NNP_NUMBER_FIELD("train_ratio", train_ratio, r::train_ratio, false),
      NNP_NUMBER_FIELD("optimizer.learning_rate", optimizer.learning_rate, r::learning_rate, true),
      NNP_NUMBER_FIELD("optimizer.momentum", optimizer.momentum, r::momentum, true),
      NNP_NUMBER_FIELD("optimizer.rho", optimizer.rho, r::rho, true),
      NNP_NUMBER_FIELD("optimizer.beta1", optimizer.beta1, r::beta1, true),
      NNP_NUMBER_FIELD("optimizer.beta2", optimizer.beta2, r::beta2, true),
      NNP_NUMBER_FIELD("optimizer.epsilon", optimizer.epsilon, r::epsilon, true),
      NNP_NUMBER_FIELD("batch_size", batch_size, r::batch_size, true),
      NNP_NUMBER_FIELD("reg_rate", reg_rate, r::reg_rate, true),
  };
  return table;
}
#undef NNP_NUMBER_FIELD

namespace {

constexpr std::string_view kOptimizerPrefix = "optimizer.";

// A field's key inside the optimizer object ("beta1"), or nullptr for a top-level field.
const char* optimizer_key(const NumberField& f) {
  const std::string_view k = f.key;
  return k.starts_with(kOptimizerPrefix) ? f.key + kOptimizerPrefix.size() : nullptr;
}

// The range key the description gives a field: its key without the optimizer prefix.
const char* range_key(const NumberField& f) {
  const char* inner = optimizer_key(f);
  return inner ? inner : f.key;
}

}  // namespace

std::span<const NamedRange> range_table() {
  namespace r = ranges;
  // The number fields' ranges under their keys, and those of the other checks, in the order validate() checks them.
  static const std::vector<NamedRange> table = [] {
    std::vector<NamedRange> t{{"classes", r::classes}};
    for (const auto& f : number_fields())
      if (!f.training) t.push_back({range_key(f), f.range});
    t.insert(t.end(),
             {{"seed", r::seed}, {"hidden_layers", r::hidden_layers}, {"width", r::width}, {"alpha", r::alpha}});
    for (const auto& f : number_fields())
      if (f.training) t.push_back({range_key(f), f.range});
    t.push_back({"grid", r::grid});
    return t;
  }();
  return table;
}

namespace {

std::string show(double v) {
  if (std::isnan(v)) return "NaN";
  // snprintf, not an ostringstream: iostreams would add ~32 kB gzip to the
  // WebAssembly module. 12 digits: whole numbers up to the seed's limit in full.
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

// "a, b or c": the ids of the outputs whose flag `fits` is set, in table order.
std::string output_ids(bool OutputInfo::*fits) {
  std::vector<const char*> ids;
  for (const auto& o : output_table())
    if (o.*fits) ids.push_back(o.id);
  std::string s;
  for (size_t i = 0; i < ids.size(); ++i)
    s += (i == 0 ? "" : i + 1 == ids.size() ? " or " : ", ") + std::string(ids[i]);
  return s;
}

}  // namespace

void check_in_range(const std::string& field, double v, const Range& r) {
  if (std::isfinite(v) && v >= r.lo && v <= r.hi && !(r.lo_open && v == r.lo) && (!r.whole || v == std::floor(v)))
    return;
  fail(field, show(v),
       std::string(r.whole ? "a whole number" : "a number") + (r.lo_open ? " above " : " from ") + show(r.lo) + " to " +
           show(r.hi));
}

void validate(const Config& c) {
  const auto& ds = dataset_info(c.dataset);
  if (ds.any_classes && c.effective_problem() == Problem::classification)
    check_in_range("classes", c.classes, ranges::classes);
  for (const auto& f : number_fields())
    if (!f.training) check_in_range(f.key, f.get(c), f.range);
  if (c.seed > Limits::max_seed) check_in_range("seed", static_cast<double>(c.seed), ranges::seed);
  if (c.features.empty()) fail("features", "[]", "at least one input feature");
  std::set<Feature> seen;
  for (size_t i = 0; i < c.features.size(); ++i)
    if (!seen.insert(c.features[i]).second)
      fail("features[" + std::to_string(i) + "]",
           std::string("\"") + feature_table()[size_t(c.features[i])].id + "\" again", "each feature at most once");
  check_in_range("hidden (number of layers)", static_cast<double>(c.hidden.size()), ranges::hidden_layers);
  for (size_t i = 0; i < c.hidden.size(); ++i) {
    const std::string f = "hidden[" + std::to_string(i) + "]";
    check_in_range(f + ".width", c.hidden[i].width, ranges::width);
    if (activation_info(c.hidden[i].activation.kind).has_alpha)
      check_in_range(f + ".alpha", c.hidden[i].activation.alpha, ranges::alpha);
  }
  const auto& out = output_info(c.output);
  const Task task = c.task();
  const std::string data = std::string("dataset \"") + ds.id + "\"";
  if (task == Task::regression && !out.regression)
    fail("output", std::string("\"") + out.id + "\"",
         "an output for regression (" + data + " has values, not classes): " + output_ids(&OutputInfo::regression));
  if (task != Task::regression && !out.classification)
    fail("output", std::string("\"") + out.id + "\"",
         "an output for classification (" + data + " has classes): " + output_ids(&OutputInfo::classification));
  if (task == Task::multiclass && !out.multiclass)
    fail("output", std::string("\"") + out.id + "\"",
         output_ids(&OutputInfo::multiclass) + ", the only output for " + std::to_string(c.class_count()) + " classes");
  if (out.no_hidden_layers && !c.hidden.empty())
    fail("hidden (number of layers)", std::to_string(c.hidden.size()),
         std::string("0 with the ") + out.id + " output (a single neuron)");
  for (const auto& f : number_fields())
    if (f.training) check_in_range(f.key, f.get(c), f.range);
  // Leaving TensorFlow Playground's exact replay is explicit: the caller clears tfp_seed.
  if (!c.tfp_seed.empty())
    if (const std::string why = tfp_mismatch(c); !why.empty())
      throw ConfigError("tfp_seed: " + why + " (clear tfp_seed to leave the exact replay)", ErrorCode::tfp_replay, why);
}

namespace {

// Typed readers that name the field in their errors.
const json& expect(const json& v, const std::string& field, json::value_t type, const char* what) {
  const bool ok = type == json::value_t::number_float ? v.is_number() : v.type() == type;
  if (!ok) fail(field, v.is_null() ? "null (NaN, Infinity or no value)" : brief(v), what);
  return v;
}

double read_number(const json& v, const std::string& field) {
  return expect(v, field, json::value_t::number_float, "a number").get<double>();
}

long long read_int(const json& v, const std::string& field, const Range& r) {
  if (!v.is_number()) fail(field, v.is_null() ? "null (NaN, Infinity or no value)" : brief(v), "a whole number");
  const double d = v.get<double>();
  if (d != std::floor(d)) fail(field, brief(v), "a whole number");
  if (d < r.lo || d > r.hi) check_in_range(field, d, r);
  return static_cast<long long>(d);
}

std::string read_string(const json& v, const std::string& field) {
  return expect(v, field, json::value_t::string, "a string").get<std::string>();
}

bool read_bool(const json& v, const std::string& field) {
  return expect(v, field, json::value_t::boolean, "true or false").get<bool>();
}

// A number field's value from JSON: whole numbers checked against the range as
// they are read (before the cast to int), others left to validate().
double read_field(const json& v, const NumberField& f) {
  return f.range.whole ? static_cast<double>(read_int(v, f.key, f.range)) : read_number(v, f.key);
}

// The keys of an object: the fixed ones, then the number fields' at this level
// (top level: prefix nullptr; the optimizer object: its own keys).
std::vector<const char*> keys_with_fields(std::initializer_list<const char*> fixed, bool in_optimizer) {
  std::vector<const char*> keys(fixed);
  for (const auto& f : number_fields())
    if ((optimizer_key(f) != nullptr) == in_optimizer) keys.push_back(in_optimizer ? optimizer_key(f) : f.key);
  return keys;
}

void check_keys(const json& j, const std::string& where, const std::vector<const char*>& keys) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    bool known = false;
    for (const char* k : keys) known |= it.key() == k;
    if (!known) {
      std::string allowed = "one of";
      for (const char* k : keys) allowed += std::string(" ") + k;
      fail(where + excerpt(it.key()), "an unknown field", allowed);
    }
  }
}

}  // namespace

Config config_from_json(const json& j, const Config& base) {
  if (!j.is_object()) fail("config", brief(j), "an object");
  check_keys(j, "",
             keys_with_fields({"dataset", "problem", "classes", "seed", "shuffle", "features", "hidden", "output",
                               "optimizer", "regularization", "init", "tfp_seed"},
                              false));
  Config c = base;
  if (j.contains("dataset")) c.dataset = dataset_from_id(read_string(j["dataset"], "dataset"));
  if (j.contains("problem")) {
    const std::string p = read_string(j["problem"], "problem");
    if (p == "classification")
      c.problem = Problem::classification;
    else if (p == "regression")
      c.problem = Problem::regression;
    else
      fail("problem", "\"" + excerpt(p) + "\"", "classification or regression");
  }
  if (j.contains("classes")) c.classes = static_cast<int>(read_int(j["classes"], "classes", ranges::classes));
  for (const auto& f : number_fields())
    if (!f.training && !optimizer_key(f) && j.contains(f.key)) f.set(c, read_field(j[f.key], f));
  if (j.contains("seed")) c.seed = static_cast<std::uint64_t>(read_int(j["seed"], "seed", ranges::seed));
  if (j.contains("shuffle")) c.shuffle = read_bool(j["shuffle"], "shuffle");
  if (j.contains("features")) {
    const json& f = expect(j["features"], "features", json::value_t::array, "an array of feature ids");
    c.features.clear();
    for (size_t i = 0; i < f.size(); ++i) {
      const std::string field = "features[" + std::to_string(i) + "]";
      c.features.push_back(feature_from_id(read_string(f[i], field), field));
    }
  }
  if (j.contains("hidden")) {
    const json& h = expect(j["hidden"], "hidden", json::value_t::array, "an array of layers {width, activation}");
    check_in_range("hidden (number of layers)", static_cast<double>(h.size()), ranges::hidden_layers);
    c.hidden.clear();
    for (size_t i = 0; i < h.size(); ++i) {
      const std::string field = "hidden[" + std::to_string(i) + "]";
      expect(h[i], field, json::value_t::object, "an object {width, activation}");
      check_keys(h[i], field + ".", {"width", "activation", "alpha"});
      HiddenLayer layer;
      if (h[i].contains("width"))
        layer.width = static_cast<int>(read_int(h[i]["width"], field + ".width", ranges::width));
      if (h[i].contains("activation"))
        layer.activation.kind =
            activation_from_id(read_string(h[i]["activation"], field + ".activation"), field + ".activation");
      layer.activation.alpha = activation_info(layer.activation.kind).default_alpha;
      if (h[i].contains("alpha")) layer.activation.alpha = read_number(h[i]["alpha"], field + ".alpha");
      c.hidden.push_back(layer);
    }
  }
  if (j.contains("output")) c.output = output_from_id(read_string(j["output"], "output"));
  if (j.contains("optimizer")) {
    const json& o = j["optimizer"];
    if (o.is_string()) {  // shorthand: just the kind
      c.optimizer.kind = optimizer_from_id(o.get<std::string>(), "optimizer");
    } else {
      expect(o, "optimizer", json::value_t::object, "an object {kind, learning_rate, ...} or an optimizer id");
      check_keys(o, "optimizer.", keys_with_fields({"kind"}, true));
      if (o.contains("kind")) c.optimizer.kind = optimizer_from_id(read_string(o["kind"], "optimizer.kind"));
      for (const auto& f : number_fields())
        if (const char* k = optimizer_key(f); k && o.contains(k)) f.set(c, read_field(o[k], f));
    }
  }
  for (const auto& f : number_fields())
    if (f.training && !optimizer_key(f) && j.contains(f.key)) f.set(c, read_field(j[f.key], f));
  if (j.contains("regularization"))
    c.regularization = regularization_from_id(read_string(j["regularization"], "regularization"));
  if (j.contains("init")) c.init = init_from_id(read_string(j["init"], "init"));
  if (j.contains("tfp_seed")) c.tfp_seed = read_string(j["tfp_seed"], "tfp_seed");
  validate(c);
  return c;
}

json config_to_json(const Config& c) {
  // Built key by key rather than from nested initializer lists: the same
  // object (keys are sorted either way), a fraction of the code in wasm.
  json hidden = json::array();
  for (const auto& h : c.hidden) {
    json& layer = hidden.emplace_back(json::object());
    layer["width"] = h.width;
    layer["activation"] = activation_info(h.activation.kind).id;
    if (activation_info(h.activation.kind).has_alpha) layer["alpha"] = h.activation.alpha;
  }
  json features = json::array();
  for (Feature f : c.features) features.push_back(feature_table()[static_cast<size_t>(f)].id);
  const auto& o = c.optimizer;
  json opt = json::object();
  opt["kind"] = optimizer_id(o.kind);
  json j = json::object();
  // Whole-number fields as JSON integers (500, not 500.0).
  for (const auto& f : number_fields()) {
    json& at = optimizer_key(f) ? opt[optimizer_key(f)] : j[f.key];
    at = f.range.whole ? json(static_cast<long long>(f.get(c))) : json(f.get(c));
  }
  j["dataset"] = dataset_info(c.dataset).id;
  // The task of the data in use (a built-in regression set is a regression);
  // read back, "problem" only counts for custom data, so this round-trips.
  j["problem"] = c.effective_problem() == Problem::regression ? "regression" : "classification";
  j["classes"] = c.classes;
  j["seed"] = c.seed;
  j["shuffle"] = c.shuffle;
  j["features"] = std::move(features);
  j["hidden"] = std::move(hidden);
  j["output"] = output_info(c.output).id;
  j["optimizer"] = std::move(opt);
  j["regularization"] = regularization_id(c.regularization);
  j["init"] = init_id(c.init);
  j["tfp_seed"] = c.tfp_seed;
  return j;
}

}  // namespace nnp
