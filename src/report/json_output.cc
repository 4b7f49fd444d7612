#include "report/json_output.h"

#include <cmath>

namespace foco {

double RoundConfidence(double value) { return std::round(value * 1000.0) / 1000.0; }

nlohmann::ordered_json FindingJson(const Finding& finding, const JsonOptions& options) {
  nlohmann::ordered_json json;
  json["category"] = finding.category;
  json["rule"] = finding.rule_id;
  json["confidence"] = RoundConfidence(finding.confidence);
  json["start"] = finding.start;
  json["end"] = finding.end;
  json["match"] = finding.match;
  if (finding.mention) json["mention"] = true;
  if (finding.negated) json["negated"] = true;
  if (options.with_factors) {
    json["weight"] = finding.weight;
    json["raw"] = RoundConfidence(finding.raw);
    nlohmann::ordered_json factors = nlohmann::ordered_json::array();
    for (const AppliedFactor& factor : finding.factors) factors.push_back({{"name", factor.name}, {"factor", factor.factor}});
    json["factors"] = factors;
  }
  return json;
}

nlohmann::ordered_json AnalysisJson(const Analysis& analysis, const JsonOptions& options) {
  nlohmann::ordered_json json;
  json["version"] = kFocoJsonVersion;
  json["score"] = RoundConfidence(analysis.score);
  json["flags"] = analysis.flags;
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  for (const Finding& finding : analysis.findings) findings.push_back(FindingJson(finding, options));
  json["findings"] = findings;
  return json;
}

nlohmann::ordered_json ErrorJson(const std::string& message) {
  nlohmann::ordered_json json;
  json["version"] = kFocoJsonVersion;
  json["error"] = message;
  return json;
}

std::string DumpJsonLine(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace foco
