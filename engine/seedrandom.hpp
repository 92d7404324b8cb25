// The random stream of the seedrandom npm package (version 3, its default
// ARC4 generator), which TensorFlow Playground installs as Math.random from
// the seed text of its link. The same text gives the same doubles here, bit
// for bit, so a TensorFlow Playground run can be replayed exactly.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace nnp {

class SeedRandom {
 public:
  // The seed as seedrandom reads a string: its UTF-16 code units mixed into a
  // key of at most 256 bytes. Callers pass ASCII text (one byte = one unit).
  explicit SeedRandom(std::string_view seed);

  // The next double in [0, 1) with 52 random bits, as seedrandom's prng().
  double next();

 private:
  double bytes(int count);  // the next `count` ARC4 outputs as one base-256 number
  std::array<std::uint8_t, 256> s_{};
  std::uint8_t i_ = 0, j_ = 0;
};

}  // namespace nnp
