// The grid's forward pass in float, four pixels at a time: every hidden and
// output neuron over many pixels of the plane (Trainer::evaluate_grid). It
// uses the compilers' vector extensions (16-byte vectors of 4 floats), which
// g++ and clang lower to SSE natively and to SIMD128 under -msimd128, so the
// engine needs no platform header. Pictures need no more than float: tanh,
// sigmoid and SiLU come from a rational tanh within a few float ulps, the
// other activations and the softmax output from the engine's own float paths.
#pragma once
#include <cstddef>
#include <vector>

#include "loss.hpp"
#include "network.hpp"

namespace nnp {

class GridKernel {
 public:
  // Copies the network's weights as floats (before each run: weights change).
  void load(const Network& net);

  // Maps are rows of `pixels` floats, one after another, as in Grid::values:
  // the first net.inputs() rows hold the input features (filled by the caller);
  // this fills the next rows: every layer's activations in order, the output
  // layer's through the output unit `o`. pixels >= 4. Allocates nothing once
  // its buffers have the network's sizes.
  void run(const Network& net, Output o, float* maps, size_t pixels);

 private:
  std::vector<float> W_, b_;          // every layer's weights, row-major, and biases, layer after layer
  std::vector<float> out_z_, out_a_;  // the output unit's fallback (softmax): pixels of a chunk as columns
};

}  // namespace nnp
