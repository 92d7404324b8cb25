// Everything that defines a run. Read from and written to JSON; every field
// is checked and a bad one throws ConfigError naming it.
#pragma once
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

// Limits of the configuration, also reported to the page.
struct Limits {
  static constexpr int min_samples = 4, max_samples = 5000;
  static constexpr int max_hidden_layers = 8, max_width = 32;
  static constexpr int max_batch = 5000;
  static constexpr double max_learning_rate = 100.0, max_reg_rate = 10.0;
  static constexpr double min_train_ratio = 0.1, max_train_ratio = 0.9;
  static constexpr int max_grid = 200;
  static constexpr std::uint64_t max_seed = 0xFFFFFFFFull;
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
