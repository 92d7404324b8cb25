// Trainer::upcoming_batches, apart from the training code: it runs once per
// PyTorch export, so the WebAssembly build compiles it for size
// (bindings/wasm.cmake).
#include <algorithm>

#include "error.hpp"
#include "trainer.hpp"

namespace nnp {

Trainer::Batches Trainer::upcoming_batches(int steps) const {
  if (steps < 0) fail("steps", std::to_string(steps), "a whole number >= 0");
  const auto batch = static_cast<size_t>(batch_x_.cols());
  const long most = kMaxUpcomingPoints / static_cast<long>(std::max<size_t>(batch, 1));
  if (steps > most) fail("steps", std::to_string(steps), "at most " + std::to_string(most) + " at this batch size");
  std::vector<size_t> train;  // column of x_train_ -> index in points_, as rebuild_matrices lays them out
  for (size_t i = 0; i < points_.size(); ++i)
    if (!is_test_[i]) train.push_back(i);
  Batches out;
  if (train.empty()) return out;
  // Play run_step's walk through the order on copies of its state.
  std::vector<Eigen::Index> order = order_;
  size_t cursor = cursor_;
  Rng rng = shuffle_rng_;
  for (int s = 0; s < steps; ++s) {
    const size_t b = std::min(batch, train.size() - cursor);
    out.sizes.push_back(b);
    for (size_t j = 0; j < b; ++j) out.points.push_back(train[static_cast<size_t>(order[cursor + j])]);
    cursor += b;
    if (cursor >= train.size()) {
      cursor = 0;
      if (config_.shuffle) shuffle(order, rng);
    }
  }
  return out;
}

}  // namespace nnp
