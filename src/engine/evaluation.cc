#include "engine/evaluation.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace foco {
namespace {

constexpr int kReliabilityBins = 10;
// Pseudo-counts pulling a rule's precision towards the global precision: a
// rule seen twice should not be trusted (or condemned) like one seen fifty times.
constexpr double kRulePriorWeight = 10.0;
// Each step of the fitted curve rests on at least this many findings, and its
// rate is Laplace-smoothed: a handful of findings cannot claim certainty.
constexpr double kMinCurveBlock = 25.0;
constexpr double kMinRuleFactor = 0.3;
constexpr double kMaxRuleFactor = 1.4;

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

struct ScoredCandidate {
  std::string rule;
  double raw = 0.0;
  bool correct = false;
};

std::vector<ScoredCandidate> CollectCandidates(const Engine& engine, const std::vector<LabelledMessage>& corpus) {
  std::vector<ScoredCandidate> candidates;
  AnalyzeOptions every;
  every.min_confidence = 0.0;
  for (const LabelledMessage& message : corpus) {
    for (const Finding& finding : engine.Analyze(message.text, every).findings) {
      candidates.push_back({finding.rule_id, finding.confidence, Contains(message.labels, finding.category)});
    }
  }
  return candidates;
}

// Pool-adjacent-violators: the non-decreasing step function closest (least
// squares) to the outcomes, as (score, probability) points.
std::vector<std::pair<double, double>> IsotonicFit(std::vector<std::pair<double, double>> points) {
  std::sort(points.begin(), points.end());
  struct Block {
    double sum_x, sum_y, count;
    void Absorb(const Block& other) {
      sum_x += other.sum_x;
      sum_y += other.sum_y;
      count += other.count;
    }
  };
  std::vector<Block> blocks;
  for (const auto& [x, y] : points) {
    blocks.push_back({x, y, 1.0});
    while (blocks.size() >= 2) {
      Block& last = blocks.back();
      Block& previous = blocks[blocks.size() - 2];
      if (previous.sum_y / previous.count <= last.sum_y / last.count) break;
      previous.Absorb(last);
      blocks.pop_back();
    }
  }
  // Merge small blocks into their neighbours (pooling keeps the steps monotone).
  std::vector<Block> merged;
  for (const Block& block : blocks) {
    if (!merged.empty() && merged.back().count < kMinCurveBlock) {
      merged.back().Absorb(block);
    } else {
      merged.push_back(block);
    }
  }
  if (merged.size() >= 2 && merged.back().count < kMinCurveBlock) {
    Block last = merged.back();
    merged.pop_back();
    merged.back().Absorb(last);
  }
  std::vector<std::pair<double, double>> curve;
  for (const Block& block : merged) {
    curve.emplace_back(block.sum_x / block.count, (block.sum_y + 1.0) / (block.count + 2.0));
  }
  return curve;
}

}  // namespace

void PrecisionRecall::Finish() {
  precision = true_positives + false_positives ? double(true_positives) / double(true_positives + false_positives) : 0.0;
  recall = true_positives + false_negatives ? double(true_positives) / double(true_positives + false_negatives) : 0.0;
  f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
}

