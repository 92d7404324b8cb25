#include "config.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "error.hpp"
#include "json_text.hpp"

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

namespace {

std::string show(double v) {
  if (std::isnan(v)) return "NaN";
  // snprintf, not an ostringstream: iostreams would add ~32 kB gzip to the
  // WebAssembly module. "%g" is what `ostream << double` prints.
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

void check_range(const std::string& field, double v, double lo, double hi, bool lo_open = false) {
  if (!std::isfinite(v) || v > hi || v < lo || (lo_open && v == lo))
    fail(field, show(v), std::string("a number ") + (lo_open ? "above " : "from ") + show(lo) + " to " + show(hi));
}

void check_int(const std::string& field, long long v, long long lo, long long hi) {
  if (v < lo || v > hi)
    fail(field, std::to_string(v), "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
}

}  // namespace

void validate(const Config& c) {
  const auto& ds = dataset_info(c.dataset);
  if (ds.any_classes && c.effective_problem() == Problem::classification)
    check_int("classes", c.classes, 2, kMaxClasses);
  check_int("samples", c.samples, Limits::min_samples, Limits::max_samples);
  check_range("noise", c.noise, 0, 1);
  check_range("train_ratio", c.train_ratio, Limits::min_train_ratio, Limits::max_train_ratio);
  if (c.seed > Limits::max_seed) fail("seed", std::to_string(c.seed), "a whole number from 0 to 4294967295");
  if (c.features.empty()) fail("features", "[]", "at least one input feature");
  std::set<Feature> seen;
  for (size_t i = 0; i < c.features.size(); ++i)
    if (!seen.insert(c.features[i]).second)
      fail("features[" + std::to_string(i) + "]",
           std::string("\"") + feature_table()[size_t(c.features[i])].id + "\" again", "each feature at most once");
  check_int("hidden (number of layers)", static_cast<long long>(c.hidden.size()), 0, Limits::max_hidden_layers);
  for (size_t i = 0; i < c.hidden.size(); ++i) {
    const std::string f = "hidden[" + std::to_string(i) + "]";
    check_int(f + ".width", c.hidden[i].width, 1, Limits::max_width);
    if (activation_info(c.hidden[i].activation.kind).has_alpha)
      check_range(f + ".alpha", c.hidden[i].activation.alpha, 0, 10);
  }
  const auto& out = output_info(c.output);
  const Task task = c.task();
  const std::string data = std::string("dataset \"") + ds.id + "\"";
  if (task == Task::regression && !out.regression)
    fail("output", std::string("\"") + out.id + "\"",
         "an output for regression (" + data + " has values, not classes): linear_mse, linear_mae or tanh_mse");
  if (task != Task::regression && !out.classification)
    fail("output", std::string("\"") + out.id + "\"",
         "an output for classification (" + data +
             " has classes): tanh_mse, sigmoid_bce, sigmoid_mse, softmax_ce, "
             "linear_hinge or perceptron");
  if (task == Task::multiclass && !out.multiclass)
    fail("output", std::string("\"") + out.id + "\"",
         "softmax_ce, the only output for " + std::to_string(c.class_count()) + " classes");
  if (c.output == Output::perceptron && !c.hidden.empty())
    fail("hidden (number of layers)", std::to_string(c.hidden.size()),
         "0 with the perceptron output (a single neuron)");
  const auto& o = c.optimizer;
  check_range("optimizer.learning_rate", o.learning_rate, 0, Limits::max_learning_rate, true);
  check_range("optimizer.momentum", o.momentum, 0, 0.999);
  check_range("optimizer.rho", o.rho, 0, 0.9999);
  check_range("optimizer.beta1", o.beta1, 0, 0.9999);
  check_range("optimizer.beta2", o.beta2, 0, 0.99999);
  check_range("optimizer.epsilon", o.epsilon, 0, 1, true);
  check_int("batch_size", c.batch_size, 1, Limits::max_batch);
  check_range("reg_rate", c.reg_rate, 0, Limits::max_reg_rate);
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

long long read_int(const json& v, const std::string& field, long long lo, long long hi) {
  if (!v.is_number()) fail(field, v.is_null() ? "null (NaN, Infinity or no value)" : brief(v), "a whole number");
  const double d = v.get<double>();
  if (d != std::floor(d)) fail(field, brief(v), "a whole number");
  if (d < static_cast<double>(lo) || d > static_cast<double>(hi))
    fail(field, brief(v), "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return static_cast<long long>(d);
}

std::string read_string(const json& v, const std::string& field) {
  return expect(v, field, json::value_t::string, "a string").get<std::string>();
}

bool read_bool(const json& v, const std::string& field) {
  return expect(v, field, json::value_t::boolean, "true or false").get<bool>();
}

void check_keys(const json& j, const std::string& where, std::initializer_list<const char*> keys) {
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
             {"dataset", "problem", "classes", "samples", "noise", "train_ratio", "seed", "shuffle", "features",
              "hidden", "output", "optimizer", "batch_size", "regularization", "reg_rate", "init"});
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
  if (j.contains("classes")) c.classes = static_cast<int>(read_int(j["classes"], "classes", 2, kMaxClasses));
  if (j.contains("samples"))
    c.samples = static_cast<int>(read_int(j["samples"], "samples", Limits::min_samples, Limits::max_samples));
  if (j.contains("noise")) c.noise = read_number(j["noise"], "noise");
  if (j.contains("train_ratio")) c.train_ratio = read_number(j["train_ratio"], "train_ratio");
  if (j.contains("seed")) c.seed = static_cast<std::uint64_t>(read_int(j["seed"], "seed", 0, Limits::max_seed));
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
    if (h.size() > static_cast<size_t>(Limits::max_hidden_layers))
      fail("hidden (number of layers)", std::to_string(h.size()),
           "a whole number from 0 to " + std::to_string(Limits::max_hidden_layers));
    c.hidden.clear();
    for (size_t i = 0; i < h.size(); ++i) {
      const std::string field = "hidden[" + std::to_string(i) + "]";
      expect(h[i], field, json::value_t::object, "an object {width, activation}");
      check_keys(h[i], field + ".", {"width", "activation", "alpha"});
      HiddenLayer layer;
      if (h[i].contains("width"))
        layer.width = static_cast<int>(read_int(h[i]["width"], field + ".width", 1, Limits::max_width));
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
      check_keys(o, "optimizer.", {"kind", "learning_rate", "momentum", "rho", "beta1", "beta2", "epsilon"});
      auto& oc = c.optimizer;
      if (o.contains("kind")) oc.kind = optimizer_from_id(read_string(o["kind"], "optimizer.kind"));
      if (o.contains("learning_rate")) oc.learning_rate = read_number(o["learning_rate"], "optimizer.learning_rate");
      if (o.contains("momentum")) oc.momentum = read_number(o["momentum"], "optimizer.momentum");
      if (o.contains("rho")) oc.rho = read_number(o["rho"], "optimizer.rho");
      if (o.contains("beta1")) oc.beta1 = read_number(o["beta1"], "optimizer.beta1");
      if (o.contains("beta2")) oc.beta2 = read_number(o["beta2"], "optimizer.beta2");
      if (o.contains("epsilon")) oc.epsilon = read_number(o["epsilon"], "optimizer.epsilon");
    }
  }
  if (j.contains("batch_size"))
    c.batch_size = static_cast<int>(read_int(j["batch_size"], "batch_size", 1, Limits::max_batch));
  if (j.contains("regularization"))
    c.regularization = regularization_from_id(read_string(j["regularization"], "regularization"));
  if (j.contains("reg_rate")) c.reg_rate = read_number(j["reg_rate"], "reg_rate");
  if (j.contains("init")) c.init = init_from_id(read_string(j["init"], "init"));
  validate(c);
  return c;
}

json config_to_json(const Config& c) {
  json hidden = json::array();
  for (const auto& h : c.hidden) {
    json layer = {{"width", h.width}, {"activation", activation_info(h.activation.kind).id}};
    if (activation_info(h.activation.kind).has_alpha) layer["alpha"] = h.activation.alpha;
    hidden.push_back(layer);
  }
  json features = json::array();
  for (Feature f : c.features) features.push_back(feature_table()[static_cast<size_t>(f)].id);
  const auto& o = c.optimizer;
  return {
      {"dataset", dataset_info(c.dataset).id},
      {"problem", c.problem == Problem::regression ? "regression" : "classification"},
      {"classes", c.classes},
      {"samples", c.samples},
      {"noise", c.noise},
      {"train_ratio", c.train_ratio},
      {"seed", c.seed},
      {"shuffle", c.shuffle},
      {"features", features},
      {"hidden", hidden},
      {"output", output_info(c.output).id},
      {"optimizer",
       {{"kind", optimizer_id(o.kind)},
        {"learning_rate", o.learning_rate},
        {"momentum", o.momentum},
        {"rho", o.rho},
        {"beta1", o.beta1},
        {"beta2", o.beta2},
        {"epsilon", o.epsilon}}},
      {"batch_size", c.batch_size},
      {"regularization", regularization_id(c.regularization)},
      {"reg_rate", c.reg_rate},
      {"init", init_id(c.init)},
  };
}

}  // namespace nnp
