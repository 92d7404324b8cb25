// Issue 9 item 8, measured: a sweep over every generated data set, three
// activations, every fitting output of tanh_mse, sigmoid_bce, softmax_ce,
// linear_hinge, linear_mse and linear_mae, SGD and Adam, at learning rates 10
// and 100 (432 runs; and at 0.3 for contrast), 2,000 epochs at most. Hidden ([.] tag): it prints its
// figures and is run by hand, `engine_tests "[.divergence_sweep]" -s`.
//
// Counted independently of the engine's rule: a run "ran away" when its
// training loss ends above 1000 times its starting loss. Every such run must
// have been stopped and reported as diverged, and no run at 0.3 may be stopped
// as running away.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "trainer.hpp"

using namespace nnp;

namespace {

struct Tally {
  int runs = 0, flagged = 0, stayed_above = 0, ran_away_unflagged = 0, peaked_unflagged = 0, grew_100x_unflagged = 0,
      grew_10x_unflagged = 0;
  double worst_unflagged_ratio = 0, worst_unflagged_peak = 0;
};

std::vector<Output> outputs_for(Task task) {
  if (task == Task::multiclass) return {Output::softmax_ce};
  if (task == Task::regression) return {Output::tanh_mse, Output::linear_mse, Output::linear_mae};
  return {Output::tanh_mse, Output::sigmoid_bce, Output::softmax_ce, Output::linear_hinge};
}

Tally sweep(const std::vector<double>& rates, int max_epochs) {
  Tally tally;
  for (int d = 0; d < static_cast<int>(DatasetKind::custom); ++d) {
    Config base;
    base.dataset = static_cast<DatasetKind>(d);
    base.samples = 500;  // the page's default, as the runs
    base.classes = 3;
    for (Output out : outputs_for(base.task()))
      for (Activation act : {Activation::tanh, Activation::relu, Activation::sigmoid})
        for (OptimizerKind opt : {OptimizerKind::sgd, OptimizerKind::adam})
          for (double lr : rates) {
            Config c = base;
            c.output = out;
            c.hidden = {{4, {act, 0}}, {2, {act, 0}}};
            c.optimizer.kind = opt;
            c.optimizer.learning_rate = lr;
            Trainer t(c);
            const double start = t.evaluate().train_loss;
            double peak = start;
            for (int e = 0; e < max_epochs && t.status() == Status::ok; ++e) {
              t.train_epochs(1);
              peak = std::max(peak, t.history().back().train_loss);
            }
            const double end = t.history().back().train_loss;
            ++tally.runs;
            if (t.status() == Status::diverged) {
              ++tally.flagged;
              // The rule for runs that sit above their start at chance (see
              // the [.divergence_teach] sweep), not a runaway.
              tally.stayed_above += t.status_message().find("stayed above") != std::string::npos;
              continue;
            }
            const double ratio = end / start;
            tally.worst_unflagged_ratio = std::max(tally.worst_unflagged_ratio, ratio);
            tally.worst_unflagged_peak = std::max(tally.worst_unflagged_peak, peak / start);
            tally.grew_100x_unflagged += !(end <= 100 * start);
            tally.ran_away_unflagged += !(end <= 1e3 * start);
            tally.peaked_unflagged += !(peak <= 1e3 * start);
            tally.grew_10x_unflagged += !(end <= 10 * start);
          }
  }
  return tally;
}

void print(const char* what, const Tally& t) {
  std::printf(
      "%s: %d runs, %d stopped as diverged (%d as staying above the start at chance), %d ended above 1000x their "
      "starting loss unflagged, %d peaked above it "
      "unflagged, %d ended above 10x unflagged, worst unflagged end/start %.3g\n",
      what, t.runs, t.flagged, t.stayed_above, t.ran_away_unflagged, t.peaked_unflagged, t.grew_10x_unflagged,
      t.worst_unflagged_ratio);
}

}  // namespace

TEST_CASE("no run at learning rate 10 or 100 runs away unreported", "[.divergence_sweep]") {
  const Tally high = sweep({10.0, 100.0}, 2000);
  print("learning rate 10 and 100", high);
  CHECK(high.ran_away_unflagged == 0);
  CHECK(high.peaked_unflagged == 0);
  const Tally normal = sweep({0.3}, 2000);
  print("learning rate 0.3", normal);
  // None runs away at 0.3. Some Adam runs there (0.3 is 300 times its usual
  // rate) learn, then fall back to chance above their starting loss, and are
  // stopped for that: counted apart.
  CHECK(normal.flagged == normal.stayed_above);
}

