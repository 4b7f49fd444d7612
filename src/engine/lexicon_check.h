// Runs the examples written beside each rule and each context cue
// (`foco lexicon test`).
//
//   std::vector<ExampleResult> results = CheckRuleExamples(engine, "");
//   for (const auto& r : results) if (!r.passed) ...  // r.rule->position, r.detail
//
// A must_fire example passes when the rule yields a finding at or above the
// default threshold (0.5), whether or not a stronger rule of the same category
// covers the same words; a must_not_fire example passes when it yields none.
//
// A cue's must_apply example passes when the cue changes the confidence of
// some rule's finding in it (any confidence); a must_not_apply example passes
// when some rule finds something in it and the cue changes none of it (an
// example where no rule fires would test nothing, so it fails).
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

struct CueExampleResult {
  const Cue* cue = nullptr;
  const CueExample* example = nullptr;
  bool passed = false;
  std::string detail;  // why it failed, for the report
};

// `cue_filter`: empty for every cue, else a cue id.
std::vector<CueExampleResult> CheckCueExamples(const Engine& engine, const std::string& cue_filter);

}  // namespace foco
