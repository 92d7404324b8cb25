// Configurations and saved models as JSON: every bad value is refused with a
// ConfigError naming its field, and a saved session comes back exactly.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "config.hpp"
#include "error.hpp"
#include "helpers.hpp"
#include "model_io.hpp"
#include "trainer.hpp"

using namespace nnp;
using Catch::Matchers::Contains;
using nlohmann::json;

namespace {

Config from(const std::string& text) { return config_from_json(json::parse(text)); }

using nnp::testing::weights_of;

void check_same_session(Trainer& a, Trainer& b) {
  CHECK(a.config() == b.config());
  CHECK(a.epoch() == b.epoch());
  CHECK(a.steps() == b.steps());
  CHECK(a.points() == b.points());
  // The same points are held out, so the test figures mean the same thing.
  for (size_t i = 0; i < a.points().size(); ++i) CHECK(a.is_test(i) == b.is_test(i));
  CHECK(a.evaluate().test_loss == b.evaluate().test_loss);
  const auto wa = weights_of(a), wb = weights_of(b);
  REQUIRE(wa.size() == wb.size());
  for (size_t i = 0; i < wa.size(); ++i) CHECK(wa[i] == wb[i]);
  REQUIRE(a.history().size() == b.history().size());
  for (size_t i = 0; i < a.history().size(); ++i) {
    CHECK(a.history().stats(i).epoch == b.history().stats(i).epoch);
    CHECK(a.history().stats(i).train_loss == b.history().stats(i).train_loss);
    const double x = a.history().stats(i).test_accuracy, y = b.history().stats(i).test_accuracy;
    CHECK((x == y || (std::isnan(x) && std::isnan(y))));
  }
  for (double x1 : {-5.5, -1.0, 0.0, 2.25, 5.9})
    for (double x2 : {-4.0, 0.5, 3.0}) CHECK(a.predict(x1, x2) == b.predict(x1, x2));  // identical, not close
}

}  // namespace

// --- configurations ---

TEST_CASE("config_to_json and config_from_json round-trip every field", "[config]") {
  Config c;
  c.dataset = DatasetKind::multi_spiral;
  c.classes = 5;
  c.samples = 321;
  c.noise = 0.35;
  c.train_ratio = 0.7;
  c.seed = 4000000000u;
  c.shuffle = false;
  c.features = {Feature::sin_x2, Feature::x1, Feature::cos_x1};
  c.hidden = {{7, {Activation::leaky_relu, 0.05}}, {3, {Activation::gelu, 0}}, {2, {Activation::elu, 1.5}}};
  c.output = Output::softmax_ce;
  c.optimizer = {OptimizerKind::nesterov, 0.12, 0.8, 0.95, 0.85, 0.998, 1e-6};
  c.batch_size = 17;
  c.regularization = Regularization::l1;
  c.reg_rate = 0.004;
  c.init = Init::he_normal;
  const Config back = config_from_json(json::parse(config_to_json(c).dump()));
  CHECK(back == c);
  // Partial JSON applies over the base.
  const Config partial = config_from_json(json::parse(R"({"optimizer": "adam", "noise": 0.1})"), c);
  CHECK(partial.optimizer.kind == OptimizerKind::adam);
  CHECK(partial.optimizer.learning_rate == 0.12);
  CHECK(partial.noise == 0.1);
  CHECK(partial.hidden == c.hidden);
  // An activation's alpha defaults to the table's.
  CHECK(from(R"({"hidden": [{"width": 2, "activation": "leaky_relu"}]})").hidden[0].activation.alpha == 0.01);
  CHECK(from(R"({})") == Config{});
}

