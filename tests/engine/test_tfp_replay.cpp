// TensorFlow Playground's exact replay: the seedrandom stream and the rules
// of the mode. The run itself is compared with a transcription of TensorFlow
// Playground's algorithm in tests/wasm/tfp-replay.test.ts.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "error.hpp"
#include "helpers.hpp"
#include "seedrandom.hpp"
#include "trainer.hpp"

using namespace nnp;

namespace {
Config tfp_config(const char* seed) {
  Config c;
  c.tfp_seed = seed;
  c.shuffle = false;
  c.samples = 500;
  c.dataset = DatasetKind::circle;
  return c;
}
}  // namespace

TEST_CASE("SeedRandom gives the npm seedrandom package's numbers bit for bit", "[tfp]") {
  // From Node: require('seedrandom')(seed)() five times, printed with 17 digits.
  const struct {
    const char* seed;
    double first[5];
  } cases[] = {
      {"hello",
       {0.54636637681407341, 0.43973793770592229, 0.55476943247345500, 0.76270467597199865, 0.48053070305234469}},
      {"0.12345",
       {0.91520074065573231, 0.47027532180355919, 0.27362652293594669, 0.40610246867674388, 0.17774293688520318}},
      {"", {0.23144008215179881, 0.27404636548159655, 0.79012792518119757, 0.40384160557189036, 0.13211400862375819}},
  };
  for (const auto& c : cases) {
    SeedRandom r(c.seed);
    for (double v : c.first) CHECK(r.next() == v);
  }
}

TEST_CASE("A TensorFlow Playground seed gives its data, split and weights", "[tfp]") {
  Trainer t(tfp_config("0.12345"));
  REQUIRE(t.points().size() == 500);
  CHECK(t.train_size() == 250);
  // The split is the head of the shuffled points.
  for (size_t i = 0; i < 500; ++i) CHECK(t.is_test(i) == (i >= 250));
  // Biases start at 0.1 and weights in [-0.5, 0.5).
  for (const auto& l : t.network().layers()) {
    CHECK((l.b.array() == 0.1).all());
    CHECK((l.W.array().abs() <= 0.5).all());
  }
  Config z = tfp_config("0.12345");
  z.init = Init::zeros;
  Trainer tz(z);
  CHECK(tz.points() == t.points());
  for (const auto& l : tz.network().layers()) CHECK((l.W.array() == 0.0).all());
  // Another seed text, even one an FNV hash would confuse, gives other points.
  Trainer other(tfp_config("0.12346"));
  CHECK(other.points() != t.points());
}

TEST_CASE("Settings TensorFlow Playground lacks are refused in the replay, naming tfp_seed", "[tfp]") {
  auto refuses = [](Config c, const char* what) {
    INFO(what);
    CHECK_THROWS_WITH(validate(c), Catch::Contains("tfp_seed") && Catch::Contains(what));
  };
  Config c = tfp_config("0.5");
  CHECK_NOTHROW(validate(c));
  c.shuffle = true;
  refuses(c, "reshuffle");
  c = tfp_config("0.5");
  c.optimizer.kind = OptimizerKind::adam;
  refuses(c, "plain SGD");
  c = tfp_config("0.5");
  c.samples = 400;
  refuses(c, "500 points");
  c = tfp_config("0.5");
  c.features = {Feature::x2, Feature::x1};
  refuses(c, "order");
  c = tfp_config("0.5");
  c.dataset = DatasetKind::moons;
  refuses(c, "no data set");
  c = tfp_config("0.5");
  c.tfp_seed = std::string(65, '1');
  refuses(c, "1 to 64 characters");
}

TEST_CASE("The replay's seed text round-trips through JSON, and editing a point leaves the replay", "[tfp]") {
  const Config c = tfp_config("0.98765");
  CHECK(config_from_json(config_to_json(c)) == c);
  Trainer t(c);
  t.add_point({1, 1, 1});
  CHECK(t.config().tfp_seed.empty());
  CHECK(t.config().dataset == DatasetKind::custom);
}

TEST_CASE("The replay trains deterministically, one update per batch_size points", "[tfp]") {
  Config c = tfp_config("0.3");
  c.batch_size = 7;  // 250 training points: 35 updates a pass, 5 points carried into the next pass
  Trainer a(c), b(c);
  // Epoch 0 is TensorFlow Playground's first chart point: the loss of its initial weights.
  const EpochStats start = Trainer(c).evaluate();
  a.train_epochs(3);
  CHECK(a.history().column("epoch") == std::vector<double>{0, 1, 2, 3});
  CHECK(a.history().front().train_loss == start.train_loss);
  CHECK(a.history().front().test_loss == start.test_loss);
  CHECK(a.history().stats(1).train_loss != start.train_loss);
  b.train_epochs(3);
  CHECK(a.steps() == 3 * 35);  // counted within each pass, as TensorFlow Playground's (i + 1) % batchSize
  CHECK(a.epoch() == 3);
  CHECK(a.history().back().train_loss == b.history().back().train_loss);
  CHECK(nnp::testing::weights_of(a) == nnp::testing::weights_of(b));
  // Step by step reaches the same weights as epoch by epoch.
  Trainer s(c);
  s.train_steps(105);
  CHECK(s.epoch() == 2);  // the last update of pass 3 leaves its 5 trailing points for later
  s.train_epochs(1);
  CHECK(s.epoch() == 3);
  CHECK(s.steps() == 105);
  CHECK(nnp::testing::weights_of(s) == nnp::testing::weights_of(a));
}

TEST_CASE("A replay refusal carries the tfp_replay code and its cause without the field or the remedy", "[tfp]") {
  Config c = tfp_config("0.5");
  c.samples = 400;
  try {
    validate(c);
    FAIL("validate() accepted 400 points in the replay");
  } catch (const ConfigError& e) {
    CHECK(e.code() == ErrorCode::tfp_replay);
    CHECK(std::string(error_code_id(e.code())) == "tfp_replay");
    CHECK(e.reason() == "TensorFlow Playground uses 500 points for this data set");
  }
  c = tfp_config("0.5");
  c.batch_size = 0;  // not a replay rule: an ordinary refusal
  try {
    validate(c);
    FAIL("validate() accepted batch_size 0");
  } catch (const ConfigError& e) {
    CHECK(e.code() == ErrorCode::invalid);
    CHECK(e.reason().empty());
  }
}
