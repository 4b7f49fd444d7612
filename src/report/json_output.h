// The JSON shapes Foco publishes (../shared/spec/filter-contract.md).
//
//   nlohmann::ordered_json foco = AnalysisJson(analysis, {});
//   // {"version":1,"score":0.91,"flags":[...],"findings":[{category, rule,
//   //   confidence, start, end, match, ...}]}
//
// Field names and order are a public contract: add fields, never rename.
// Confidences and scores are rounded to three decimals so output is stable.
// Thread safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "score/scorer.h"

namespace foco {

constexpr int kFocoJsonVersion = 1;

struct JsonOptions {
  bool with_factors = false;  // add each finding's score arithmetic
};

nlohmann::ordered_json FindingJson(const Finding& finding, const JsonOptions& options);
nlohmann::ordered_json AnalysisJson(const Analysis& analysis, const JsonOptions& options);
nlohmann::ordered_json ErrorJson(const std::string& message);

double RoundConfidence(double value);

// Serializes one JSON Lines record; invalid UTF-8 in strings is replaced, never fatal.
std::string DumpJsonLine(const nlohmann::ordered_json& value);

}  // namespace foco