TEST_CASE("config_from_json refuses wrong types, naming the field", "[config]") {
  CHECK_THROWS_AS(from(R"({"samples": "500"})"), ConfigError);
  CHECK_THROWS_WITH(from(R"({"samples": "500"})"), Contains("samples") && Contains("whole number"));
  CHECK_THROWS_WITH(from(R"({"samples": 250.5})"), Contains("samples") && Contains("whole number"));
  CHECK_THROWS_WITH(from(R"({"noise": "low"})"), Contains("noise") && Contains("a number"));
  CHECK_THROWS_WITH(from(R"({"shuffle": 1})"), Contains("shuffle") && Contains("true or false"));
  CHECK_THROWS_WITH(from(R"({"dataset": 3})"), Contains("dataset") && Contains("a string"));
  CHECK_THROWS_WITH(from(R"({"features": "x1"})"), Contains("features") && Contains("array"));
  CHECK_THROWS_WITH(from(R"({"features": ["x1", 2]})"), Contains("features[1]"));
  CHECK_THROWS_WITH(from(R"({"hidden": [3]})"), Contains("hidden[0]") && Contains("object"));
  CHECK_THROWS_WITH(from(R"({"hidden": [{"width": "3"}]})"), Contains("hidden[0].width"));
  CHECK_THROWS_WITH(from(R"({"hidden": [{"width": 3}, {"alpha": "big", "activation": "elu"}]})"),
                    Contains("hidden[1].alpha"));
  CHECK_THROWS_WITH(from(R"({"optimizer": 3})"), Contains("optimizer"));
  CHECK_THROWS_WITH(from(R"({"optimizer": {"learning_rate": "fast"}})"), Contains("optimizer.learning_rate"));
  CHECK_THROWS_WITH(from(R"({"optimizer": {"momentum": true}})"), Contains("optimizer.momentum"));
  CHECK_THROWS_WITH(from(R"({"seed": -1})"), Contains("seed"));
  CHECK_THROWS_WITH(from(R"({"seed": 4294967296})"), Contains("seed"));
  CHECK_THROWS_WITH(config_from_json(json::parse("[1, 2]")), Contains("config") && Contains("object"));
}

TEST_CASE("NaN and infinities arrive as JSON null and are refused, naming the field", "[config]") {
  Config c;
  c.optimizer.learning_rate = std::nan("");
  const json j = json::parse(config_to_json(c).dump());  // nlohmann writes NaN as null
  CHECK(j["optimizer"]["learning_rate"].is_null());
  CHECK_THROWS_WITH(config_from_json(j), Contains("optimizer.learning_rate") && Contains("null"));
  CHECK_THROWS_WITH(from(R"({"noise": null})"), Contains("noise") && Contains("null"));
  CHECK_THROWS_WITH(from(R"({"samples": null})"), Contains("samples") && Contains("null"));
  // validate() itself refuses NaN and infinity where they reach it directly.
  Config d;
  d.noise = std::nan("");
  CHECK_THROWS_WITH(validate(d), Contains("noise") && Contains("NaN"));
  d = Config{};
  d.reg_rate = INFINITY;
  CHECK_THROWS_WITH(validate(d), Contains("reg_rate"));
}

