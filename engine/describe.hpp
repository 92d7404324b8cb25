// The engine described for the page, as JSON: every id with its display name,
// the default configuration, every range validate() checks, and which output
// fits which task. Built from the engine's own tables, so it cannot drift from
// them. The bindings' catalog() returns it, and scripts/describe-engine.mjs
// writes it out as web/src/engine/description.generated.ts.
#pragma once
#include <string>

namespace nnp {

std::string describe_engine();

}  // namespace nnp
