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
// A float workspace also holds float copies of the weights, made by
// Network::load_weights() (the grid has its own float pass, grid_kernel.hpp).
template <typename S>
struct WorkspaceT {
  std::vector<MatT<S>> z, a, delta;
  std::vector<MatT<S>> W;
  std::vector<Eigen::Matrix<S, Eigen::Dynamic, 1>> b;
  Eigen::Index capacity = 0;
};
using Workspace = WorkspaceT<double>;
using WorkspaceF = WorkspaceT<float>;

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

  template <typename S>
  void reserve(WorkspaceT<S>& ws, Eigen::Index capacity) const;
  void reserve(Gradients& g) const;
  // Copies the weights into a float workspace (after every weight change).
  void load_weights(WorkspaceF& ws) const;

  // Forward pass of the first x.cols() columns; afterwards ws.z[l] and
  // ws.a[l] hold every layer's values (for the output layer a = z, the logits).
  void forward(const Eigen::Ref<const Mat>& x, Workspace& ws) const { forward_from<double>(0, x, ws); }

  // The one forward pass: layers first, first + 1, ... from `in`, the
  // activations of layer first - 1 (the input features when first == 0), on
  // in.cols() columns; fills ws.z[l] and ws.a[l] for l >= first. In float the
  // weights are ws.W and ws.b (load_weights); in double, the network's own.
  template <typename S>
  void forward_from(size_t first, const Eigen::Ref<const MatT<S>>& in, WorkspaceT<S>& ws) const;

  // Backward pass after forward(x, ws), with ws.delta.back() holding dL/dz of
  // the output layer: fills g with dL/dW and dL/db of every layer and leaves
  // each layer's delta dL/dz in ws.delta.
  void backward(const Eigen::Ref<const Mat>& x, Workspace& ws, Gradients& g) const;

 private:
  int inputs_ = 0;
  std::vector<Layer> layers_;
};

}  // namespace nnp
