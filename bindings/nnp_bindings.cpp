// Embind layer over nnp::Trainer: conversion only, no math of its own.
//
// Error protocol. No bound function lets an exception (C++ or JS) cross the
// wasm boundary. When a JS exception unwinds through an Embind call, the
// generated JS invoker skips its own clean-up (embind.js frees string and
// other wire arguments only after the call returns) and the C++ invoker's
// temporaries are never destroyed, so every failing call with a string
// argument would leak heap (measured: 112 B per call with a 100-character
// argument; see bindings/README.md). Instead every fallible call runs its
// work through `guarded_call` (one separate, non-inlined function holding the
// only try/catch; built with -fwasm-exceptions), returns a failure value
// (false, -1 or null) and leaves the engine's message in a module-wide
// buffer that `takeError()` hands out, with its code (`errorCode()`) and
// cause (`errorReason()`). The TypeScript wrapper (web/src/engine/index.ts)
// turns that into `throw new EngineError(message, code, reason)`.
//
// Arrays. Results are returned as typed_memory_view objects over buffers
// owned by the session. The wrapper copies them at once, except the grid:
// GridView.values stays a view of Trainer's grid buffer. Any call that may
// allocate can grow wasm memory, after which old views have length 0, so a
// grid view is valid until the next call into the module.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "config.hpp"
#include "describe.hpp"
#include "error.hpp"
#include "json_text.hpp"
#include "map_summary.hpp"
#include "model_io.hpp"
#include "trainer.hpp"

