// Maps a finding's raw score to a probability that it is right.
//
// Raw scores multiply a rule's weight, how exactly it matched and its context;
// they order findings well but are not probabilities. `foco calibrate` fits,
// on the labelled dev corpus, one monotone curve (isotonic regression, stored
// as points and interpolated linearly) and, per rule, a smoothed precision that
// shifts the curve for rules that are more or less reliable than their weight
// says. Rules are tuned on that same corpus, so its precision is optimistic:
// findings on a held-out corpus (messages the rules were never tuned on) can
// join the curve's fit with as much weight as the dev corpus. The result is
// lexicons/calibration.json; without it the raw score is used as is.
//
// Thread safety: immutable after Load; share freely.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace foco {

class Calibration {
 public:
  Calibration() = default;  // identity
  static Result<Calibration> Load(const std::string& path);
  Status Save(const std::string& path) const;

  double Apply(const std::string& rule_id, double raw) const;
  bool identity() const { return curve_.empty() && rule_adjustments_.empty(); }

  // Building (used by `foco calibrate`).
  void set_curve(std::vector<std::pair<double, double>> points) { curve_ = std::move(points); }
  void set_rule_adjustment(const std::string& rule_id, double factor) { rule_adjustments_[rule_id] = factor; }
  const std::vector<std::pair<double, double>>& curve() const { return curve_; }
  const std::map<std::string, double>& rule_adjustments() const { return rule_adjustments_; }

 private:
  std::vector<std::pair<double, double>> curve_;      // (raw, probability), raw ascending
  std::map<std::string, double> rule_adjustments_;    // multiplies raw before the curve
};

}  // namespace foco
