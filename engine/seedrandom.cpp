#include "seedrandom.hpp"

#include <vector>

namespace nnp {

SeedRandom::SeedRandom(std::string_view seed) {
  // mixkey(): smear the characters into the key, wrapping at 256.
  std::vector<int> key;
  int smear = 0;
  for (size_t j = 0; j < seed.size(); ++j) {
    const size_t k = j & 255;
    if (k >= key.size()) key.push_back(0);
    smear ^= key[k] * 19;
    key[k] = 255 & (smear + static_cast<unsigned char>(seed[j]));
  }
  if (key.empty()) key.push_back(0);  // the empty key is treated as [0]
  // ARC4 key scheduling.
  for (int i = 0; i < 256; ++i) s_[static_cast<size_t>(i)] = static_cast<std::uint8_t>(i);
  std::uint8_t j = 0;
  for (size_t i = 0; i < 256; ++i) {
    const std::uint8_t t = s_[i];
    j = static_cast<std::uint8_t>(j + key[i % key.size()] + t);
    s_[i] = s_[j];
    s_[j] = t;
  }
  bytes(256);  // seedrandom discards the first 256 outputs (RC4-drop[256])
}

double SeedRandom::bytes(int count) {
  double r = 0;
  while (count-- > 0) {
    const std::uint8_t t = s_[++i_];
    j_ = static_cast<std::uint8_t>(j_ + t);
    s_[i_] = s_[j_];
    s_[j_] = t;
    r = r * 256 + s_[static_cast<std::uint8_t>(s_[i_] + t)];
  }
  return r;
}

double SeedRandom::next() {
  // seedrandom's prng(), step for step: every value is a whole number or a
  // power-of-two fraction that a double holds exactly, so the result matches.
  constexpr double significance = 4503599627370496.0;  // 2^52
  constexpr double overflow = 2 * significance;
  double n = bytes(6), d = 281474976710656.0;  // 2^48
  unsigned x = 0;
  while (n < significance) {
    n = (n + x) * 256;
    d *= 256;
    x = static_cast<unsigned>(bytes(1));
  }
  while (n >= overflow) {
    n /= 2;
    d /= 2;
    x >>= 1;
  }
  return (n + x) / d;
}

}  // namespace nnp
