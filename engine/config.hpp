// Everything that defines a run. Read from and written to JSON; every field
// is checked and a bad one throws ConfigError naming it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
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

// Limits of the configuration and of every input, also reported to the page.
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
  bool operator==(const Config&) const = default;

  // What the data asks of the network.
  Problem effective_problem() const;
  int class_count() const;  // 2..6 for classification, 0 for regression
  Task task() const;
};

// Throws ConfigError on the first inconsistent or out-of-range value.
void validate(const Config& c);

// Reads a (possibly partial) JSON object over `base`; unknown keys and wrong
// types are refused. The result is validated.
Config config_from_json(const nlohmann::json& j, const Config& base = Config{});
nlohmann::json config_to_json(const Config& c);

}  // namespace nnp