namespace {

using emscripten::typed_memory_view;
using emscripten::val;
using nlohmann::json;

std::string g_error;  // message of the last failed call
// Its machine-readable code (nnp::error_code_id) and, for some codes, the
// cause alone (ConfigError::reason): the page decides by these, never by the text.
const char* g_error_code = "invalid";
std::string g_error_reason;

// Runs fn(ctx) and reports whether it succeeded; on failure the message is in
// g_error. One out-of-line function holds the only try/catch, so the bound
// frames that call it stay small and never see an exception.
// `doing` names the work for an out-of-memory message ("training", ...).
__attribute__((noinline)) bool guarded_call(void (*fn)(void*), void* ctx, const char* doing) noexcept {
  using nnp::ErrorCode;
  g_error_reason.clear();
  try {
    fn(ctx);
    return true;
  } catch (const std::bad_alloc&) {
    g_error = std::string("out of memory while ") + doing;
    g_error_code = nnp::error_code_id(ErrorCode::out_of_memory);
  } catch (const nnp::ConfigError& e) {
    g_error = e.what();
    g_error_code = nnp::error_code_id(e.code());
    g_error_reason = e.reason();
  } catch (const std::exception& e) {
    g_error = e.what();
    g_error_code = nnp::error_code_id(ErrorCode::invalid);
  } catch (...) {
    g_error = "engine: unknown error";
    g_error_code = nnp::error_code_id(ErrorCode::internal);
  }
  if (g_error.empty()) g_error = "engine: error without a message";
  return false;
}

template <typename Work>
bool guarded(const char* doing, Work&& work) {
  using W = std::remove_reference_t<Work>;
  return guarded_call([](void* ctx) { (*static_cast<W*>(ctx))(); }, static_cast<void*>(&work), doing);
}

std::string take_error() { return std::exchange(g_error, std::string()); }
// The code and reason of the last failed call (read before takeError()).
std::string error_code() { return g_error_code; }
std::string error_reason() { return g_error_reason; }

std::string show(double v) {
  if (!std::isfinite(v)) return "a non-finite number";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// A JS number that must be a whole number 0..max, checked as the double it
// is, before any integer conversion (2**31 must not turn into -2**31).
std::int64_t to_whole(double v, const char* field, double max) {
  if (!std::isfinite(v) || v < 0 || v != std::floor(v) || v > max)
    nnp::fail(field, show(v), "a whole number from 0 to " + show(max));
  return static_cast<std::int64_t>(v);
}

// Indices fit Eigen::Index, which is 32-bit in wasm.
size_t to_index(double v, const char* field) { return static_cast<size_t>(to_whole(v, field, 2147483647.0)); }

// Non-template setters: one instantiation instead of one per key length.
void put(val& o, const char* key, const val& v) { o.set(key, v); }
void put(val& o, const char* key, double v) { o.set(key, val(v)); }

val f64_view(const std::vector<double>& v) { return val(typed_memory_view(v.size(), v.data())); }

val f64_view(const nnp::Vec& v) { return val(typed_memory_view(static_cast<size_t>(v.size()), v.data())); }

// Row-major copy of an Eigen (column-major) matrix.
void row_major(const nnp::Mat& m, std::vector<double>& out) {
  out.resize(static_cast<size_t>(m.size()));
  size_t k = 0;
  for (Eigen::Index r = 0; r < m.rows(); ++r)
    for (Eigen::Index c = 0; c < m.cols(); ++c) out[k++] = m(r, c);
}

class Playground {
 public:
  Playground() = default;

  // --- configuration ---
  // `flat` is null, or x, y, label triples that replace the points in the
  // same change (see Trainer::configure); `held` is null (the configured share
  // splits them) or one 0/1 per point, 1 for a test point.
  bool configure(const std::string& patch_json, const val& flat, const val& held) {
    return guarded("configuring", [&] {
      const json j = nnp::parse_json_text(patch_json, "config", nnp::Limits::max_config_bytes);
      const nnp::Config c = nnp::config_from_json(j, trainer_.config());
      if (flat.isNull() || flat.isUndefined()) {
        if (!held.isNull() && !held.isUndefined()) nnp::fail("held_out", "flags", "no flags without points");
        trainer_.configure(c);
      } else {
        const std::vector<nnp::Point> pts = to_points(flat);
        const std::vector<char> test = to_flags(held, pts.size());
        trainer_.configure(c, &pts, &test);
      }
    });
  }
  std::string config() const { return nnp::config_to_json(trainer_.config()).dump(); }
  bool reset() {
    return guarded("resetting", [&] { trainer_.reset(); });
  }

  // --- data ---
  val points() {
    const auto& pts = trainer_.points();
    px_.resize(pts.size());
    py_.resize(pts.size());
    plabel_.resize(pts.size());
    ptest_.resize(pts.size());
    for (size_t i = 0; i < pts.size(); ++i) {
      px_[i] = pts[i].x1;
      py_[i] = pts[i].x2;
      plabel_[i] = pts[i].label;
      ptest_[i] = trainer_.is_test(i) ? 1 : 0;
    }
    val out = val::object();
    put(out, "x", f64_view(px_));
    put(out, "y", f64_view(py_));
    put(out, "label", f64_view(plabel_));
    put(out, "test", val(typed_memory_view(ptest_.size(), ptest_.data())));
    return out;
  }
  bool addPoint(double x, double y, double label) {
    return guarded("adding a point", [&] { trainer_.add_point({x, y, label}); });
  }
  bool movePoint(double index, double x, double y) {
    return guarded("moving a point", [&] { trainer_.move_point(to_index(index, "index"), x, y); });
  }
  bool removePoint(double index) {
    return guarded("removing a point", [&] { trainer_.remove_point(to_index(index, "index")); });
  }
  // `flat` is an array-like of x, y, label triples.
  bool setPoints(const val& flat) {
    return guarded("setting points", [&] { trainer_.set_points(to_points(flat)); });
  }
  val loadCsv(const std::string& text) {
    nnp::CsvResult r;
    const bool ok = guarded("loading a CSV file", [&] { r = trainer_.load_csv(text); });
    val errors = val::array();
    if (!ok) errors.call<void>("push", take_error());
    for (const auto& e : r.errors) errors.call<void>("push", e);
    val out = val::object();
    const bool loaded = ok && r.errors.empty();
    put(out, "ok", val(loaded));
    put(out, "loaded", loaded ? static_cast<double>(r.points.size()) : 0.0);
    put(out, "errors", errors);
    return out;
  }
  std::string exportCsv() const { return nnp::to_csv(trainer_.points()); }

  // --- training: 0 ok, 1 diverged, -1 error ---
  int trainEpochs(double k) {
    nnp::Status s = nnp::Status::ok;
    const auto max = static_cast<double>(nnp::Limits::max_epochs_per_call);
    if (!guarded("training", [&] { s = trainer_.train_epochs(to_whole(k, "epochs", max)); })) return -1;
    return s == nnp::Status::ok ? 0 : 1;
  }
  int trainSteps(double k) {
    nnp::Status s = nnp::Status::ok;
    const auto max = static_cast<double>(nnp::Limits::max_steps_per_call);
    if (!guarded("training", [&] { s = trainer_.train_steps(to_whole(k, "steps", max)); })) return -1;
    return s == nnp::Status::ok ? 0 : 1;
  }
  double epoch() const { return static_cast<double>(trainer_.epoch()); }
  double steps() const { return static_cast<double>(trainer_.steps()); }
  int status() const { return trainer_.status() == nnp::Status::ok ? 0 : 1; }
  std::string statusMessage() const { return trainer_.status_message(); }
  // Changes whenever history rows change other than by appending; see nnp::History.
  double historyRevision() const { return static_cast<double>(trainer_.history_revision()); }

  // Every history column by its engine name ({epoch, train_loss, ...,
  // grad_rms_0, ..., saturation_0, ...}), rows from `since`: one generic path.
  val history(double since) {
    const nnp::History& h = trainer_.history();
    // Compared as doubles first: casting a huge double to size_t is undefined.
    const size_t first = !(since > 0)                             ? 0
                         : since >= static_cast<double>(h.size()) ? h.size()
                                                                  : static_cast<size_t>(since);
    hist_.resize(h.columns().size());
    // Fill every buffer before making any view (an allocation may grow memory).
    for (size_t c = 0; c < hist_.size(); ++c)
      hist_[c].assign(h.data()[c].begin() + std::ptrdiff_t(first), h.data()[c].end());
    val out = val::object();
    for (size_t c = 0; c < hist_.size(); ++c) put(out, h.columns()[c].c_str(), f64_view(hist_[c]));
    return out;
  }
  // [epoch, trainLoss, testLoss, trainAccuracy, testAccuracy], or null on error.
  val evaluate() {
    nnp::EpochStats s;
    if (!guarded("evaluating", [&] { s = trainer_.evaluate(); })) return val::null();
    stats_ = {static_cast<double>(s.epoch), s.train_loss, s.test_loss, s.train_accuracy, s.test_accuracy};
    return f64_view(stats_);
  }

  // --- inspection ---
  val grid(double n, double lo, double hi) {
    const nnp::Grid* g = nullptr;
    // The engine checks the range; this only keeps the conversion to int exact.
    if (!guarded("computing the grid", [&] {
          g = &trainer_.evaluate_grid(static_cast<int>(to_whole(n, "grid size", 2147483647.0)), lo, hi);
        }))
      return val::null();
    val out = val::object();
    put(out, "n", g->n);
    put(out, "maps", g->maps);
    put(out, "lo", g->lo);
    put(out, "hi", g->hi);
    put(out, "mapStart", val(typed_memory_view(g->map_start.size(), g->map_start.data())));
    put(out, "values", val(typed_memory_view(g->values.size(), g->values.data())));
    return out;
  }
  // The data in the plane of two units of a hidden layer (nnp::HiddenSpace), or null on error.
  val hiddenSpace(double layer, double u1, double u2, double n) {
    if (!guarded("computing the hidden space", [&] {
          const double most = 2147483647.0;
          hidden_ = trainer_.hidden_space(static_cast<size_t>(to_whole(layer, "layer", most)),
                                          static_cast<Eigen::Index>(to_whole(u1, "unit 1", most)),
                                          static_cast<Eigen::Index>(to_whole(u2, "unit 2", most)),
                                          static_cast<int>(to_whole(n, "grid size", most)));
        }))
      return val::null();
    val out = val::object();
    put(out, "layer", static_cast<double>(hidden_.layer));
    put(out, "u1", static_cast<double>(hidden_.u1));
    put(out, "u2", static_cast<double>(hidden_.u2));
    put(out, "n", hidden_.n);
    put(out, "outputs", hidden_.outputs);
    put(out, "xLo", hidden_.x_lo);
    put(out, "xHi", hidden_.x_hi);
    put(out, "yLo", hidden_.y_lo);
    put(out, "yHi", hidden_.y_hi);
    put(out, "lineCount", 2 * nnp::HiddenSpace::kLines);
    put(out, "linePoints", nnp::HiddenSpace::kLinePoints);
    put(out, "points", f64_view(hidden_.points));
    put(out, "lines", f64_view(hidden_.lines));
    put(out, "output", val(typed_memory_view(hidden_.output.size(), hidden_.output.data())));
    return out;
  }
  // Every map in numbers a sentence can say (nnp::describe_maps_json): the
  // decision map at outN, each neuron's at mapN, over [lo, hi]^2; null on error.
  val describeMaps(double outN, double mapN, double lo, double hi) {
    std::string text;
    if (!guarded("describing the maps", [&] {
          const double most = 2147483647.0;
          text = nnp::describe_maps_json(trainer_, static_cast<int>(to_whole(outN, "grid size", most)),
                                         static_cast<int>(to_whole(mapN, "grid size", most)), lo, hi);
        }))
      return val::null();
    return val(text);
  }
  val layers() {
    const auto& ls = trainer_.network().layers();
    weights_.resize(ls.size());
    biases_.resize(ls.size());
    // Fill every buffer before making any view: an allocation may grow
    // memory and empty the views made before it.
    for (size_t l = 0; l < ls.size(); ++l) {
      row_major(ls[l].W, weights_[l]);
      biases_[l].assign(ls[l].b.data(), ls[l].b.data() + ls[l].b.size());
    }
    val out = val::array();
    for (size_t l = 0; l < ls.size(); ++l) {
      val layer = val::object();
      put(layer, "rows", static_cast<int>(ls[l].W.rows()));
      put(layer, "cols", static_cast<int>(ls[l].W.cols()));
      put(layer, "weights", f64_view(weights_[l]));
      put(layer, "biases", f64_view(biases_[l]));
      put(layer, "activation", val(std::string(l + 1 == ls.size() ? "output" : nnp::activation_info(ls[l].f.kind).id)));
      out.call<void>("push", layer);
    }
    return out;
  }
  bool setWeight(double layer, double to, double from, double value) {
    return guarded("setting a weight", [&] {
      trainer_.set_weight(to_index(layer, "layer"), static_cast<Eigen::Index>(to_index(to, "to")),
                          static_cast<Eigen::Index>(to_index(from, "from")), value);
    });
  }
  bool setBias(double layer, double neuron, double value) {
    return guarded("setting a bias", [&] {
      trainer_.set_bias(to_index(layer, "layer"), static_cast<Eigen::Index>(to_index(neuron, "neuron")), value);
    });
  }
  val predict(double x, double y) {
    if (!guarded("predicting", [&] { prediction_ = trainer_.predict(x, y); })) return val::null();
    return f64_view(prediction_);
  }
  val trace(double x, double y, double label) {
    if (!guarded("tracing a sample", [&] { trace_ = trainer_.trace({x, y, label}); })) return val::null();
    trace_dw_.resize(trace_.dW.size());
    for (size_t l = 0; l < trace_.dW.size(); ++l) row_major(trace_.dW[l], trace_dw_[l]);  // before any view
    val layers = val::array();
    for (size_t l = 0; l < trace_.z.size(); ++l) {
      val layer = val::object();
      put(layer, "z", f64_view(trace_.z[l]));
      put(layer, "a", f64_view(trace_.a[l]));
      put(layer, "delta", f64_view(trace_.delta[l]));
      put(layer, "dW", f64_view(trace_dw_[l]));
      put(layer, "db", f64_view(trace_.db[l]));
      layers.call<void>("push", layer);
    }
    val out = val::object();
    put(out, "input", f64_view(trace_.input));
    put(out, "target", f64_view(trace_.target));
    put(out, "output", f64_view(trace_.output));
    put(out, "loss", trace_.loss);
    put(out, "layers", layers);
    return out;
  }
  bool applySampleUpdate(double x, double y, double label) {
    return guarded("updating on a sample", [&] { trainer_.apply_sample_update({x, y, label}); });
  }
  std::string exportModel() const { return nnp::export_model(trainer_); }
  // The next `steps` mini-batches: {points, sizes}, Float64Array views (copy them
  // at once) of the point indices batch after batch and of each batch's size; null on error.
  val upcomingBatches(double steps) {
    if (!guarded("listing the next batches", [&] {
          const auto b = trainer_.upcoming_batches(static_cast<int>(to_whole(steps, "steps", 2147483647.0)));
          batch_points_.assign(b.points.begin(), b.points.end());
          batch_sizes_.assign(b.sizes.begin(), b.sizes.end());
        }))
      return val::null();
    val out = val::object();
    put(out, "points", f64_view(batch_points_));
    put(out, "sizes", f64_view(batch_sizes_));
    return out;
  }
  // The import's note for the user ("" when the file resumes exactly); null on error.
  val importModel(const std::string& text) {
    std::string note;
    if (!guarded("loading a model", [&] { note = nnp::import_model(trainer_, text); })) return val::null();
    return val(note);
  }

 private:
  // x, y, label triples from an array-like; a hole or a non-number becomes
  // NaN there and is refused naming its index.
  static std::vector<nnp::Point> to_points(const val& flat) {
    if (flat.isNull() || flat.isUndefined()) nnp::fail("points", "nothing", "an array of x, y, label triples");
    const auto length = flat["length"];
    if (!length.isNumber()) nnp::fail("points", "no array", "an array of x, y, label triples");
    const double n = length.as<double>();
    const double most = 3.0 * static_cast<double>(nnp::Trainer::kMaxPoints);
    if (!(n <= most))
      nnp::fail("points", show(n / 3) + " points", "at most " + std::to_string(nnp::Trainer::kMaxPoints));
    const std::vector<double> v = emscripten::convertJSArrayToNumberVector<double>(flat);
    if (v.size() % 3 != 0) nnp::fail("points", std::to_string(v.size()) + " numbers", "x, y, label triples");
    std::vector<nnp::Point> pts(v.size() / 3);
    for (size_t i = 0; i < pts.size(); ++i) pts[i] = {v[3 * i], v[3 * i + 1], v[3 * i + 2]};
    return pts;
  }

  // Null: no flags (an empty vector); else exactly one 0 or 1 per point.
  static std::vector<char> to_flags(const val& held, size_t points) {
    if (held.isNull() || held.isUndefined()) return {};
    const auto length = held["length"];
    if (!length.isNumber() || length.as<double>() != static_cast<double>(points))
      nnp::fail("held_out", length.isNumber() ? show(length.as<double>()) + " flags" : "no array",
                "one 0 or 1 per point (" + std::to_string(points) + ")");
    const std::vector<double> v = emscripten::convertJSArrayToNumberVector<double>(held);
    std::vector<char> out(v.size());
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i] != 0 && v[i] != 1) nnp::fail("held_out[" + std::to_string(i) + "]", show(v[i]), "0 or 1");
      out[i] = v[i] == 1 ? 1 : 0;
    }
    return out;
  }

  nnp::Trainer trainer_;
  std::vector<double> px_, py_, plabel_;
  std::vector<std::uint8_t> ptest_;
  std::vector<double> batch_points_, batch_sizes_;
  std::vector<std::vector<double>> hist_;
  nnp::HiddenSpace hidden_;
  std::vector<double> stats_;
  std::vector<std::vector<double>> weights_, biases_;
  nnp::Vec prediction_;
  nnp::SampleTrace trace_;
  std::vector<std::vector<double>> trace_dw_;
};

