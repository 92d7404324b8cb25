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
// buffer that `takeError()` hands out. The TypeScript wrapper
// (web/src/engine/index.ts) turns that into `throw new Error(message)`.
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
#include "error.hpp"
#include "model_io.hpp"
#include "trainer.hpp"

namespace {

using emscripten::typed_memory_view;
using emscripten::val;
using nlohmann::json;

std::string g_error;  // message of the last failed call

// Runs fn(ctx) and reports whether it succeeded; on failure the message is in
// g_error. One out-of-line function holds the only try/catch, so the bound
// frames that call it stay small and never see an exception.
__attribute__((noinline)) bool guarded_call(void (*fn)(void*), void* ctx) noexcept {
  try {
    fn(ctx);
    return true;
  } catch (const std::exception& e) {
    g_error = e.what();
  } catch (...) {
    g_error = "engine: unknown error";
  }
  if (g_error.empty()) g_error = "engine: error without a message";
  return false;
}

template <typename Work>
bool guarded(Work&& work) {
  using W = std::remove_reference_t<Work>;
  return guarded_call([](void* ctx) { (*static_cast<W*>(ctx))(); }, static_cast<void*>(&work));
}

std::string take_error() { return std::exchange(g_error, std::string()); }

json parse_json(std::string_view text, const char* what) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) throw nnp::ConfigError(std::string(what) + ": not valid JSON");
  return j;
}

