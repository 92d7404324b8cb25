// The whole state of a session as JSON: configuration, custom points, weights,
// epoch and history, and (schema 3) everything training needs to go on exactly
// as if it had never stopped. Import checks everything and changes nothing
// unless the whole file is valid.
//
// {
//   "format": "nn-playground-model", "schema": 3,
//   "config": { ... config_to_json ... },
//   "epoch": 120, "steps": 3000,
//   "layers": [ {"weights": [[w_ij, ...], ...], "biases": [b_i, ...]}, ... ],  // first hidden layer first
//   "points": [[x1, x2, label, test], ...],   // custom data only; test: 1 = held out
//   "history": {"epoch": [...], "train_loss": [...], ...},  // every history column by name; null for NaN
//   "shuffle": {"state": ["0x0123456789abcdef", ...],  // the shuffle generator's four words, 16 hex digits each
//               "order": [3, 0, 2, ...], "position": 14},  // this epoch's order of the training points; points used
//   "optimizer": {"step": 3000,   // updates so far (Adam's t)
//                 "layers": [{"weights": {"exp_avg": [[...]], "exp_avg_sq": [[...]]},
//                             "biases": {"exp_avg": [...], "exp_avg_sq": [...]}}, ...]},
//   "epoch_flow": {"steps": 2, "grad_sumsq": [...], "saturated": [...], "seen": [...], "alive": [[0, 1, ...], ...]},
//   "start_loss": 0.69,  // the training loss when training started (divergence is measured from it); null before
//   "stuck_score": 3.5   // the count of epochs above the start at chance (Trainer::kStuckEpochs)
// }
// The optimizer's state goes by PyTorch's names (optimizer_state_names):
// momentum_buffer (momentum, nesterov), square_avg (rmsprop), exp_avg and
// exp_avg_sq (adam), sum (adagrad); nothing for sgd. "epoch_flow" is what the
// epoch so far has added up for the gradient-flow columns (flow.hpp). The
// shuffle is stored, not derived: at each epoch's end the generator reorders
// the order before, so the order and the generator's state are what goes on.
//
// Schema 2 files (no shuffle, optimizer, epoch_flow, start_loss or stuck_score) and schema 1 files
// (history as rows [epoch, train_loss, test_loss, train_acc, test_acc]; the
// gradient-flow columns NaN) still load: they resume at the start of their
// epoch with a fresh optimizer, and import_model says so.
//
// Refused besides malformed fields: a weight or bias beyond +-1e6 (what typing
// one allows), history epochs that do not increase (the first may be 0) or pass
// the model's epoch, and a model with no training points (nothing to train).
#pragma once
#include <string>
#include <string_view>

#include "trainer.hpp"

namespace nnp {

constexpr int kModelSchema = 3;

std::string export_model(const Trainer& t);
// Throws ConfigError naming what is wrong; `t` is untouched then. Returns a
// note for the user when the file cannot resume exactly (an old schema past
// step 0), else "".
std::string import_model(Trainer& t, std::string_view json_text);

}  // namespace nnp