// The engine's description (engine/describe.hpp), for the page's menus and limits.
std::string catalog() { return nnp::describe_engine(); }

// f(z) and f'(z) for every z of an array-like; null on an unknown id or a bad alpha.
std::vector<double> g_curve[2];
val activationCurve(const std::string& id, double alpha, const val& z) {
  const bool ok = guarded("computing an activation curve", [&] {
    nnp::ActivationFn f{nnp::activation_from_id(id, "activation"), 0};
    if (nnp::activation_info(f.kind).has_alpha) {
      nnp::check_in_range("alpha", alpha, nnp::ranges::alpha);
      f.alpha = alpha;
    }
    const std::vector<double> zs = emscripten::convertJSArrayToNumberVector<double>(z);
    g_curve[0].resize(zs.size());
    g_curve[1].resize(zs.size());
    for (size_t i = 0; i < zs.size(); ++i) {
      g_curve[0][i] = nnp::activation_value(f, zs[i]);
      g_curve[1][i] = nnp::activation_derivative(f, zs[i]);
    }
  });
  if (!ok) return val::null();
  val out = val::object();
  put(out, "value", f64_view(g_curve[0]));
  put(out, "derivative", f64_view(g_curve[1]));
  return out;
}

double memoryBytes() { return static_cast<double>(emscripten_get_heap_size()); }
// Bytes of heap in use by malloc: finer than memoryBytes() for leak checks.
double heapInUse() { return static_cast<double>(mallinfo().uordblks); }

}  // namespace

