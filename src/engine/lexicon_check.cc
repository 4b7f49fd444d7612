#include "engine/lexicon_check.h"

#include <algorithm>
#include <sstream>

namespace foco {

std::vector<ExampleResult> CheckRuleExamples(const Engine& engine, const std::string& rule_filter,
                                             double threshold) {
  std::vector<ExampleResult> results;
  AnalyzeOptions every_candidate;
  every_candidate.min_confidence = 0.0;
  every_candidate.keep_overlapping = true;
  for (const Rule& rule : engine.lexicon().rules()) {
    if (!rule_filter.empty() && rule.id != rule_filter && rule.category != rule_filter) continue;
    for (const RuleExample& example : rule.examples) {
      ExampleResult result;
      result.rule = &rule;
      result.example = &example;
      Analysis analysis = engine.Analyze(example.text, every_candidate);
      std::vector<std::string> others;
      for (const Finding& finding : analysis.findings) {
        if (finding.rule_id == rule.id) {
          result.best_confidence = std::max(result.best_confidence, finding.confidence);
        } else if (finding.confidence >= threshold) {
          others.push_back(finding.rule_id);
        }
      }
      bool fired = result.best_confidence >= threshold;
      result.passed = fired == example.must_fire;
      if (!result.passed) {
        std::ostringstream detail;
        if (example.must_fire) {
          detail << (result.best_confidence > 0 ? "fired below the threshold (confidence " : "did not fire");
          if (result.best_confidence > 0) detail << result.best_confidence << ")";
        } else {
          detail << "fired (confidence " << result.best_confidence << ") but must not";
        }
        if (!others.empty()) {
          detail << "; other rules fired:";
          for (const std::string& other : others) detail << " " << other;
        }
        result.detail = detail.str();
      }
      results.push_back(std::move(result));
    }
  }
  return results;
}

std::vector<CueExampleResult> CheckCueExamples(const Engine& engine, const std::string& cue_filter) {
  std::vector<CueExampleResult> results;
  AnalyzeOptions every_candidate;
  every_candidate.min_confidence = 0.0;
  every_candidate.keep_overlapping = true;
  for (const Cue& cue : engine.lexicon().cues()) {
    if (!cue_filter.empty() && cue.id != cue_filter) continue;
    const std::string factor_name = std::string(CueKindName(cue.kind)) + ":" + cue.id;
    const std::string same_kind = std::string(CueKindName(cue.kind)) + ":";
    for (const CueExample& example : cue.examples) {
      CueExampleResult result;
      result.cue = &cue;
      result.example = &example;
      Analysis analysis = engine.Analyze(example.text, every_candidate);
      bool applied = false;
      std::vector<std::string> others;  // cues of the same kind that applied instead
      for (const Finding& finding : analysis.findings) {
        for (const AppliedFactor& factor : finding.factors) {
          if (factor.name == factor_name) applied = true;
          else if (factor.name.compare(0, same_kind.size(), same_kind) == 0) others.push_back(factor.name);
        }
      }
      std::ostringstream detail;
      if (analysis.findings.empty()) {
        detail << "no rule finds anything in it, so the cue has nothing to change";
      } else if (example.must_apply && !applied) {
        detail << "the cue changed no finding";
        if (!others.empty()) detail << " (a stronger cue of its kind applied: " << others.front() << ")";
      } else if (!example.must_apply && applied) {
        detail << "the cue changed a finding but must not";
      }
      result.detail = detail.str();
      result.passed = result.detail.empty();
      results.push_back(std::move(result));
    }
  }
  return results;
}

}  // namespace foco
