// Portable random numbers: the same seed gives the same stream with any C++
// standard library and in WebAssembly, unlike std::*_distribution.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace nnp {

// xoshiro256** seeded by splitmix64; `stream` separates independent uses of
// one user seed (data, initial weights, shuffling) so changing the network does
// not change the data.
class Rng {
 public:
  explicit Rng(std::uint64_t seed, std::uint64_t stream = 0);

  std::uint64_t next();
  double uniform();                      // [0, 1) with 53 random bits
  double uniform(double lo, double hi);  // [lo, hi)
  double normal();                       // standard normal, Marsaglia polar method
  double normal(double mean, double stddev) { return mean + stddev * normal(); }
  std::uint64_t below(std::uint64_t n);  // uniform integer in [0, n), unbiased

  // The four words of state, for a checkpoint (the shuffle uses next() only,
  // so no normal() spare is pending); from_state goes on from them.
  using State = std::array<std::uint64_t, 4>;
  State state() const { return {s_[0], s_[1], s_[2], s_[3]}; }
  static Rng from_state(const State& s);

 private:
  std::uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

// Fisher-Yates: a uniform random permutation of v, the same with any standard library.
template <typename T>
void shuffle(std::vector<T>& v, Rng& rng) {
  for (std::size_t i = v.size(); i-- > 1;) std::swap(v[i], v[rng.below(i + 1)]);
}

// Streams of one seed.
enum RngStream : std::uint64_t { kDataStream = 1, kInitStream = 2, kShuffleStream = 3, kSplitStream = 4 };

}  // namespace nnp