EMSCRIPTEN_BINDINGS(nnp) {
  using emscripten::class_;
  using emscripten::function;
  class_<Playground>("Playground")
      .constructor<>()
      .function("configure", &Playground::configure)
      .function("config", &Playground::config)
      .function("reset", &Playground::reset)
      .function("points", &Playground::points)
      .function("addPoint", &Playground::addPoint)
      .function("movePoint", &Playground::movePoint)
      .function("removePoint", &Playground::removePoint)
      .function("setPoints", &Playground::setPoints)
      .function("loadCsv", &Playground::loadCsv)
      .function("exportCsv", &Playground::exportCsv)
      .function("trainEpochs", &Playground::trainEpochs)
      .function("trainSteps", &Playground::trainSteps)
      .function("epoch", &Playground::epoch)
      .function("steps", &Playground::steps)
      .function("status", &Playground::status)
      .function("statusMessage", &Playground::statusMessage)
      .function("historyRevision", &Playground::historyRevision)
      .function("history", &Playground::history)
      .function("hiddenSpace", &Playground::hiddenSpace)
      .function("evaluate", &Playground::evaluate)
      .function("grid", &Playground::grid)
      .function("describeMaps", &Playground::describeMaps)
      .function("layers", &Playground::layers)
      .function("setWeight", &Playground::setWeight)
      .function("setBias", &Playground::setBias)
      .function("predict", &Playground::predict)
      .function("trace", &Playground::trace)
      .function("applySampleUpdate", &Playground::applySampleUpdate)
      .function("exportModel", &Playground::exportModel)
      .function("upcomingBatches", &Playground::upcomingBatches)
      .function("importModel", &Playground::importModel);
  function("takeError", &take_error);
  function("errorCode", &error_code);
  function("errorReason", &error_reason);
  function("catalog", &catalog);
  function("activationCurve", &activationCurve);
  function("memoryBytes", &memoryBytes);
  function("heapInUse", &heapInUse);
}
