// A fully connected feed-forward network on whole batches (one column per
// sample). Layer l computes z = W a + b, a = f(z); the last layer's z are the
// logits, turned into the output unit by the loss pair (loss.hpp).
#pragma once
#include <cstdint>
#include <vector>

#include "activation.hpp"
#include "initializer.hpp"
#include "types.hpp"

namespace nnp {

struct Layer {
  Mat W;           // out x in
  Vec b;           // out
  ActivationFn f;  // identity for the output layer
};

// Buffers for a batch of up to `capacity` columns, sized once and reused.
struct Workspace {
  std::vector<Mat> z, a, delta;
  Eigen::Index capacity = 0;
};

struct Gradients {
  std::vector<Mat> dW;
  std::vector<Vec> db;
};

class Network {
 public:
  Network() = default;
  // hidden: width and activation of each hidden layer; outputs: width of the output layer.
  Network(int inputs, const std::vector<std::pair<int, ActivationFn>>& hidden, int outputs);

  void initialize(Init scheme, std::uint64_t seed);

  int inputs() const { return inputs_; }
  const std::vector<Layer>& layers() const { return layers_; }
  std::vector<Layer>& layers() { return layers_; }
  size_t parameter_count() const;

  void reserve(Workspace& ws, Eigen::Index capacity) const;
  void reserve(Gradients& g) const;

  // Forward pass of the first x.cols() columns; afterwards ws.z[l] and
  // ws.a[l] hold every layer's values (for the output layer a = z, the logits).
  void forward(const Eigen::Ref<const Mat>& x, Workspace& ws) const;

  // Backward pass after forward(x, ws), with ws.delta.back() holding dL/dz of
  // the output layer: fills g with dL/dW and dL/db of every layer and leaves
  // each layer's delta dL/dz in ws.delta.
  void backward(const Eigen::Ref<const Mat>& x, Workspace& ws, Gradients& g) const;

 private:
  int inputs_ = 0;
  std::vector<Layer> layers_;
};

}  // namespace nnp
