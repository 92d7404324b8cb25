// The engine's description (engine/describe.cpp) is valid JSON and says what
// the tables and validate() say.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "config.hpp"
#include "dataset.hpp"
#include "describe.hpp"

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