TEST_CASE("config_from_json refuses out-of-range values, naming the field", "[config]") {
  CHECK_THROWS_WITH(from(R"({"samples": 3})"), Contains("samples") && Contains("4 to 5000"));
  CHECK_THROWS_WITH(from(R"({"samples": 5001})"), Contains("samples"));
  CHECK_THROWS_WITH(from(R"({"noise": 1.5})"), Contains("noise"));
  CHECK_THROWS_WITH(from(R"({"noise": -0.1})"), Contains("noise"));
  CHECK_THROWS_WITH(from(R"({"train_ratio": 0.95})"), Contains("train_ratio"));
  CHECK_THROWS_WITH(from(R"({"train_ratio": 0.05})"), Contains("train_ratio"));
  CHECK_THROWS_WITH(from(R"({"dataset": "blobs", "output": "softmax_ce", "classes": 7})"), Contains("classes"));
  CHECK_THROWS_WITH(from(R"({"dataset": "blobs", "output": "softmax_ce", "classes": 1})"), Contains("classes"));
  CHECK_THROWS_WITH(from(R"({"hidden": [{"width": 0}]})"), Contains("hidden[0].width"));
  CHECK_THROWS_WITH(from(R"({"hidden": [{"width": 4}, {"width": 33}]})"), Contains("hidden[1].width"));
  CHECK_THROWS_WITH(from(R"({"hidden": [{},{},{},{},{},{},{},{},{}]})"), Contains("hidden (number of layers)"));
  CHECK_THROWS_WITH(from(R"({"hidden": [{"activation": "elu", "alpha": 11}]})"), Contains("hidden[0].alpha"));
  CHECK_THROWS_WITH(from(R"({"optimizer": {"learning_rate": 0}})"), Contains("optimizer.learning_rate"));
  CHECK_THROWS_WITH(from(R"({"optimizer": {"learning_rate": 101}})"), Contains("optimizer.learning_rate"));
  CHECK_THROWS_WITH(from(R"({"optimizer": {"momentum": 1}})"), Contains("optimizer.momentum"));
  CHECK_THROWS_WITH(from(R"({"optimizer": {"rho": -0.5}})"), Contains("optimizer.rho"));
  CHECK_THROWS_WITH(from(R"({"optimizer": {"beta1": 1}})"), Contains("optimizer.beta1"));
  CHECK_THROWS_WITH(from(R"({"optimizer": {"beta2": 1}})"), Contains("optimizer.beta2"));
  CHECK_THROWS_WITH(from(R"({"optimizer": {"epsilon": 0}})"), Contains("optimizer.epsilon"));
  CHECK_THROWS_WITH(from(R"({"batch_size": 0})"), Contains("batch_size"));
  CHECK_THROWS_WITH(from(R"({"reg_rate": 10.5})"), Contains("reg_rate"));
  CHECK_THROWS_WITH(from(R"({"features": []})"), Contains("features") && Contains("at least one"));
  // The limits themselves are accepted.
  CHECK_NOTHROW(from(R"({"samples": 4, "noise": 1, "train_ratio": 0.9, "batch_size": 5000, "seed": 4294967295})"));
  CHECK_NOTHROW(from(R"({"optimizer": {"learning_rate": 100}, "reg_rate": 10, "hidden": [{"width": 32}]})"));
}

TEST_CASE("config_from_json refuses unknown ids, naming the field and what is allowed", "[config]") {
  CHECK_THROWS_WITH(from(R"({"dataset": "swiss_roll"})"), Contains("dataset") && Contains("swiss_roll"));
  CHECK_THROWS_WITH(from(R"({"problem": "clustering"})"), Contains("problem") && Contains("regression"));
  CHECK_THROWS_WITH(from(R"({"features": ["x1", "x3"]})"), Contains("features[1]") && Contains("x3"));
  CHECK_THROWS_WITH(from(R"({"hidden": [{"activation": "swish"}]})"),
                    Contains("hidden[0].activation") && Contains("silu"));
  CHECK_THROWS_WITH(from(R"({"output": "softmax"})"), Contains("output") && Contains("softmax_ce"));
  CHECK_THROWS_WITH(from(R"({"optimizer": "lbfgs"})"), Contains("optimizer") && Contains("adam"));
  CHECK_THROWS_WITH(from(R"({"optimizer": {"kind": "lbfgs"}})"), Contains("optimizer.kind"));
  CHECK_THROWS_WITH(from(R"({"regularization": "l3"})"), Contains("regularization"));
  CHECK_THROWS_WITH(from(R"({"init": "glorot"})"), Contains("init") && Contains("xavier_uniform"));
}

TEST_CASE("config_from_json refuses unknown fields, naming them", "[config]") {
  CHECK_THROWS_WITH(from(R"({"colour": "blue"})"), Contains("colour") && Contains("unknown field"));
  CHECK_THROWS_WITH(from(R"({"optimizer": {"lr": 0.1}})"), Contains("optimizer.lr") && Contains("unknown field"));
  CHECK_THROWS_WITH(from(R"({"hidden": [{"width": 3, "act": "relu"}]})"), Contains("hidden[0].act"));
}