// --- Divergence, defined for teaching (Trainer::kStuckEpochs and the rules
// beside it): the setup, spiral with two hidden layers of 8, every
// output unit (and reg_gauss for the regression units), 6 optimizers x 14
// activations at learning rates 10 and 100, against the same runs at 0.3 and
// 0.03. Hidden from the quick run; ctest runs it as divergence_teaching_sweep,
// and `engine_tests "[.divergence_teach]" -s` prints the counts.
//
// Counted independently of the engine's rule: a run "ends guessing, worse than
// it started" when over its last 50 epochs its mean training loss is above 1.25
// times its start and its mean training accuracy is within 0.1 of 1/classes
// (a regression: the loss alone). Every such run at 10 or 100 must have been
// stopped as diverged; at 0.3 and 0.03 plain SGD must not be stopped.
namespace {

std::string show(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

struct Teach {
  int runs = 0, flagged = 0, guessing_unflagged = 0, sgd_flagged = 0;
  int by_nonfinite = 0, by_growth = 0, by_stuck = 0;
  double max_epoch_flagged = 0;
  std::vector<std::string> misses;  // the first few runs that break the rule
};

struct Setup {
  const char* name;
  DatasetKind dataset;
  Output output;
  bool hidden;  // two hidden layers of 8; false: none (the perceptron)
};

const std::vector<Setup>& setups() {
  static const std::vector<Setup> s{
      {"spiral tanh_mse", DatasetKind::spiral, Output::tanh_mse, true},
      {"spiral sigmoid_bce", DatasetKind::spiral, Output::sigmoid_bce, true},
      {"spiral sigmoid_mse", DatasetKind::spiral, Output::sigmoid_mse, true},
      {"spiral softmax_ce", DatasetKind::spiral, Output::softmax_ce, true},
      {"spiral linear_hinge", DatasetKind::spiral, Output::linear_hinge, true},
      {"spiral perceptron", DatasetKind::spiral, Output::perceptron, false},
      {"reg_gauss tanh_mse", DatasetKind::reg_gauss, Output::tanh_mse, true},
      {"reg_gauss linear_mse", DatasetKind::reg_gauss, Output::linear_mse, true},
      {"reg_gauss linear_mae", DatasetKind::reg_gauss, Output::linear_mae, true},
  };
  return s;
}

Teach teach_sweep(const Setup& su, double lr, int epochs) {
  Teach t;
  const int n_act = static_cast<int>(activation_table().size());
  for (int o = 0; o <= static_cast<int>(OptimizerKind::adagrad); ++o)
    for (int a = 0; a < (su.hidden ? n_act : 1); ++a) {
      Config c;
      c.dataset = su.dataset;
      c.output = su.output;
      if (su.hidden)
        c.hidden = {{8, {static_cast<Activation>(a), activation_table()[size_t(a)].default_alpha}},
                    {8, {static_cast<Activation>(a), activation_table()[size_t(a)].default_alpha}}};
      else
        c.hidden = {};
      c.optimizer.kind = static_cast<OptimizerKind>(o);
      c.optimizer.learning_rate = lr;
      Trainer tr(c);
      const double start = tr.history().front().train_loss;
      tr.train_epochs(epochs);
      ++t.runs;
      const std::string what = std::string(su.name) + " " + optimizer_id(c.optimizer.kind) + " " +
                               (su.hidden ? activation_table()[size_t(a)].id : "-") + " lr " + show(lr);
      if (tr.status() == Status::diverged) {
        ++t.flagged;
        t.sgd_flagged += c.optimizer.kind == OptimizerKind::sgd;
        const std::string& m = tr.status_message();
        const bool grew = m.find("grew from") != std::string::npos, stuck = m.find("stayed above") != std::string::npos;
        t.by_growth += grew;
        t.by_stuck += stuck;
        t.by_nonfinite += !grew && !stuck;
        t.max_epoch_flagged = std::max(t.max_epoch_flagged, double(tr.epoch()));
        if (c.optimizer.kind == OptimizerKind::sgd && lr <= 0.3 && t.misses.size() < 5)
          t.misses.push_back(what + ": " + m);
        continue;
      }
      const History& h = tr.history();
      const size_t n = h.size(), from = n - 50;
      double loss = 0, acc = 0;
      for (size_t i = from; i < n; ++i) {
        loss += h.stats(i).train_loss / 50;
        acc += h.stats(i).train_accuracy / 50;
      }
      const int k = c.class_count();
      if (loss > 1.25 * start && (k == 0 || std::abs(acc - 1.0 / k) <= 0.1)) {
        ++t.guessing_unflagged;
        if (t.misses.size() < 5)
          t.misses.push_back(what + ": loss " + show(start) + " -> " + show(loss) + ", accuracy " + show(acc));
      }
    }
  return t;
}

void print_teach(const Setup& su, double lr, const Teach& t) {
  std::printf(
      "%-22s lr %-5g: %3d runs, %3d stopped (non-finite %d, grew %d, stayed above at chance %d; last at epoch %g; "
      "SGD %d), %d ended guessing worse than the start unstopped\n",
      su.name, lr, t.runs, t.flagged, t.by_nonfinite, t.by_growth, t.by_stuck, t.max_epoch_flagged, t.sgd_flagged,
      t.guessing_unflagged);
  for (const auto& m : t.misses) std::printf("    %s\n", m.c_str());
}

}  // namespace

TEST_CASE("every run at learning rate 10 or 100 that ends guessing worse than it started is stopped",
          "[.divergence_teach]") {
  int runs = 0, flagged = 0;
  for (const Setup& su : setups())
    for (double lr : {10.0, 100.0}) {
      const Teach t = teach_sweep(su, lr, 300);
      print_teach(su, lr, t);
      runs += t.runs;
      flagged += t.flagged;
      CHECK(t.guessing_unflagged == 0);
    }
  std::printf("learning rates 10 and 100: %d of %d runs stopped as diverged\n", flagged, runs);
}

// At 0.3 the adaptive and momentum optimizers take steps many times larger
// than SGD's (0.3 is 300 times Adam's usual rate): many of those runs do end
// guessing worse than they started, and are stopped; the counts are printed.
TEST_CASE("plain SGD at learning rate 0.03 is never stopped; the counts at 0.3 and 0.03 are printed",
          "[.divergence_teach]") {
  int runs = 0, flagged = 0;
  for (double lr : {0.3, 0.03})
    for (const Setup& su : setups()) {
      const Teach t = teach_sweep(su, lr, 300);
      print_teach(su, lr, t);
      runs += t.runs;
      flagged += t.flagged;
      if (lr < 0.1) CHECK(t.sgd_flagged == 0);
    }
  std::printf("learning rates 0.3 and 0.03: %d of %d runs stopped as diverged\n", flagged, runs);
}