std::string show(double v) {
  if (!std::isfinite(v)) return "a non-finite number";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// A JS number that must be a whole, non-negative index or count.
size_t to_index(double v, const char* field) {
  if (!std::isfinite(v) || v < 0 || v != std::floor(v) || v > 4294967295.0)
    nnp::fail(field, show(v), "a whole number >= 0");
  return static_cast<size_t>(v);
}

int to_count(double v, const char* field) {
  if (!std::isfinite(v) || v < 0 || v != std::floor(v) || v > 2147483647.0)
    nnp::fail(field, show(v), "a whole number from 0 to 2147483647");
  return static_cast<int>(v);
}

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
  bool configure(const std::string& patch_json) {
    return guarded([&] {
      const json j = parse_json(std::string_view(patch_json), "config");
      trainer_.configure(nnp::config_from_json(j, trainer_.config()));
    });
  }
  std::string config() const { return nnp::config_to_json(trainer_.config()).dump(); }
  bool reset() {
    return guarded([&] { trainer_.reset(); });
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
    return guarded([&] { trainer_.add_point({x, y, label}); });
  }
  bool movePoint(double index, double x, double y) {
    return guarded([&] { trainer_.move_point(to_index(index, "index"), x, y); });
  }
  bool removePoint(double index) {
    return guarded([&] { trainer_.remove_point(to_index(index, "index")); });
  }
  // `flat` is an array-like of x, y, label triples.
  bool setPoints(const val& flat) {
    return guarded([&] {
      const std::vector<double> v = emscripten::convertJSArrayToNumberVector<double>(flat);
      if (v.size() % 3 != 0) nnp::fail("points", std::to_string(v.size()) + " numbers", "x, y, label triples");
      std::vector<nnp::Point> pts(v.size() / 3);
      for (size_t i = 0; i < pts.size(); ++i) pts[i] = {v[3 * i], v[3 * i + 1], v[3 * i + 2]};
      trainer_.set_points(pts);
    });
  }
  val loadCsv(const std::string& text) {
    nnp::CsvResult r;
    const bool ok = guarded([&] { r = trainer_.load_csv(text); });
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
    if (!guarded([&] { s = trainer_.train_epochs(to_count(k, "epochs")); })) return -1;
    return s == nnp::Status::ok ? 0 : 1;
  }
  int trainSteps(double k) {
    nnp::Status s = nnp::Status::ok;
    if (!guarded([&] { s = trainer_.train_steps(to_count(k, "steps")); })) return -1;
    return s == nnp::Status::ok ? 0 : 1;
  }
  double epoch() const { return static_cast<double>(trainer_.epoch()); }
  double steps() const { return static_cast<double>(trainer_.steps()); }
  int status() const { return trainer_.status() == nnp::Status::ok ? 0 : 1; }
  std::string statusMessage() const { return trainer_.status_message(); }

  // Columns epoch, trainLoss, testLoss, trainAccuracy, testAccuracy from `since`.
  val history(double since) {
    const auto& h = trainer_.history();
    const size_t first = std::isfinite(since) && since > 0 ? std::min(h.size(), static_cast<size_t>(since)) : 0;
    const size_t n = h.size() - first;
    for (auto& col : hist_) col.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const auto& s = h[first + i];
      hist_[0][i] = static_cast<double>(s.epoch);
      hist_[1][i] = s.train_loss;
      hist_[2][i] = s.test_loss;
      hist_[3][i] = s.train_accuracy;
      hist_[4][i] = s.test_accuracy;
    }
    val out = val::object();
    put(out, "epoch", f64_view(hist_[0]));
    put(out, "trainLoss", f64_view(hist_[1]));
    put(out, "testLoss", f64_view(hist_[2]));
    put(out, "trainAccuracy", f64_view(hist_[3]));
    put(out, "testAccuracy", f64_view(hist_[4]));
    return out;
  }
  // [epoch, trainLoss, testLoss, trainAccuracy, testAccuracy], or null on error.
  val evaluate() {
    nnp::EpochStats s;
    if (!guarded([&] { s = trainer_.evaluate(); })) return val::null();
    stats_ = {static_cast<double>(s.epoch), s.train_loss, s.test_loss, s.train_accuracy, s.test_accuracy};
    return f64_view(stats_);
  }

  // --- inspection ---
  val grid(double n, double lo, double hi) {
    const nnp::Grid* g = nullptr;
    if (!guarded([&] { g = &trainer_.evaluate_grid(to_count(n, "grid size"), lo, hi); })) return val::null();
    val out = val::object();
    put(out, "n", g->n);
    put(out, "maps", g->maps);
    put(out, "lo", g->lo);
    put(out, "hi", g->hi);
    put(out, "mapStart", val(typed_memory_view(g->map_start.size(), g->map_start.data())));
    put(out, "values", val(typed_memory_view(g->values.size(), g->values.data())));
    return out;
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
    return guarded([&] {
      trainer_.set_weight(to_index(layer, "layer"), static_cast<Eigen::Index>(to_index(to, "to")),
                          static_cast<Eigen::Index>(to_index(from, "from")), value);
    });
  }
  bool setBias(double layer, double neuron, double value) {
    return guarded([&] {
      trainer_.set_bias(to_index(layer, "layer"), static_cast<Eigen::Index>(to_index(neuron, "neuron")), value);
    });
  }
  val predict(double x, double y) {
    if (!guarded([&] { prediction_ = trainer_.predict(x, y); })) return val::null();
    return f64_view(prediction_);
  }
  val trace(double x, double y, double label) {
    if (!guarded([&] { trace_ = trainer_.trace({x, y, label}); })) return val::null();
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
    return guarded([&] { trainer_.apply_sample_update({x, y, label}); });
  }
  std::string exportModel() const { return nnp::export_model(trainer_); }
  // The next `steps` mini-batches: {points, sizes}, Float64Array views (copy them
  // at once) of the point indices batch after batch and of each batch's size; null on error.
  val upcomingBatches(double steps) {
    if (!guarded([&] {
          const auto b = trainer_.upcoming_batches(to_count(steps, "steps"));
          batch_points_.assign(b.points.begin(), b.points.end());
          batch_sizes_.assign(b.sizes.begin(), b.sizes.end());
        }))
      return val::null();
    val out = val::object();
    put(out, "points", f64_view(batch_points_));
    put(out, "sizes", f64_view(batch_sizes_));
    return out;
  }
  bool importModel(const std::string& text) {
    return guarded([&] { nnp::import_model(trainer_, text); });
  }

 private:
  nnp::Trainer trainer_;
  std::vector<double> px_, py_, plabel_;
  std::vector<std::uint8_t> ptest_;
  std::vector<double> batch_points_, batch_sizes_;
  std::vector<double> hist_[5];
  std::vector<double> stats_;
  std::vector<std::vector<double>> weights_, biases_;
  nnp::Vec prediction_;
  nnp::SampleTrace trace_;
  std::vector<std::vector<double>> trace_dw_;
};

