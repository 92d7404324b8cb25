#include "describe.hpp"

#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>

#include "config.hpp"
#include "error.hpp"
#include "flow.hpp"
#include "history.hpp"
#include "map_summary.hpp"
#include "tfp_replay.hpp"

namespace nnp {

namespace {

// Appends `pattern` with each '$' replaced by the next argument as a JSON
// string, each '@' by the same without the quotes, and each '%' by the next
// argument as it is (a number or a literal). A pattern per table row, and no
// std::string temporaries: nlohmann's json objects or a call per key cost 2 to
// 4 kB more of gzipped WebAssembly here, for one constant document.
void fill(std::string& out, const char* pattern, std::initializer_list<const char*> args) {
  const char* const* arg = args.begin();
  for (const char* p = pattern; *p; ++p) {
    if (*p != '$' && *p != '@' && *p != '%') {
      out += *p;
      continue;
    }
    const char* s = *arg++;
    if (*p == '%') {
      out += s;
      continue;
    }
    if (*p == '$') out += '"';
    for (; *s; ++s) {
      const auto c = static_cast<unsigned char>(*s);
      if (c == '"' || c == '\\') out += '\\';
      if (c < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      } else {
        out += static_cast<char>(c);
      }
    }
    if (*p == '$') out += '"';
  }
}

// A number as JSON text, in a buffer that needs no cleanup.
struct Num {
  explicit Num(double v) { std::snprintf(text, sizeof text, "%.17g", v); }
  char text[32];
};

const char* boolean(bool b) { return b ? "true" : "false"; }
const char* problem_id(Problem p) { return p == Problem::regression ? "regression" : "classification"; }

// "," between entries of a list, nothing before the first.
const char* sep(bool first) { return first ? "" : ","; }

}  // namespace

std::string describe_engine() {
  std::string out = "{\"defaults\":" + config_to_json(Config{}).dump() + ",\"ranges\":{";
  bool first = true;
  for (const auto& [key, r] : range_table()) {
    fill(out, "%$:{\"min\":%,\"max\":%,\"minOpen\":%,\"integer\":%}",
         {sep(first), key, Num(r.lo).text, Num(r.hi).text, boolean(r.lo_open), boolean(r.whole)});
    first = false;
  }
  // Sizes and counts of every input, checked before anything is parsed.
  using L = Limits;
  fill(out,
       "},\"limits\":{\"maxGridBound\":%,\"maxConfigBytes\":%,\"maxModelBytes\":%,\"maxJsonDepth\":%,"
       "\"maxCsvBytes\":%,\"maxCsvLines\":%,\"maxCsvErrors\":%,\"maxHistory\":%,\"maxEpochsPerCall\":%,"
       "\"maxStepsPerCall\":%,\"maxEpoch\":%,\"maxSteps\":%,\"excerptChars\":%",
       {Num(L::max_grid_bound).text, Num(double(L::max_config_bytes)).text, Num(double(L::max_model_bytes)).text,
        Num(double(L::max_json_depth)).text, Num(double(L::max_csv_bytes)).text, Num(double(L::max_csv_lines)).text,
        Num(double(L::max_csv_errors)).text, Num(double(L::max_history)).text, Num(double(L::max_epochs_per_call)).text,
        Num(double(L::max_steps_per_call)).text, Num(double(L::max_epoch)).text, Num(double(L::max_steps)).text,
        Num(double(kExcerptBytes)).text});
  // TensorFlow Playground's exact replay: the field that turns it on and what it keeps to.
  using R = TfpRules;
  fill(out,
       "},\"tfpReplay\":{\"field\":\"tfp_seed\",\"maxSeedChars\":%,\"classificationSamples\":%,\"regressionSamples\":%,"
       "\"optimizer\":$,\"classificationOutput\":$,\"regressionOutput\":$",
       {Num(double(TfpLimits::max_seed_chars)).text, Num(TfpLimits::classification_samples).text,
        Num(TfpLimits::regression_samples).text, optimizer_id(R::optimizer), output_info(R::classification_output).id,
        output_info(R::regression_output).id});
  const auto list = [&](const char* key, auto first, auto last, auto id) {
    fill(out, ",\"@\":[", {key});
    for (auto it = first; it != last; ++it) fill(out, "%$", {sep(it == first), id(*it)});
    out += "]";
  };
  list("datasets", std::begin(R::datasets), std::end(R::datasets), [](DatasetKind k) { return dataset_info(k).id; });
  list("activations", std::begin(R::activations), std::end(R::activations),
       [](Activation a) { return activation_info(a).id; });
  list("features", std::begin(R::features), std::end(R::features),
       [](Feature f) { return feature_table()[static_cast<size_t>(f)].id; });
  list("inits", std::begin(R::inits), std::end(R::inits), [](Init i) { return init_id(i); });
  fill(out, "},\"errorCodes\":[$,$,$,$],\"maxClasses\":%,\"problems\":[$,$],\"datasets\":[",
       {error_code_id(ErrorCode::invalid), error_code_id(ErrorCode::tfp_replay),
        error_code_id(ErrorCode::out_of_memory), error_code_id(ErrorCode::internal), Num(kMaxClasses).text,
        problem_id(Problem::classification), problem_id(Problem::regression)});
  first = true;
  for (const auto& d : dataset_table()) {
    // reads: the data settings that apply (engine config keys); extent: where the points lie.
    fill(out, "%{\"id\":$,\"name\":$,\"problem\":$,\"anyClasses\":%,\"reads\":[%],\"extent\":[%,%]}",
         {sep(first), d.id, d.name, problem_id(d.problem), boolean(d.any_classes),
          d.generated ? (d.split ? R"("samples","noise","train_ratio")" : R"("samples","noise")")
                      : (d.split ? R"("train_ratio")" : ""),
          Num(d.lo).text, Num(d.hi).text});
    first = false;
  }
  // The history's columns, in order: the base ones, then one per weight layer
  // (gradRms + index, 0 = first) and one per hidden layer (saturation + index).
  out += "],\"history\":{\"columns\":[";
  first = true;
  for (const auto& c : kBaseHistoryColumns) {
    fill(out, "%{\"id\":$,\"meaning\":$}", {sep(first), c.id, c.meaning});
    first = false;
  }
  fill(out,
       "],\"gradRms\":{\"prefix\":$,\"per\":\"weight layer\",\"meaning\":\"RMS of the loss gradient by the layer's "
       "weights over the epoch's steps\"},\"saturation\":{\"prefix\":$,\"per\":\"hidden layer\",\"meaning\":"
       "\"share of the layer's units saturated over the epoch\"}}",
       {kGradRmsPrefix, kSaturationPrefix});
  out += ",\"features\":[";
  first = true;
  for (const auto& f : feature_table()) {
    fill(out, "%{\"id\":$,\"name\":$,\"label\":$}", {sep(first), f.id, f.label, f.label});
    first = false;
  }
  out += "],\"activations\":[";
  first = true;
  for (const auto& a : activation_table()) {
    fill(out, "%{\"id\":$,\"name\":$,\"formula\":$,\"derivative\":$,\"hasAlpha\":%,\"defaultAlpha\":%,\"trainable\":%}",
         {sep(first), a.id, a.name, a.formula, a.derivative, boolean(a.has_alpha), Num(a.default_alpha).text,
          boolean(a.trainable)});
    first = false;
  }
  // classification: fits two classes; multiclass: fits more than two.
  out += "],\"outputs\":[";
  first = true;
  for (const auto& o : output_table()) {
    fill(out,
         "%{\"id\":$,\"name\":\"@ + @\",\"unit\":$,\"loss\":$,\"formula\":$,\"classification\":%,\"regression\":%,"
         "\"multiclass\":%,\"noHiddenLayers\":%,\"unitLow\":%}",
         {sep(first), o.id, o.unit, o.loss, o.unit, o.loss, o.formula, boolean(o.classification), boolean(o.regression),
          boolean(o.multiclass), boolean(o.no_hidden_layers),
          std::isnan(output_unit_low(o.kind)) ? "null" : Num(output_unit_low(o.kind)).text});
    first = false;
  }
  // The output each task starts with (binary, multiclass, regression).
  fill(out, "],\"defaultOutputs\":{\"binary\":$,\"multiclass\":$,\"regression\":$}",
       {output_info(default_output(Task::binary)).id, output_info(default_output(Task::multiclass)).id,
        output_info(default_output(Task::regression)).id});
  out += ",\"optimizers\":[";
  first = true;
  for (const auto& o : optimizer_table()) {
    fill(out, "%{\"id\":$,\"name\":$,\"params\":[", {sep(first), o.id, o.name});
    for (size_t i = 0; i < 3 && o.params[i]; ++i) fill(out, "%$", {sep(i == 0), o.params[i]});
    out += "]}";
    first = false;
  }
  out += "],\"regularizations\":[";
  first = true;
  for (const auto& r : regularization_table()) {
    fill(out, "%{\"id\":$,\"name\":$}", {sep(first), r.id, r.name});
    first = false;
  }
  out += "],\"inits\":[";
  first = true;
  for (const auto& i : init_table()) {
    fill(out, "%{\"id\":$,\"name\":$}", {sep(first), i.id, i.name});
    first = false;
  }
  // The shapes a map's region is named by (map_summary.hpp), with the words the page says.
  fill(out, "],\"mapShapes\":{\"fit\":%,\"patchShare\":%,\"shapes\":[", {Num(kShapeFit).text, Num(kPatchShare).text});
  first = true;
  for (const auto& sh : shape_table()) {
    fill(out, "%{\"id\":$,\"words\":$}", {sep(first), sh.id, sh.words});
    first = false;
  }
  return out + "]}}";
}

}  // namespace nnp
