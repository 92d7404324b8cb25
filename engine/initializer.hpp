// Initial weights, all drawn from the seed's init stream. fan_in and fan_out
// are a layer's input and output widths.
//   tfp             w ~ U(-0.5, 0.5), b = 0.1  (TensorFlow Playground)
//   zeros           w = 0, b = 0              (every neuron stays identical: the symmetry problem)
//   xavier_uniform  w ~ U(-r, r), r = sqrt(6 / (fan_in + fan_out)), b = 0
//   xavier_normal   w ~ N(0, 2 / (fan_in + fan_out)), b = 0
//   he_uniform      w ~ U(-r, r), r = sqrt(6 / fan_in), b = 0
//   he_normal       w ~ N(0, 2 / fan_in), b = 0
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "rng.hpp"
#include "types.hpp"

namespace nnp {

enum class Init { tfp, zeros, xavier_uniform, xavier_normal, he_uniform, he_normal };

struct InitInfo {
  Init kind;
  const char* id;
  const char* name;
};

const std::vector<InitInfo>& init_table();
const char* init_id(Init i);
Init init_from_id(std::string_view id, const std::string& field = "init");

void initialize(Init scheme, Mat& w, Vec& b, Rng& rng);

}  // namespace nnp