TEST_CASE("config_from_json refuses inconsistent settings, naming the field", "[config]") {
  SECTION("an output that does not fit the data") {
    CHECK_THROWS_WITH(from(R"({"dataset": "circle", "output": "linear_mse"})"),
                      Contains("output") && Contains("classes"));
    CHECK_THROWS_WITH(from(R"({"dataset": "reg_plane", "output": "sigmoid_bce"})"),
                      Contains("output") && Contains("regression"));
    CHECK_THROWS_WITH(from(R"({"dataset": "blobs", "classes": 3, "output": "tanh_mse"})"),
                      Contains("output") && Contains("softmax_ce") && Contains("3 classes"));
    CHECK_THROWS_WITH(from(R"({"dataset": "custom", "problem": "regression", "output": "perceptron", "hidden": []})"),
                      Contains("output"));
    // The fitting ones pass.
    CHECK_NOTHROW(from(R"({"dataset": "reg_plane", "output": "tanh_mse"})"));
    CHECK_NOTHROW(from(R"({"dataset": "blobs", "classes": 2, "output": "sigmoid_bce"})"));
    CHECK_NOTHROW(from(R"({"dataset": "spiral", "output": "softmax_ce"})"));
  }
  SECTION("the perceptron with hidden layers") {
    CHECK_THROWS_WITH(from(R"({"output": "perceptron"})"),
                      Contains("hidden (number of layers)") && Contains("perceptron"));
    CHECK_NOTHROW(from(R"({"output": "perceptron", "hidden": []})"));
  }
  SECTION("duplicate features") {
    CHECK_THROWS_WITH(from(R"({"features": ["x1", "x2", "x1"]})"), Contains("features[2]") && Contains("x1"));
  }
}

// --- models ---

TEST_CASE("export_model then import_model into a fresh Trainer gives identical predictions", "[model_io]") {
  SECTION("a trained spiral network") {
    Config c;
    c.dataset = DatasetKind::spiral;
    c.noise = 0.1;
    c.features = {Feature::x1, Feature::x2, Feature::sin_x1, Feature::x1x2};
    c.hidden = {{6, {Activation::elu, 0.7}}, {4, {Activation::gelu, 0}}};
    c.optimizer.kind = OptimizerKind::adam;
    c.optimizer.learning_rate = 0.01;
    Trainer a(c);
    a.train_epochs(7);
    a.train_steps(3);  // mid-epoch
    const std::string text = export_model(a);
    Trainer b;
    import_model(b, text);
    check_same_session(a, b);
    CHECK(b.epoch() == 7);
    CHECK(b.steps() == 7 * 25 + 3);
    // The import is itself exportable to the same text.
    CHECK(export_model(b) == text);
  }
  SECTION("regression history with NaN accuracies") {
    Config c;
    c.dataset = DatasetKind::reg_gauss;
    c.output = Output::linear_mse;
    Trainer a(c);
    a.train_epochs(3);
    Trainer b;
    import_model(b, export_model(a));
    CHECK(std::isnan(b.history().back().test_accuracy));
    check_same_session(a, b);
  }
  SECTION("custom points, including ones edited into a wide Gaussian data set") {
    Config c;
    c.dataset = DatasetKind::gauss;
    c.noise = 1.0;  // wide clusters: every point must still be on the plane to be re-imported
    Trainer a(c);
    a.add_point({-5.5, 5.5, 1});
    a.train_epochs(2);
    REQUIRE(a.config().dataset == DatasetKind::custom);
    Trainer b;
    import_model(b, export_model(a));
    check_same_session(a, b);
  }
}

