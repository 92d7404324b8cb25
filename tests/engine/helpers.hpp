// Small helpers shared by the engine's test files.
#pragma once
#include <vector>

#include "trainer.hpp"

namespace nnp::testing {

// Every weight matrix and bias vector of a session, in layer order.
inline std::vector<Mat> weights_of(const Trainer& t) {
  std::vector<Mat> w;
  for (const auto& l : t.network().layers()) {
    w.push_back(l.W);
    w.push_back(l.b);
  }
  return w;
}

}  // namespace nnp::testing
