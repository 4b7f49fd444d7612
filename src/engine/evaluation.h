// Measures the engine on a labelled corpus (`foco eval`) and fits the
// calibration (`foco calibrate`), in the spirit of SpamAssassin's mass-check.
//
//   auto corpus = ReadLabelledCorpus("corpus/test.jsonl");
//   Evaluation result = Evaluate(engine, *corpus, 0.5);
//   result.micro.f1; result.categories["churn_risk"].recall; result.ece;
//
//   Calibration fitted = FitCalibration(raw_engine, *dev_corpus);
//
// A message is predicted to carry a category when some finding of that
// category reaches the threshold. A finding is "right" when its category is
// among the message's labels; calibration is judged on every candidate
// finding (all confidences), in ten equal-width bins.
// Thread safety: read-only on the engine.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "source/labelled_corpus.h"

namespace foco {

struct PrecisionRecall {
  std::size_t true_positives = 0;
  std::size_t false_positives = 0;
  std::size_t false_negatives = 0;
  double precision = 0.0;
  double recall = 0.0;
  double f1 = 0.0;
  void Finish();
};

struct RuleQuality {
  std::size_t hits = 0;      // findings at or above the threshold
  std::size_t correct = 0;   // of which the category was labelled
  double precision = 0.0;
};

struct ReliabilityBin {
  double low = 0.0, high = 0.0;
  std::size_t count = 0;
  double mean_confidence = 0.0;
  double accuracy = 0.0;
};

struct MessageError {
  std::string id;
  std::string text;
  std::string category;
  std::string rule;          // the rule that fired (false positive) or came closest (false negative)
  double confidence = 0.0;   // its confidence (0: nothing matched at all)
};

struct Evaluation {
  std::size_t messages = 0;
  std::size_t clean_messages = 0;
  std::size_t clean_flagged = 0;
  double threshold = 0.5;
  std::map<std::string, PrecisionRecall> categories;
  PrecisionRecall micro;
  double macro_precision = 0.0, macro_recall = 0.0, macro_f1 = 0.0;
  // confusion[gold][predicted]; "none" stands for no label / no prediction.
  std::map<std::string, std::map<std::string, std::size_t>> confusion;
  std::vector<MessageError> false_positives;
  std::vector<MessageError> false_negatives;
  std::map<std::string, RuleQuality> rules;
  std::vector<ReliabilityBin> reliability;
  double ece = 0.0;               // expected calibration error over all candidates
  std::size_t calibration_findings = 0;
};

Evaluation Evaluate(const Engine& engine, const std::vector<LabelledMessage>& corpus, double threshold);

// Fits per-rule adjustments (smoothed precision) and a monotone curve
// (isotonic regression) from raw scores to the probability a finding is right.
// Findings on `holdout` (messages the rules were never tuned on) join the
// curve's fit, weighing together as much as those on `corpus`: precision on
// text the rules were tuned on is optimistic. `raw_engine` must have been
// created with use_calibration = false.
Calibration FitCalibration(const Engine& raw_engine, const std::vector<LabelledMessage>& corpus,
                           const std::vector<LabelledMessage>& holdout = {});

}  // namespace foco
