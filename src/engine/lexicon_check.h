// Runs the examples written beside each rule (`foco lexicon test`).
//
//   std::vector<ExampleResult> results = CheckRuleExamples(engine, "");
//   for (const auto& r : results) if (!r.passed) ...  // r.rule->position, r.detail
//
// A must_fire example passes when the rule yields a finding at or above the
// default threshold (0.5), whether or not a stronger rule of the same category
// covers the same words; a must_not_fire example passes when it yields none.
// Thread safety: read-only on the engine.
#pragma once

#include <string>
#include <vector>

#include "engine/engine.h"

namespace foco {

struct ExampleResult {
  const Rule* rule = nullptr;
  const RuleExample* example = nullptr;
  bool passed = false;
  double best_confidence = 0.0;  // of this rule on this example (0: no candidate)
  std::string detail;            // why it failed, for the report
};

// `rule_filter`: empty for every rule, else a rule id or a category id.
std::vector<ExampleResult> CheckRuleExamples(const Engine& engine, const std::string& rule_filter,
                                             double threshold = 0.5);

}  // namespace foco
