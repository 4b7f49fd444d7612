#include "score/calibration.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

namespace foco {

Result<Calibration> Calibration::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status(ErrorCode::kNotFound, "cannot read calibration file " + path);
  nlohmann::json document;
  try {
    in >> document;
  } catch (const nlohmann::json::parse_error& error) {
    return Status(ErrorCode::kParseError, path + ": " + error.what());
  }
  Calibration calibration;
  try {
    if (document.contains("curve")) {
      for (const auto& point : document.at("curve")) {
        calibration.curve_.emplace_back(point.at(0).get<double>(), point.at(1).get<double>());
      }
    }
    if (document.contains("rules")) {
      for (const auto& [rule, factor] : document.at("rules").items()) {
        calibration.rule_adjustments_[rule] = factor.get<double>();
      }
    }
  } catch (const nlohmann::json::exception& error) {
    return Status(ErrorCode::kParseError, path + ": " + error.what());
  }
  std::sort(calibration.curve_.begin(), calibration.curve_.end());
  return calibration;
}

Status Calibration::Save(const std::string& path) const {
  nlohmann::json document;
  document["version"] = 1;
  document["curve"] = nlohmann::json::array();
  for (const auto& [raw, probability] : curve_) document["curve"].push_back({raw, probability});
  document["rules"] = nlohmann::json::object();
  for (const auto& [rule, factor] : rule_adjustments_) document["rules"][rule] = factor;
  std::ofstream out(path);
  if (!out) return Status(ErrorCode::kIoError, "cannot write " + path);
  out << document.dump(1) << "\n";
  return Status::Ok();
}

double Calibration::Apply(const std::string& rule_id, double raw) const {
  auto adjustment = rule_adjustments_.find(rule_id);
  if (adjustment != rule_adjustments_.end()) raw *= adjustment->second;
  raw = std::clamp(raw, 0.0, 1.0);
  if (curve_.empty()) return raw;
  if (raw <= curve_.front().first) return curve_.front().second;
  if (raw >= curve_.back().first) return curve_.back().second;
  auto upper = std::upper_bound(curve_.begin(), curve_.end(), std::make_pair(raw, 2.0));
  auto lower = upper - 1;
  double span = upper->first - lower->first;
  double t = span > 0 ? (raw - lower->first) / span : 0.0;
  return lower->second + t * (upper->second - lower->second);
}

}  // namespace foco