Evaluation Evaluate(const Engine& engine, const std::vector<LabelledMessage>& corpus, double threshold) {
  Evaluation evaluation;
  evaluation.threshold = threshold;
  evaluation.messages = corpus.size();
  for (const std::string& category : TaxonomyCategories()) evaluation.categories[category];
  AnalyzeOptions every;
  every.min_confidence = 0.0;
  std::vector<std::pair<double, bool>> calibration_points;

  for (const LabelledMessage& message : corpus) {
    Analysis analysis = engine.Analyze(message.text, every);
    std::map<std::string, const Finding*> best;  // strongest finding per category
    for (const Finding& finding : analysis.findings) {
      bool correct = Contains(message.labels, finding.category);
      calibration_points.emplace_back(finding.confidence, correct);
      const Finding*& slot = best[finding.category];
      if (slot == nullptr || finding.confidence > slot->confidence) slot = &finding;
      if (finding.confidence >= threshold) {
        RuleQuality& rule = evaluation.rules[finding.rule_id];
        ++rule.hits;
        if (correct) ++rule.correct;
      }
    }
    std::set<std::string> predicted;
    for (const auto& [category, finding] : best) {
      if (finding->confidence >= threshold) predicted.insert(category);
    }
    std::vector<std::string> missed, spurious;
    for (const std::string& label : message.labels) {
      PrecisionRecall& scores = evaluation.categories[label];
      if (predicted.count(label)) {
        ++scores.true_positives;
        ++evaluation.confusion[label][label];
      } else {
        ++scores.false_negatives;
        missed.push_back(label);
        auto near = best.find(label);
        evaluation.false_negatives.push_back({message.id, message.text, label,
                                              near == best.end() ? "" : near->second->rule_id,
                                              near == best.end() ? 0.0 : near->second->confidence});
      }
    }
    for (const std::string& category : predicted) {
      if (Contains(message.labels, category)) continue;
      ++evaluation.categories[category].false_positives;
      spurious.push_back(category);
      evaluation.false_positives.push_back(
          {message.id, message.text, category, best[category]->rule_id, best[category]->confidence});
    }
    for (const std::string& gold : missed) {
      if (spurious.empty()) ++evaluation.confusion[gold]["none"];
      for (const std::string& wrong : spurious) ++evaluation.confusion[gold][wrong];
    }
    if (missed.empty()) {
      for (const std::string& wrong : spurious) ++evaluation.confusion["none"][wrong];
    }
    if (message.labels.empty()) {
      ++evaluation.clean_messages;
      if (!predicted.empty()) ++evaluation.clean_flagged;
    }
  }

  double precision_sum = 0, recall_sum = 0, f1_sum = 0;
  for (auto& [category, scores] : evaluation.categories) {
    scores.Finish();
    evaluation.micro.true_positives += scores.true_positives;
    evaluation.micro.false_positives += scores.false_positives;
    evaluation.micro.false_negatives += scores.false_negatives;
    precision_sum += scores.precision;
    recall_sum += scores.recall;
    f1_sum += scores.f1;
  }
  evaluation.micro.Finish();
  double categories = static_cast<double>(evaluation.categories.size());
  evaluation.macro_precision = precision_sum / categories;
  evaluation.macro_recall = recall_sum / categories;
  evaluation.macro_f1 = f1_sum / categories;
  for (auto& [rule, quality] : evaluation.rules) {
    quality.precision = quality.hits ? double(quality.correct) / double(quality.hits) : 0.0;
  }

  evaluation.reliability.resize(kReliabilityBins);
  for (int bin = 0; bin < kReliabilityBins; ++bin) {
    evaluation.reliability[bin].low = double(bin) / kReliabilityBins;
    evaluation.reliability[bin].high = double(bin + 1) / kReliabilityBins;
  }
  for (const auto& [confidence, correct] : calibration_points) {
    int bin = std::min(kReliabilityBins - 1, static_cast<int>(confidence * kReliabilityBins));
    ReliabilityBin& target = evaluation.reliability[bin];
    ++target.count;
    target.mean_confidence += confidence;
    target.accuracy += correct ? 1.0 : 0.0;
  }
  evaluation.calibration_findings = calibration_points.size();
  for (ReliabilityBin& bin : evaluation.reliability) {
    if (bin.count == 0) continue;
    bin.mean_confidence /= double(bin.count);
    bin.accuracy /= double(bin.count);
    evaluation.ece += double(bin.count) / double(calibration_points.size()) * std::abs(bin.accuracy - bin.mean_confidence);
  }
  return evaluation;
}

Calibration FitCalibration(const Engine& raw_engine, const std::vector<LabelledMessage>& corpus,
                           const std::vector<LabelledMessage>& holdout) {
  std::vector<ScoredCandidate> candidates = CollectCandidates(raw_engine, corpus);
  Calibration calibration;
  if (candidates.empty()) return calibration;
  double correct_total = 0;
  for (const ScoredCandidate& candidate : candidates) correct_total += candidate.correct;
  double global_precision = correct_total / double(candidates.size());

  struct RuleTally { double raw_sum = 0, correct = 0, count = 0; };
  std::map<std::string, RuleTally> tallies;
  for (const ScoredCandidate& candidate : candidates) {
    RuleTally& tally = tallies[candidate.rule];
    tally.raw_sum += candidate.raw;
    tally.correct += candidate.correct;
    tally.count += 1;
  }
  for (const auto& [rule, tally] : tallies) {
    double smoothed = (tally.correct + kRulePriorWeight * global_precision) / (tally.count + kRulePriorWeight);
    double mean_raw = tally.raw_sum / tally.count;
    double factor = mean_raw > 0 ? std::clamp(smoothed / mean_raw, kMinRuleFactor, kMaxRuleFactor) : 1.0;
    calibration.set_rule_adjustment(rule, std::round(factor * 1000.0) / 1000.0);
  }
  // (score after the rule's adjustment, outcome), `weight` times.
  std::vector<std::pair<double, double>> points;
  auto add_points = [&calibration, &points](const ScoredCandidate& candidate, std::size_t weight) {
    auto adjustment = calibration.rule_adjustments().find(candidate.rule);
    double factor = adjustment == calibration.rule_adjustments().end() ? 1.0 : adjustment->second;
    double adjusted = std::clamp(candidate.raw * factor, 0.0, 1.0);
    points.insert(points.end(), weight, {adjusted, candidate.correct ? 1.0 : 0.0});
  };
  for (const ScoredCandidate& candidate : candidates) add_points(candidate, 1);
  // Held-out findings weigh as much, together, as the dev findings.
  std::vector<ScoredCandidate> held_out = CollectCandidates(raw_engine, holdout);
  std::size_t weight = held_out.empty() ? 0 : std::max<std::size_t>(1, candidates.size() / held_out.size());
  for (const ScoredCandidate& candidate : held_out) add_points(candidate, weight);
  std::vector<std::pair<double, double>> curve = IsotonicFit(points);
  for (auto& [x, y] : curve) {
    x = std::round(x * 10000.0) / 10000.0;
    y = std::round(y * 10000.0) / 10000.0;
  }
  calibration.set_curve(std::move(curve));
  return calibration;
}

}  // namespace foco
