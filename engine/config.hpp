// Everything that defines a run. Read from and written to JSON; every field
// is checked and a bad one throws ConfigError naming it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "activation.hpp"
#include "dataset.hpp"
#include "features.hpp"
#include "initializer.hpp"
#include "loss.hpp"
#include "optimizer.hpp"
#include "regularizer.hpp"

namespace nnp {

// Limits of the configuration and of every input, also reported to the page
// (engine/describe.cpp).
struct Limits {
  static constexpr int min_samples = 4, max_samples = 5000;
  static constexpr int max_hidden_layers = 8, max_width = 32;
  static constexpr int max_batch = 5000;
  static constexpr double max_learning_rate = 100.0, max_reg_rate = 10.0;
  static constexpr double min_train_ratio = 0.1, max_train_ratio = 0.9;
  static constexpr int max_grid = 200;
  static constexpr std::uint64_t max_seed = 0xFFFFFFFFull;
  // Grid bounds: beyond this the spacing (hi - lo) / n loses meaning in float.
  static constexpr double max_grid_bound = 1e6;
  // Text inputs, checked before parsing. A model file of a 10-minute run with
  // a full history is ~1 MB; 32 MB leaves room for hand-made files.
  static constexpr std::size_t max_config_bytes = 64 * 1024;
  static constexpr std::size_t max_model_bytes = 32 * 1024 * 1024;
  static constexpr std::size_t max_json_depth = 32;  // a model file nests 4 deep
  static constexpr std::size_t max_csv_bytes = 2 * 1024 * 1024;
  static constexpr std::size_t max_csv_lines = 10000;  // max_samples rows, plus header, comments and blanks
  static constexpr std::size_t max_csv_errors = 20;    // listed one by one; the rest are counted
  // History rows kept: on reaching it the older half is thinned (every other
  // row dropped), so the latest max_history / 2 epochs are always all there.
  static constexpr std::size_t max_history = 10000;
  // Work per call, and in all: whole numbers a double holds exactly.
  static constexpr std::int64_t max_epochs_per_call = 100000;
  static constexpr std::int64_t max_steps_per_call = 1000000;
  static constexpr std::int64_t max_epoch = 1000000000000;     // 1e12
  static constexpr std::int64_t max_steps = 1000000000000000;  // 1e15
};

// An interval a numeric field must lie in. validate() checks these and the
// page reads the same values through the generated description, so each
// bound is written once, here.
struct Range {
  double lo, hi;
  bool lo_open = false;  // lo itself is not allowed
  bool whole = false;    // whole numbers only
};

namespace ranges {
inline constexpr Range classes{2, kMaxClasses, false, true};
inline constexpr Range samples{Limits::min_samples, Limits::max_samples, false, true};
inline constexpr Range noise{0, 1};
inline constexpr Range train_ratio{Limits::min_train_ratio, Limits::max_train_ratio};
inline constexpr Range seed{0, static_cast<double>(Limits::max_seed), false, true};
inline constexpr Range hidden_layers{0, Limits::max_hidden_layers, false, true};
inline constexpr Range width{1, Limits::max_width, false, true};
inline constexpr Range alpha{0, 10};  // leaky_relu and elu
inline constexpr Range learning_rate{0, Limits::max_learning_rate, true};
inline constexpr Range momentum{0, 0.999};
inline constexpr Range rho{0, 0.9999};
inline constexpr Range beta1{0, 0.9999};
inline constexpr Range beta2{0, 0.99999};
inline constexpr Range epsilon{0, 1, true};
inline constexpr Range batch_size{1, Limits::max_batch, false, true};
inline constexpr Range reg_rate{0, Limits::max_reg_rate};
inline constexpr Range grid{2, Limits::max_grid, false, true};
}  // namespace ranges

// Every range above under the key the description gives it.
struct NamedRange {
  const char* key;
  Range range;
};
std::span<const NamedRange> range_table();

// Throws ConfigError naming `field` unless v lies in r
// ("a number from 0 to 10", "a whole number from 1 to 32").
void check_in_range(const std::string& field, double v, const Range& r);

struct HiddenLayer {
  int width = 4;
  ActivationFn activation{Activation::tanh, 0};
  bool operator==(const HiddenLayer&) const = default;
};

struct Config {
  DatasetKind dataset = DatasetKind::circle;
  Problem problem = Problem::classification;  // only read for custom data
  int classes = 3;                            // blobs, multi_spiral and custom classification
  int samples = 500;
  double noise = 0.0;
  double train_ratio = 0.5;
  std::uint64_t seed = 1;
  bool shuffle = true;  // reshuffle the training set every epoch
  std::vector<Feature> features{Feature::x1, Feature::x2};
  std::vector<HiddenLayer> hidden{{4, {Activation::tanh, 0}}, {2, {Activation::tanh, 0}}};
  Output output = Output::tanh_mse;
  OptimizerConfig optimizer;
  int batch_size = 10;
  Regularization regularization = Regularization::none;
  double reg_rate = 0.0;
  Init init = Init::tfp;
  // Non-empty: replay TensorFlow Playground's run for this seed text exactly
  // (engine/tfp_replay.hpp); `seed` is then unused. validate() refuses
  // settings TensorFlow Playground does not have.
  std::string tfp_seed;
  bool operator==(const Config&) const = default;

  // What the data asks of the network.
  Problem effective_problem() const;
  int class_count() const;  // 2..6 for classification, 0 for regression
  Task task() const;
};

// A number field of Config that the table alone reads from JSON, writes to
// JSON, checks in validate() and describes to the page (its range under its
// key): a new number setting is its member in Config and one row in
// number_fields() (config.cpp).
struct NumberField {
  const char* key;  // its JSON key; "optimizer.<name>" inside the optimizer object
  Range range;
  bool training;  // checked with the training settings (after the network), else with the data
  double (*get)(const Config&);
  void (*set)(Config&, double);
};
std::span<const NumberField> number_fields();

// Throws ConfigError on the first inconsistent or out-of-range value.
void validate(const Config& c);

// Reads a (possibly partial) JSON object over `base`; unknown keys and wrong
// types are refused. The result is validated.
Config config_from_json(const nlohmann::json& j, const Config& base = Config{});
nlohmann::json config_to_json(const Config& c);

}  // namespace nnp
