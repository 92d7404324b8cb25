// The per-epoch history, bounded: the chart cannot show more points than it
// has pixels, and a long run must not grow memory without end.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nnp {

struct EpochStats {
  std::int64_t epoch = 0;
  double train_loss = 0, test_loss = 0;
  double train_accuracy = 0, test_accuracy = 0;  // NaN for regression, and for an empty test set
};

// The columns every history starts with, in this order (EpochStats); the
// trainer appends its own (gradient flow, flow.hpp). NaN means "no value".
// Each column's name and meaning is described to the page (describe.cpp).
struct HistoryColumnInfo {
  const char* id;
  const char* meaning;
};
inline constexpr HistoryColumnInfo kBaseHistoryColumns[] = {
    {"epoch", "epochs trained"},
    {"train_loss", "mean loss on the training points"},
    {"test_loss", "mean loss on the test points"},
    {"train_accuracy", "share of training points classified right (NaN for regression)"},
    {"test_accuracy", "share of test points classified right (NaN for regression or no test points)"},
};
inline const std::vector<std::string>& base_history_columns() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& c : kBaseHistoryColumns) v.emplace_back(c.id);
    return v;
  }();
  return names;
}

// A table of named columns of doubles, one row per epoch, in epoch order. A
// new series is one more column: every reader (bindings, model files, page)
// goes by name. When the row count reaches `cap`, the older half is thinned
// by dropping every other row (the first row stays), so the latest cap / 2
// rows are always full resolution and older ones get sparser.
//
// revision() changes whenever rows change other than by appending (thinning,
// clear, replace, new columns): a reader that copied rows [0, k) may fetch
// only rows from k on while the revision is unchanged, and must fetch all rows
// otherwise. Revisions are unique within the process (one counter for every
// History), so a History moved in from elsewhere never repeats an old value.
class History {
 public:
  explicit History(std::size_t cap, std::vector<std::string> columns = base_history_columns());
  std::uint64_t revision() const { return revision_; }
  std::size_t cap() const { return cap_; }

  const std::vector<std::string>& columns() const { return names_; }
  const std::vector<std::vector<double>>& data() const { return data_; }  // one vector per column
  std::size_t size() const { return data_.empty() ? 0 : data_[0].size(); }
  bool empty() const { return size() == 0; }
  // Index of the named column, or -1.
  int find(std::string_view name) const;
  // The named column; throws std::out_of_range for an unknown name.
  const std::vector<double>& column(std::string_view name) const;
  // The base columns of row i (i < size()).
  EpochStats stats(std::size_t i) const;
  EpochStats back() const { return stats(size() - 1); }
  EpochStats front() const { return stats(0); }

  // New column names (the base columns first); empties the table.
  void set_columns(std::vector<std::string> names);
  void push(const std::vector<double>& row);  // one value per column
  void clear();
  // Replaces every row (one vector per column, all of one length), thinned as
  // if the rows had been pushed one by one.
  void replace(const std::vector<std::vector<double>>& columns);

 private:
  void thin();
  void bump();

  std::vector<std::string> names_;
  std::vector<std::vector<double>> data_;
  std::size_t cap_;
  std::uint64_t revision_ = 0;
};

}  // namespace nnp
