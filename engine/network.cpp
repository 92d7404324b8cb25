#include "network.hpp"

#include <type_traits>

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

template <typename S>
void Network::reserve(WorkspaceT<S>& ws, Eigen::Index capacity) const {
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
template void Network::reserve<double>(Workspace&, Eigen::Index) const;
template void Network::reserve<float>(WorkspaceF&, Eigen::Index) const;

void Network::load_weights(WorkspaceF& ws) const {
  ws.W.resize(layers_.size());
  ws.b.resize(layers_.size());
  for (size_t l = 0; l < layers_.size(); ++l) {
    ws.W[l] = layers_[l].W.cast<float>();
    ws.b[l] = layers_[l].b.cast<float>();
  }
}

void Network::reserve(Gradients& g) const {
  g.dW.resize(layers_.size());
  g.db.resize(layers_.size());
  for (size_t l = 0; l < layers_.size(); ++l) {
    g.dW[l].resize(layers_[l].W.rows(), layers_[l].W.cols());
    g.db[l].resize(layers_[l].b.size());
  }
}

template <typename S>
void Network::forward_from(size_t first, const Eigen::Ref<const MatT<S>>& in, WorkspaceT<S>& ws) const {
  const Eigen::Index n = in.cols();
  for (size_t l = first; l < layers_.size(); ++l) {
    const auto& W = [&]() -> const MatT<S>& {
      if constexpr (std::is_same_v<S, double>)
        return layers_[l].W;
      else
        return ws.W[l];
    }();
    const auto& b = [&]() -> const Eigen::Matrix<S, Eigen::Dynamic, 1>& {
      if constexpr (std::is_same_v<S, double>)
        return layers_[l].b;
      else
        return ws.b[l];
    }();
    auto z = ws.z[l].leftCols(n);
    // z = W a + b
    if (l == first)
      z.noalias() = W * in;
    else
      z.noalias() = W * ws.a[l - 1].leftCols(n);
    z.colwise() += b;
    // a = f(z)
    activate<S>(layers_[l].f, z, ws.a[l].leftCols(n));
  }
}
template void Network::forward_from<double>(size_t, const Eigen::Ref<const Mat>&, Workspace&) const;
template void Network::forward_from<float>(size_t, const Eigen::Ref<const MatF>&, WorkspaceF&) const;

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
