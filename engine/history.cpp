#include "history.hpp"

#include <algorithm>
#include <atomic>

namespace nnp {

namespace {
std::atomic<std::uint64_t> g_revisions{0};
}

History::History(std::size_t cap) : cap_(cap < 4 ? 4 : cap) { bump(); }

void History::bump() { revision_ = ++g_revisions; }

void History::push(const EpochStats& s) {
  rows_.push_back(s);
  if (rows_.size() >= cap_) thin();
}

void History::thin() {
  const std::size_t half = rows_.size() / 2;
  std::size_t out = 0;
  for (std::size_t i = 0; i < half; i += 2) rows_[out++] = rows_[i];  // rows 0, 2, 4, ... of the older half
  for (std::size_t i = half; i < rows_.size(); ++i) rows_[out++] = rows_[i];
  rows_.resize(out);
  bump();
}

void History::clear() {
  rows_.clear();
  bump();
}

void History::replace(const std::vector<EpochStats>& rows) {
  rows_.clear();
  rows_.reserve(std::min(rows.size(), cap_));
  for (const auto& s : rows) {
    rows_.push_back(s);
    if (rows_.size() >= cap_) thin();
  }
  bump();
}

}  // namespace nnp
