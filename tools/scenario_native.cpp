// Runs scripted training scenarios natively and prints their traces as JSON,
// for the cross-platform determinism tests (tests/wasm/determinism.test.ts),
// which run the same scenarios in the WebAssembly module and compare.
//
// Usage: scenario_native <scenarios.json>
// Input:  {"scenarios": [{"name", "config": {...}, "points"?: [[x, y, label], ...],
//          "steps"?: k, "epochs": k, "probes": [[x, y], ...]}, ...]}
// The steps of one scenario, in order (the wasm test does the same through
// the Playground API): configure a default session with "config"; replace the
// points if given; train "steps" mini-batch steps, then "epochs" epochs.
// Output: {"results": [{"name", "status", "epoch", "steps", "history":
//          {"epoch", "trainLoss", "testLoss", "trainAccuracy", "testAccuracy"},
//          "predictions": [[...], ...]}, ...]}   (NaN is written as null)
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "config.hpp"
#include "trainer.hpp"

namespace {

using nlohmann::json;

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json run(const json& s) {
  const std::string name = s.at("name").get<std::string>();
  nnp::Trainer t;
  t.configure(nnp::config_from_json(s.at("config"), t.config()));
  if (s.contains("points")) {
    std::vector<nnp::Point> pts;
    for (const auto& p : s["points"])
      pts.push_back({p.at(0).get<double>(), p.at(1).get<double>(), p.at(2).get<double>()});
    t.set_points(pts);
  }
  if (s.contains("steps")) t.train_steps(s["steps"].get<int>());
  t.train_epochs(s.at("epochs").get<int>());

  // Every history column by its engine name.
  json history = json::object();
  const nnp::History& h = t.history();
  for (size_t c = 0; c < h.columns().size(); ++c) {
    json col = json::array();
    for (double v : h.data()[c]) col.push_back(number(v));
    history[h.columns()[c]] = col;
  }
  json predictions = json::array();
  for (const auto& p : s.at("probes")) {
    const nnp::Vec out = t.predict(p.at(0).get<double>(), p.at(1).get<double>());
    json row = json::array();
    for (Eigen::Index i = 0; i < out.size(); ++i) row.push_back(number(out(i)));
    predictions.push_back(row);
  }
  return {{"name", name},       {"status", t.status() == nnp::Status::ok ? "ok" : "diverged"},
          {"epoch", t.epoch()}, {"steps", t.steps()},
          {"history", history}, {"predictions", predictions}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <scenarios.json>\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "scenario_native: cannot read %s\n", argv[1]);
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  try {
    const json doc = json::parse(text.str());
    json results = json::array();
    for (const auto& s : doc.at("scenarios")) results.push_back(run(s));
    std::cout << json{{"results", results}}.dump() << "\n";
  } catch (const std::exception& e) {
    std::fprintf(stderr, "scenario_native: %s\n", e.what());
    return 1;
  }
  return 0;
}
