// The whole state of a session as JSON: configuration, custom points, weights,
// epoch and history, with a schema version. Import checks everything and
// changes nothing unless the whole file is valid.
//
// {
//   "format": "nn-playground-model", "schema": 2,
//   "config": { ... config_to_json ... },
//   "epoch": 120, "steps": 3000,
//   "layers": [ {"weights": [[w_ij, ...], ...], "biases": [b_i, ...]}, ... ],  // first hidden layer first
//   "points": [[x1, x2, label, test], ...],   // custom data only; test: 1 = held out
//   "history": {"epoch": [...], "train_loss": [...], ...}  // every history column by name; null for NaN
// }
// Schema 1 files (history as rows [epoch, train_loss, test_loss, train_acc,
// test_acc]) still load; their gradient-flow columns are NaN.
#pragma once
#include <string>
#include <string_view>

#include "trainer.hpp"

namespace nnp {

constexpr int kModelSchema = 2;

std::string export_model(const Trainer& t);
// Throws ConfigError naming what is wrong; `t` is untouched then.
void import_model(Trainer& t, std::string_view json_text);

}  // namespace nnp