TEST_CASE("import_model refuses malformed files, naming what is wrong, and changes nothing", "[model_io]") {
  Trainer good;
  good.train_epochs(2);
  const json model = json::parse(export_model(good));
  Trainer t;
  t.train_epochs(1);
  const auto w = weights_of(t);
  auto refuse = [&](const std::string& text, const std::string& field) {
    INFO(text.substr(0, 120));
    CHECK_THROWS_AS(import_model(t, text), ConfigError);
    CHECK_THROWS_WITH(import_model(t, text), Contains(field));
  };
  refuse("{\"format\": ", "not valid JSON");
  refuse("", "not valid JSON");
  refuse("[1, 2, 3]", "model");
  json j = model;
  j["format"] = "keras";
  refuse(j.dump(), "format");
  j = model;
  j.erase("format");
  refuse(j.dump(), "format");
  j = model;
  j["schema"] = 4;
  refuse(j.dump(), "schema");
  j = model;
  j["config"]["hidden"][0]["width"] = 99;
  refuse(j.dump(), "hidden[0].width");
  j = model;
  j["config"]["optimizer"]["learning_rate"] = nullptr;
  refuse(j.dump(), "optimizer.learning_rate");
  j = model;
  j.erase("layers");
  refuse(j.dump(), "layers");
  j = model;
  j["layers"][0]["weights"][1].push_back(0.5);
  refuse(j.dump(), "layers[0].weights[1]");
  j = model;
  j["layers"][1]["weights"] = json::array({json::array({1.0, 2.0, 3.0})});
  refuse(j.dump(), "layers[1].weights");
  j = model;
  j["layers"][2]["biases"] = json::array({1.0, 2.0});
  refuse(j.dump(), "layers[2].biases");
  j = model;
  j["layers"][0]["biases"][0] = "zero";
  refuse(j.dump(), "layers[0].biases[0]");
  j = model;
  j["layers"][0]["weights"][0][0] = nullptr;
  refuse(j.dump(), "layers[0].weights[0][0]");
  j = model;
  j["layers"].erase(2);
  refuse(j.dump(), "layers");
  j = model;
  j["epoch"] = -3;
  refuse(j.dump(), "epoch");
  j = model;
  j["history"]["epoch"].push_back(99);
  refuse(j.dump(), "as many as history.epoch");
  j = model;
  j["history"]["grad_rms_9"] = j["history"]["epoch"];
  refuse(j.dump(), "history.grad_rms_9");
  j = model;
  j["schema"] = 1;
  j["history"] = json::array({json::array({1, 2})});
  refuse(j.dump(), "history[0]");
  j = model;
  j["config"]["dataset"] = "custom";
  j["config"]["classes"] = 2;
  j["points"] = json::array({json::array({1, 2, 1, 0}), json::array({9, 0, 1, 0})});
  refuse(j.dump(), "points[1]");
  j["points"] = json::array({json::array({1, 2})});
  refuse(j.dump(), "points[0]");
  j["points"] = json::array({json::array({1, 2, 1, 0}), json::array({1, 0, 1, 2})});
  refuse(j.dump(), "points[1]");
  // Nothing changed.
  const auto w2 = weights_of(t);
  for (size_t i = 0; i < w.size(); ++i) CHECK(w2[i] == w[i]);
  CHECK(t.epoch() == 1);
  CHECK(t.config() == Config{});
  CHECK(t.train_epochs(1) == Status::ok);
}

TEST_CASE("the configuration reports the task of the data set in use", "[config]") {
  for (DatasetKind d : {DatasetKind::reg_plane, DatasetKind::reg_gauss}) {
    Config c;
    c.dataset = d;  // problem left at its default: it is read for custom data only
    c.output = Output::linear_mse;
    Trainer t(c);
    CHECK(config_to_json(t.config())["problem"] == "regression");
    CHECK(config_to_json(c)["problem"] == "regression");
    // Read back, the report changes nothing: a new learning rate keeps the run.
    t.train_epochs(2);
    Config back = config_from_json(config_to_json(t.config()));
    back.optimizer.learning_rate = 0.01;
    t.configure(back);
    CHECK(t.epoch() == 2);
  }
  Trainer spiral;
  CHECK(config_to_json(spiral.config())["problem"] == "classification");
  // Custom data keeps the task it was given.
  Config custom;
  custom.dataset = DatasetKind::custom;
  custom.problem = Problem::regression;
  custom.output = Output::linear_mse;
  CHECK(config_to_json(Trainer(custom).config())["problem"] == "regression");
}

TEST_CASE(
    "every number field of the table is read from JSON, written back, and refused past its range naming its key") {
  for (const auto& f : number_fields()) {
    INFO(f.key);
    const std::string key = f.key;
    const auto dot = key.find('.');
    // A value inside the range, other than the default: the upper bound.
    const double v = f.range.hi;
    nlohmann::json patch = nlohmann::json::object();
    if (dot == std::string::npos)
      patch[key] = v;
    else
      patch[key.substr(0, dot)][key.substr(dot + 1)] = v;
    const Config c = config_from_json(patch);
    CHECK(f.get(c) == v);
    const nlohmann::json back = config_to_json(c);
    CHECK((dot == std::string::npos ? back[key] : back[key.substr(0, dot)][key.substr(dot + 1)]).get<double>() == v);
    Config bad;
    f.set(bad, f.range.hi + 1);
    CHECK_THROWS_WITH(validate(bad), Catch::StartsWith(key + ": got "));
  }
}