// A small JSON writer for the catalog (nlohmann's initializer lists would
// cost tens of kB of code for one constant object).
class JsonOut {
 public:
  JsonOut& raw(const char* s) {
    text_ += s;
    return *this;
  }
  JsonOut& str(const char* s) {
    text_ += '"';
    for (; *s; ++s) {
      const char c = *s;
      if (c == '"' || c == '\\') {
        text_ += '\\';
        text_ += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        text_ += buf;
      } else {
        text_ += c;
      }
    }
    text_ += '"';
    return *this;
  }
  JsonOut& num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    text_ += buf;
    return *this;
  }
  JsonOut& boolean(bool b) { return raw(b ? "true" : "false"); }
  // "key": (with a comma before every key but the first of an object)
  JsonOut& key(const char* k) {
    if (!text_.empty() && text_.back() != '{' && text_.back() != '[') text_ += ',';
    str(k);
    text_ += ':';
    return *this;
  }
  JsonOut& item() {
    if (!text_.empty() && text_.back() != '{' && text_.back() != '[') text_ += ',';
    return *this;
  }
  std::string take() { return std::move(text_); }

 private:
  std::string text_;
};

// The engine's tables as JSON, for the page's menus and limits.
std::string catalog() {
  JsonOut j;
  j.raw("{").key("activations").raw("[");
  for (const auto& a : nnp::activation_table()) {
    j.item().raw("{").key("id").str(a.id).key("name").str(a.name).key("formula").str(a.formula);
    j.key("derivative").str(a.derivative).key("hasAlpha").boolean(a.has_alpha).key("defaultAlpha").num(a.default_alpha);
    j.key("trainable").boolean(a.trainable).raw("}");
  }
  j.raw("]").key("outputs").raw("[");
  for (const auto& o : nnp::output_table()) {
    const std::string name = std::string(o.unit) + " + " + o.loss;
    j.item().raw("{").key("id").str(o.id).key("name").str(name.c_str()).key("unit").str(o.unit).key("loss").str(o.loss);
    j.key("formula").str(o.formula).key("classification").boolean(o.classification);
    j.key("regression").boolean(o.regression).key("multiclass").boolean(o.multiclass).raw("}");
  }
  j.raw("]").key("datasets").raw("[");
  for (const auto& d : nnp::dataset_table()) {
    j.item().raw("{").key("id").str(d.id).key("name").str(d.name);
    j.key("problem").str(d.problem == nnp::Problem::regression ? "regression" : "classification");
    j.key("anyClasses").boolean(d.any_classes).raw("}");
  }
  j.raw("]").key("features").raw("[");
  for (const auto& f : nnp::feature_table())
    j.item().raw("{").key("id").str(f.id).key("name").str(f.label).key("label").str(f.label).raw("}");
  j.raw("]").key("optimizers").raw("[");
  for (const char* id : nnp::optimizer_ids()) j.item().str(id);
  j.raw("]").key("inits").raw("[");
  for (int i = 0; i <= static_cast<int>(nnp::Init::he_normal); ++i)
    j.item().str(nnp::init_id(static_cast<nnp::Init>(i)));
  using L = nnp::Limits;
  j.raw("]").key("limits").raw("{");
  j.key("maxHiddenLayers").num(L::max_hidden_layers).key("maxWidth").num(L::max_width);
  j.key("minSamples").num(L::min_samples).key("maxSamples").num(L::max_samples);
  j.key("maxBatch").num(L::max_batch).key("maxLearningRate").num(L::max_learning_rate);
  j.key("maxGrid").num(L::max_grid).raw("}}");
  return j.take();
}

// f(z) and f'(z) for every z of an array-like; null on an unknown id or a bad alpha.
std::vector<double> g_curve[2];
val activationCurve(const std::string& id, double alpha, const val& z) {
  const bool ok = guarded([&] {
    nnp::ActivationFn f{nnp::activation_from_id(id, "activation"), 0};
    if (nnp::activation_info(f.kind).has_alpha) {
      if (!std::isfinite(alpha) || alpha < 0 || alpha > 10) nnp::fail("alpha", show(alpha), "a number from 0 to 10");
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
      .function("history", &Playground::history)
      .function("evaluate", &Playground::evaluate)
      .function("grid", &Playground::grid)
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
  function("catalog", &catalog);
  function("activationCurve", &activationCurve);
  function("memoryBytes", &memoryBytes);
  function("heapInUse", &heapInUse);
}
