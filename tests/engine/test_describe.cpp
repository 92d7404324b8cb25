// The engine's description (engine/describe.cpp) is valid JSON and says what
// the tables and validate() say.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "config.hpp"
#include "dataset.hpp"
#include "describe.hpp"
#include "flow.hpp"
#include "history.hpp"
#include "loss.hpp"

using namespace nnp;
using nlohmann::json;

TEST_CASE("the description is JSON with the default config, every range and every table") {
  const json d = json::parse(describe_engine());
  CHECK(d["defaults"] == config_to_json(Config{}));
  REQUIRE(d["ranges"].size() == range_table().size());
  for (const auto& [key, r] : range_table()) {
    INFO(key);
    const json& j = d["ranges"][key];
    CHECK(j["min"].get<double>() == r.lo);
    CHECK(j["max"].get<double>() == r.hi);
    CHECK(j["minOpen"].get<bool>() == r.lo_open);
    CHECK(j["integer"].get<bool>() == r.whole);
  }
  CHECK(d["activations"].size() == activation_table().size());
  CHECK(d["outputs"].size() == output_table().size());
  CHECK(d["datasets"].size() == dataset_table().size());
  CHECK(d["datasets"][0]["reads"] == json::array({"samples", "noise", "train_ratio"}));
  CHECK(d["datasets"][0]["extent"] == json::array({-6, 6}));
  const json& table = d["datasets"][static_cast<size_t>(DatasetKind::xor_table)];
  CHECK(table["reads"] == json::array());
  CHECK(table["extent"] == json::array({0, 1}));
  CHECK(d["datasets"][static_cast<size_t>(DatasetKind::custom)]["reads"] == json::array({"train_ratio"}));
  CHECK(d["optimizers"][4]["params"] == json::array({"beta1", "beta2", "epsilon"}));
  CHECK(d["inits"][0]["name"] == "Uniform \u00b10.5");
}

TEST_CASE("validate() refuses just past each described bound of a layer and accepts the bound") {
  Config c;
  c.hidden = {{static_cast<int>(ranges::width.hi), {Activation::leaky_relu, ranges::alpha.hi}}};
  CHECK_NOTHROW(validate(c));
  c.hidden[0].width += 1;
  CHECK_THROWS_WITH(validate(c), "hidden[0].width: got 33, expected a whole number from 1 to 32");
  c.hidden[0].width -= 1;
  c.hidden[0].activation.alpha = ranges::alpha.hi + 0.5;
  CHECK_THROWS_WITH(validate(c), "hidden[0].alpha: got 10.5, expected a number from 0 to 10");
  c.seed = Limits::max_seed + 1;
  c.hidden[0].activation.alpha = 1;
  CHECK_THROWS_WITH(validate(c), "seed: got 4294967296, expected a whole number from 0 to 4294967295");
}

TEST_CASE("the description lists the history's columns in the order a trainer's history has them") {
  const json d = json::parse(describe_engine());
  const json& h = d["history"];
  std::vector<std::string> described;
  for (const auto& c : h["columns"]) {
    described.push_back(c["id"].get<std::string>());
    CHECK_FALSE(c["meaning"].get<std::string>().empty());
  }
  CHECK(described == base_history_columns());
  // A network with two weight layers: grad_rms_0, grad_rms_1, then saturation_0.
  std::vector<std::string> flow{h["gradRms"]["prefix"].get<std::string>() + "0",
                                h["gradRms"]["prefix"].get<std::string>() + "1",
                                h["saturation"]["prefix"].get<std::string>() + "0"};
  CHECK(flow == flow_columns(2));
}

TEST_CASE("the description names each task's starting output, one the engine accepts for that task") {
  const json d = json::parse(describe_engine());
  const json& o = d["defaultOutputs"];
  CHECK(o["binary"] == config_to_json(Config{})["output"]);
  CHECK(o["multiclass"] == "softmax_ce");
  CHECK(o["regression"] == "linear_mse");
  for (const auto& [task, id] : o.items()) {
    INFO(task);
    const OutputInfo& info = output_info(output_from_id(id.get<std::string>()));
    CHECK((task == "regression" ? info.regression : task == "multiclass" ? info.multiclass : info.classification));
  }
  // The output unit's lowest value: 0 for a probability, -1 for tanh, none for linear.
  CHECK(d["outputs"][static_cast<size_t>(Output::sigmoid_bce)]["unitLow"] == 0);
  CHECK(d["outputs"][static_cast<size_t>(Output::tanh_mse)]["unitLow"] == -1);
  CHECK(d["outputs"][static_cast<size_t>(Output::linear_mse)]["unitLow"].is_null());
  CHECK(d["errorCodes"] == json::array({"invalid", "tfp_replay", "out_of_memory", "internal"}));
}
