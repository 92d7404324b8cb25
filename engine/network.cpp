#include "network.hpp"

#include "rng.hpp"

namespace nnp {

Network::Network(int inputs, const std::vector<std::pair<int, ActivationFn>>& hidden, int outputs) : inputs_(inputs) {
  int prev = inputs;
  for (const auto& [width, f] : hidden) {
    layers_.push_back({Mat::Zero(width, prev), Vec::Zero(width), f});
    prev = width;
  }
  layers_.push_back({Mat::Zero(outputs, prev), Vec::Zero(outputs), ActivationFn{Activation::linear, 0}});
}

void Network::initialize(Init scheme, std::uint64_t seed) {
  Rng rng(seed, kInitStream);
  for (auto& l : layers_) nnp::initialize(scheme, l.W, l.b, rng);
}

size_t Network::parameter_count() const {
  size_t n = 0;
  for (const auto& l : layers_) n += static_cast<size_t>(l.W.size() + l.b.size());
  return n;
}

void Network::reserve(Workspace& ws, Eigen::Index capacity) const {
  const size_t n = layers_.size();
  ws.z.resize(n);
  ws.a.resize(n);
  ws.delta.resize(n);
  for (size_t l = 0; l < n; ++l) {
    const Eigen::Index rows = layers_[l].W.rows();
    ws.z[l].resize(rows, capacity);
    ws.a[l].resize(rows, capacity);
    ws.delta[l].resize(rows, capacity);
  }
  ws.capacity = capacity;
}

void Network::reserve(Gradients& g) const {
  g.dW.resize(layers_.size());
  g.db.resize(layers_.size());
  for (size_t l = 0; l < layers_.size(); ++l) {
    g.dW[l].resize(layers_[l].W.rows(), layers_[l].W.cols());
    g.db[l].resize(layers_[l].b.size());
  }
}

void Network::forward(const Eigen::Ref<const Mat>& x, Workspace& ws) const {
  const Eigen::Index n = x.cols();
  for (size_t l = 0; l < layers_.size(); ++l) {
    const Layer& L = layers_[l];
    auto z = ws.z[l].leftCols(n);
    // z = W a + b
    if (l == 0)
      z.noalias() = L.W * x;
    else
      z.noalias() = L.W * ws.a[l - 1].leftCols(n);
    z.colwise() += L.b;
    // a = f(z)
    activate<double>(L.f, z, ws.a[l].leftCols(n));
  }
}

void Network::backward(const Eigen::Ref<const Mat>& x, Workspace& ws, Gradients& g) const {
  const Eigen::Index n = x.cols();
  for (size_t l = layers_.size(); l-- > 0;) {
    const auto delta = ws.delta[l].leftCols(n);  // dL/dz of layer l
    // dL/dW = delta a_prev^T, dL/db = sum of delta over the batch
    if (l == 0)
      g.dW[l].noalias() = delta * x.transpose();
    else
      g.dW[l].noalias() = delta * ws.a[l - 1].leftCols(n).transpose();
    g.db[l].noalias() = delta.rowwise().sum();
    if (l == 0) break;
    // dL/da_prev = W^T delta, then dL/dz_prev = dL/da_prev * f'(z_prev)
    auto prev = ws.delta[l - 1].leftCols(n);
    prev.noalias() = layers_[l].W.transpose() * delta;
    backprop_activation(layers_[l - 1].f, ws.z[l - 1].leftCols(n), ws.a[l - 1].leftCols(n), prev);
  }
}

}  // namespace nnp
