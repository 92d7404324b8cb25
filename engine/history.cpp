#include "history.hpp"

#include <algorithm>
#include <atomic>
#include <limits>
#include <stdexcept>

namespace nnp {

namespace {
std::atomic<std::uint64_t> g_revisions{0};
}

History::History(std::size_t cap, std::vector<std::string> columns) : cap_(cap < 4 ? 4 : cap) {
  set_columns(std::move(columns));
}

void History::bump() { revision_ = ++g_revisions; }

int History::find(std::string_view name) const {
  for (size_t c = 0; c < names_.size(); ++c)
    if (names_[c] == name) return static_cast<int>(c);
  return -1;
}

const std::vector<double>& History::column(std::string_view name) const {
  const int c = find(name);
  if (c < 0) throw std::out_of_range("history has no column " + std::string(name));
  return data_[static_cast<size_t>(c)];
}

EpochStats History::stats(std::size_t i) const {
  return {static_cast<std::int64_t>(data_[0][i]), data_[1][i], data_[2][i], data_[3][i], data_[4][i]};
}

void History::set_columns(std::vector<std::string> names) {
  names_ = std::move(names);
  data_.assign(names_.size(), {});
  bump();
}

void History::push(const std::vector<double>& row) {
  for (size_t c = 0; c < data_.size(); ++c)
    data_[c].push_back(c < row.size() ? row[c] : std::numeric_limits<double>::quiet_NaN());
  if (size() >= cap_) thin();
}

void History::thin() {
  const std::size_t n = size(), half = n / 2;
  for (auto& col : data_) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < half; i += 2) col[out++] = col[i];  // rows 0, 2, 4, ... of the older half
    for (std::size_t i = half; i < n; ++i) col[out++] = col[i];
    col.resize(out);
  }
  bump();
}

void History::clear() {
  for (auto& col : data_) col.clear();
  bump();
}

void History::replace(const std::vector<std::vector<double>>& columns) {
  if (columns.size() != data_.size()) throw std::invalid_argument("history: column count differs");
  const std::size_t n = columns.empty() ? 0 : columns[0].size();
  for (const auto& col : columns)
    if (col.size() != n) throw std::invalid_argument("history: columns of different lengths");
  clear();
  std::vector<double> row(columns.size());
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t c = 0; c < columns.size(); ++c) row[c] = columns[c][i];
    push(row);
  }
  bump();
}

}  // namespace nnp
