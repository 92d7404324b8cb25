// A model file is a checkpoint: save, load into a fresh session, train on, and
// the result is bit for bit what the session that never stopped gives, for
// every optimizer and regularizer, at any moment, with or without shuffling.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "error.hpp"
#include "helpers.hpp"
#include "model_io.hpp"

using namespace nnp;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using nlohmann::json;
using nnp::testing::weights_of;

namespace {

std::string message_of(const auto& f) {
  try {
    f();
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

bool same_number(double x, double y) { return x == y || (std::isnan(x) && std::isnan(y)); }

// Everything two sessions can differ in: weights, progress, every history
// column, and the next batches.
void check_identical(const Trainer& a, const Trainer& b) {
  REQUIRE(a.status() == b.status());
  REQUIRE(a.status_message() == b.status_message());
  REQUIRE(a.epoch() == b.epoch());
  REQUIRE(a.steps() == b.steps());
  const auto wa = weights_of(a), wb = weights_of(b);
  REQUIRE(wa.size() == wb.size());
  for (size_t i = 0; i < wa.size(); ++i) REQUIRE(wa[i] == wb[i]);
  REQUIRE(a.history().size() == b.history().size());
  for (size_t c = 0; c < a.history().columns().size(); ++c)
    for (size_t r = 0; r < a.history().size(); ++r) {
      INFO("history column " << a.history().columns()[c] << ", row " << r);
      REQUIRE(same_number(a.history().data()[c][r], b.history().data()[c][r]));
    }
  REQUIRE(a.upcoming_batches(30).points == b.upcoming_batches(30).points);
}

Config small(OptimizerKind kind, Regularization reg, bool shuffle) {
  Config c;
  c.dataset = DatasetKind::spiral;
  c.samples = 60;
  c.noise = 0.1;
  c.seed = 21;
  c.hidden = {{5, {Activation::tanh, 0}}, {4, {Activation::relu, 0}}};
  c.batch_size = 7;  // does not divide the 30 training points: every epoch ends on a short batch
  c.optimizer.kind = kind;
  c.optimizer.learning_rate = kind == OptimizerKind::sgd || kind == OptimizerKind::adagrad ? 0.05 : 0.01;
  c.regularization = reg;
  c.reg_rate = 0.01;
  c.shuffle = shuffle;
  return c;
}

// Saves `a`, loads the file into a fresh session, trains both `steps` more
// steps, and requires them to agree bit for bit.
void check_resumes(Trainer& a, std::int64_t steps) {
  const std::string text = export_model(a);
  Trainer b;
  CHECK(import_model(b, text).empty());  // schema 3 resumes exactly: nothing to say
  CHECK(export_model(b) == text);
  a.train_steps(steps);
  b.train_steps(steps);
  check_identical(a, b);
  CHECK(export_model(a) == export_model(b));
}

}  // namespace

TEST_CASE("a model file is a checkpoint: saved, loaded and trained on, it gives the uninterrupted run bit for bit",
          "[model_io][checkpoint]") {
  for (const auto& o : optimizer_table())
    for (const Regularization reg : {Regularization::none, Regularization::l1, Regularization::l2})
      for (const bool shuffle : {true, false})
        for (const int moment : {0, 1, 2}) {
          INFO(o.id << ", " << regularization_id(reg) << ", shuffle " << shuffle << ", moment " << moment);
          Trainer a(small(o.kind, reg, shuffle));
          if (moment == 1) {
            a.train_epochs(3);
            a.train_steps(2);  // mid-epoch
          } else if (moment == 2) {
            a.train_epochs(37);
          }
          check_resumes(a, 25);  // across five epoch ends
        }
}

TEST_CASE("a checkpoint resumes exactly after points added by hand, a change of batch size and shuffling turned off",
          "[model_io][checkpoint]") {
  Trainer a(small(OptimizerKind::adam, Regularization::l2, true));
  a.train_epochs(2);
  a.train_steps(3);
  a.add_point({0.5, -1.5, 1});  // mid-epoch: the data becomes custom, the epoch's order starts over
  a.train_steps(2);
  REQUIRE(a.config().dataset == DatasetKind::custom);
  SECTION("points added") { check_resumes(a, 20); }
  SECTION("shuffling turned off mid-epoch") {
    Config c = a.config();
    c.shuffle = false;
    a.configure(c);
    check_resumes(a, 20);
  }
  SECTION("batch size changed mid-epoch") {
    Config c = a.config();
    c.batch_size = 4;
    a.configure(c);
    a.train_steps(1);
    check_resumes(a, 20);
  }
  SECTION("a point added after loading, in both") {
    const std::string text = export_model(a);
    Trainer b;
    import_model(b, text);
    a.add_point({-2, 2, 0});
    b.add_point({-2, 2, 0});
    a.train_steps(15);
    b.train_steps(15);
    check_identical(a, b);
  }
}

TEST_CASE("the checkpoint holds the optimizer's state by PyTorch's names, and the position in the epoch",
          "[model_io][checkpoint]") {
  Trainer a(small(OptimizerKind::adam, Regularization::none, true));
  a.train_steps(6);  // one epoch of 5 steps, then one step into the next
  const json j = json::parse(export_model(a));
  CHECK(j["schema"] == 3);
  CHECK(j["shuffle"]["position"] == 7);
  CHECK(j["shuffle"]["order"].size() == 30);
  CHECK(j["shuffle"]["state"][0].get<std::string>().size() == 18);  // "0x" and 16 hex digits
  CHECK(j["optimizer"]["step"] == 6);
  const json& l0 = j["optimizer"]["layers"][0];
  CHECK(l0["weights"]["exp_avg"].size() == 5);     // rows: the layer's units
  CHECK(l0["weights"]["exp_avg"][0].size() == 2);  // columns: its inputs
  CHECK(l0["biases"]["exp_avg_sq"].size() == 5);
  // Storage order is not file order: row r, column c is Eigen's element c * rows + r.
  CHECK(l0["weights"]["exp_avg"][3][1].get<double>() == a.optimizer().slots()[0].m(1 * 5 + 3));
  CHECK(j["epoch_flow"]["steps"] == 1);
  CHECK(j["start_loss"].get<double>() == a.start_loss());  // divergence is measured from it
  CHECK(json::parse(export_model(Trainer(small(OptimizerKind::adam, Regularization::none, true))))["start_loss"] ==
        nullptr);  // not trained yet

  SECTION("dropping the moments breaks the resumption") {
    Trainer b;
    import_model(b, j.dump());
    // The same file with its moments zeroed resumes differently.
    json k = j;
    Trainer c;
    for (auto& l : k["optimizer"]["layers"])
      for (const char* part : {"weights", "biases"})
        for (auto& [name, v] : l[part].items()) {
          if (v[0].is_array())
            for (auto& row : v)
              for (auto& x : row) x = 0.0;
          else
            for (auto& x : v) x = 0.0;
        }
    import_model(c, k.dump());
    a.train_steps(3);
    b.train_steps(3);
    c.train_steps(3);
    CHECK(weights_of(a) == weights_of(b));
    CHECK(weights_of(a) != weights_of(c));
  }
  SECTION("each optimizer names only its own state") {
    for (const auto& [kind, names] : {std::pair{OptimizerKind::sgd, std::string{}},
                                      std::pair{OptimizerKind::momentum, std::string{"momentum_buffer"}},
                                      std::pair{OptimizerKind::nesterov, std::string{"momentum_buffer"}},
                                      std::pair{OptimizerKind::rmsprop, std::string{"square_avg"}},
                                      std::pair{OptimizerKind::adagrad, std::string{"sum"}}}) {
      Trainer t(small(kind, Regularization::none, true));
      t.train_steps(2);
      const json w = json::parse(export_model(t))["optimizer"]["layers"][1]["weights"];
      std::string got;
      for (const auto& [name, v] : w.items()) got += name;
      CHECK(got == names);
    }
  }
  SECTION("malformed optimizer state is refused, naming the field") {
    Trainer b;
    json k = j;
    k["optimizer"]["layers"][0]["weights"].erase("exp_avg_sq");
    CHECK(message_of([&] { import_model(b, k.dump()); }) ==
          "optimizer.layers[0].weights.exp_avg_sq: got nothing, expected the optimizer's state (the field is "
          "missing)");
    k = j;
    k["optimizer"]["layers"][0]["biases"]["momentum_buffer"] = json::array();
    CHECK_THAT(message_of([&] { import_model(b, k.dump()); }),
               StartsWith("optimizer.layers[0].biases.momentum_buffer: got ") &&
                   Contains("expected only exp_avg and exp_avg_sq"));
    k = j;
    k["optimizer"]["layers"][1]["weights"]["exp_avg"][2] = json::array({1, 2});
    CHECK_THAT(message_of([&] { import_model(b, k.dump()); }),
               StartsWith("optimizer.layers[1].weights.exp_avg[2]: got ") && Contains("expected 5 numbers"));
    k = j;
    k["optimizer"]["layers"][2]["biases"]["exp_avg_sq"][0] = -1e-9;
    CHECK(message_of([&] { import_model(b, k.dump()); }) ==
          "optimizer.layers[2].biases.exp_avg_sq[0]: got -1e-09, expected a number >= 0 (an average or sum of "
          "squares)");
    k = j;
    k["shuffle"]["position"] = 30;
    CHECK(message_of([&] { import_model(b, k.dump()); }) ==
          "shuffle.position: got 30, expected a whole number below the 30 training points");
    k = j;
    k["shuffle"]["order"][4] = k["shuffle"]["order"][3];
    CHECK_THAT(message_of([&] { import_model(b, k.dump()); }),
               StartsWith("shuffle.order[4]: got ") &&
                   Contains("expected each of 0 to 29 once (an order of the training points)"));
    k = j;
    k["shuffle"]["order"].erase(0);
    CHECK(message_of([&] { import_model(b, k.dump()); }) ==
          "shuffle.order: got 29 indices, expected one per training point (30)");
    k = j;
    k["shuffle"]["state"][2] = "0x12345";
    CHECK(message_of([&] { import_model(b, k.dump()); }) ==
          "shuffle.state[2]: got \"0x12345\", expected \"0x\" and 16 hex digits (0-9, a-f)");
    k = j;
    k["shuffle"]["state"] = {"0x0000000000000000", "0x0000000000000000", "0x0000000000000000", "0x0000000000000000"};
    CHECK(message_of([&] { import_model(b, k.dump()); }) ==
          "shuffle.state: got four zeros, expected the generator's state (not all zero)");
    k = j;
    k.erase("epoch_flow");
    CHECK(message_of([&] { import_model(b, k.dump()); }) ==
          "epoch_flow: got nothing, expected a value (the field is missing)");
    k = j;
    k["epoch_flow"]["alive"][0] = json::array({1});
    CHECK_THAT(message_of([&] { import_model(b, k.dump()); }),
               StartsWith("epoch_flow.alive[0]: got 1 units, expected 5"));
    k = j;
    k["start_loss"] = -0.5;
    CHECK(message_of([&] { import_model(b, k.dump()); }) ==
          "start_loss: got -0.5, expected a number >= 0, or null before training started");
    CHECK(b.epoch() == 0);  // every refusal changed nothing
    CHECK(b.steps() == 0);
  }
}

TEST_CASE("schema 2 files load and say they resume without optimizer state", "[model_io][checkpoint]") {
  Trainer a(small(OptimizerKind::rmsprop, Regularization::l1, true));
  a.train_steps(12);
  json j = json::parse(export_model(a));
  j["schema"] = 2;
  j.erase("shuffle");
  j.erase("optimizer");
  j.erase("epoch_flow");
  j.erase("start_loss");
  Trainer b;
  const std::string note = import_model(b, j.dump());
  CHECK(note ==
        "This model file (schema 2) holds no optimizer state: training resumes from the start of epoch 2 with the "
        "optimizer's moments, accumulators and step count at zero and the shuffle started afresh, so it is not the run "
        "that was saved.");
  CHECK(weights_of(a) == weights_of(b));
  CHECK(b.optimizer().t() == 0);
  CHECK(b.shuffle_state().position == 0);
  // At step 0 a fresh optimizer is the exact state: nothing to say.
  Trainer fresh(small(OptimizerKind::rmsprop, Regularization::l1, true));
  json k = json::parse(export_model(fresh));
  k["schema"] = 2;
  k.erase("shuffle");
  k.erase("optimizer");
  k.erase("epoch_flow");
  k.erase("start_loss");
  CHECK(import_model(b, k.dump()).empty());
}

TEST_CASE("model files with weights past 1e6, disordered history epochs or no training points are refused",
          "[model_io][checkpoint]") {
  Trainer a(small(OptimizerKind::sgd, Regularization::none, true));
  a.train_epochs(3);
  const json good = json::parse(export_model(a));
  Trainer b;
  const auto refused = [&](const json& k) {
    const std::string m = message_of([&] { import_model(b, k.dump()); });
    CHECK(b.epoch() == 0);  // nothing changed
    return m;
  };
  SECTION("weights and biases beyond what typing one allows") {
    json k = good;
    k["layers"][1]["weights"][2][0] = 1e300;
    CHECK(refused(k) == "layers[1]: got a weight of 1e+300, expected weights and biases between -1e6 and 1e6");
    k = good;
    k["layers"][0]["biases"][0] = -1e6;
    CHECK(refused(k) == "layers[0]: got a weight of 1e+06, expected weights and biases between -1e6 and 1e6");
    k = good;
    k["layers"][0]["biases"][0] = 999999.5;
    import_model(b, k.dump());
    CHECK(b.network().layers()[0].b(0) == 999999.5);
  }
  SECTION("history epochs that repeat, decrease or pass the model's epoch") {
    json k = good;
    // Four rows: epoch 0 (the initial loss) and the three trained.
    k["history"]["epoch"] = {0, 1, 1, 3};
    CHECK(refused(k) ==
          "history.epoch[2]: got 1, expected an epoch above the row before's 1 (epochs increase row by row)");
    k["history"]["epoch"] = {0, 0, 0, 0};
    CHECK(refused(k) ==
          "history.epoch[1]: got 0, expected an epoch above the row before's 0 (epochs increase row by row)");
    k["history"]["epoch"] = {0, 3, 2, 1};
    CHECK(refused(k) ==
          "history.epoch[2]: got 2, expected an epoch above the row before's 3 (epochs increase row by row)");
    k["history"]["epoch"] = {0, 1, 2, 4};
    CHECK(refused(k) == "history.epoch[3]: got 4, expected at most the model's epoch 3");
    k["history"]["epoch"] = {1, 2, 3};  // rows may be missing (a file trimmed by hand), never out of order
    for (auto& [name, column] : k["history"].items())
      if (name != "epoch") column.erase(column.begin());
    import_model(b, k.dump());
    CHECK(b.history().column("epoch") == std::vector<double>{1, 2, 3});
  }
  SECTION("schema 1 rows are checked the same way") {
    json k = good;
    k["schema"] = 1;
    k["history"] = json::array({json::array({2, 0.5, 0.5, 0.5, 0.5}), json::array({1, 0.4, 0.4, 0.6, 0.6})});
    CHECK(refused(k) ==
          "history (epoch column)[1]: got 1, expected an epoch above the row before's 2 (epochs increase row by row)");
  }
  SECTION("no training points") {
    json k = good;
    k["config"]["dataset"] = "custom";
    k["config"]["classes"] = 2;
    k["points"] = json::array();
    CHECK(refused(k) ==
          "points: got no points, expected at least one training point (test 0): a model trains on its "
          "training points");
    k["points"] = json::array({json::array({0.5, 0.5, 1, 1}), json::array({-0.5, 0.5, 0, 1})});
    CHECK(refused(k) ==
          "points: got only held-out points (test 1), expected at least one training point (test 0): a "
          "model trains on its training points");
  }
}

TEST_CASE("a checkpoint saved while a run sits above its start at chance stops at the same epoch when resumed",
          "[model_io][checkpoint][divergence]") {
  // The stuck rule's case (test_training.cpp): stopped at epoch kStuckEpochs.
  Config c;
  c.dataset = DatasetKind::spiral;
  c.hidden = {{8, {Activation::tanh, 0}}, {8, {Activation::tanh, 0}}};
  c.optimizer.learning_rate = 10;
  Trainer a(c);
  REQUIRE(a.train_epochs(25) == Status::ok);
  REQUIRE(a.stuck_score() == 25);
  const std::string text = export_model(a);
  Trainer b;
  REQUIRE(import_model(b, text).empty());
  CHECK(b.stuck_score() == 25);
  CHECK(a.train_epochs(100) == Status::diverged);
  CHECK(b.train_epochs(100) == Status::diverged);
  CHECK(b.epoch() == Trainer::kStuckEpochs);
  check_identical(a, b);

  json k = json::parse(text);
  for (const json bad : {json(-1), json(40), json(2.25), json(nullptr)}) {
    k["stuck_score"] = bad;
    Trainer fresh;
    CHECK_THAT(message_of([&] { import_model(fresh, k.dump()); }), StartsWith("stuck_score: got "));
    CHECK(fresh.epoch() == 0);
  }
}
