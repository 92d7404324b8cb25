// The per-epoch history, bounded: the chart cannot show more points than it
// has pixels, and a long run must not grow memory without end.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace nnp {

struct EpochStats {
  std::int64_t epoch = 0;
  double train_loss = 0, test_loss = 0;
  double train_accuracy = 0, test_accuracy = 0;  // NaN for regression, and for an empty test set
};

// Rows in epoch order. When the count reaches `cap`, the older half is
// thinned by dropping every other row (the first row stays), so the latest
// cap / 2 rows are always full resolution and older ones get sparser.
//
// revision() changes whenever rows change other than by appending (thinning,
// clear, replace): a reader that copied rows [0, k) may fetch only rows from k
// on while the revision is unchanged, and must fetch all rows otherwise.
// Revisions are unique within the process (one counter for every History),
// so a History moved in from elsewhere never repeats an old value.
class History {
 public:
  explicit History(std::size_t cap);
  const std::vector<EpochStats>& rows() const { return rows_; }
  std::uint64_t revision() const { return revision_; }
  std::size_t cap() const { return cap_; }

  void push(const EpochStats& s);
  void clear();
  // Replaces every row, thinned as if the rows had been pushed one by one.
  void replace(const std::vector<EpochStats>& rows);

 private:
  void thin();
  void bump();

  std::vector<EpochStats> rows_;
  std::size_t cap_;
  std::uint64_t revision_ = 0;
};

}  // namespace nnp
