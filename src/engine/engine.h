// The front door of libfoco: load a lexicon once, analyse any number of texts.
//
//   EngineOptions options;
//   options.lexicon_dir = "lexicons";            // empty: the shipped lexicons
//   auto engine = Engine::Create(options);
//   if (!engine.ok()) { /* engine.status().message() names path:line:col */ }
//   Analysis analysis = (*engine)->Analyze("si me funciona te lo pago");
//   analysis.flags;      // {"conditional_payment"}
//   analysis.findings;   // confidence, rule, byte offsets, matched text
//
// Preconditions: none on the text — any bytes are accepted; invalid UTF-8 is
// read as U+FFFD and offsets still point into the bytes given.
// Thread safety: an Engine is immutable after Create. Analyze and Explain may
// run concurrently from any number of threads on one shared Engine.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "lexicon/lexicon.h"
#include "match/matcher.h"
#include "score/calibration.h"
#include "score/scorer.h"

namespace foco {

struct EngineOptions {
  std::string lexicon_dir;       // empty: LocateLexicons("")
  std::string calibration_path;  // empty: <lexicon_dir>/calibration.json when present
  bool use_calibration = true;   // false: confidences are the raw scores
  LexiconOptions lexicon;
};

struct AnalyzeOptions {
  double min_confidence = 0.5;   // findings below are dropped (0 keeps every candidate)
  // Ignore what the client did not write in this message: quoted replies,
  // forwarded blocks, signatures, legal footers (blanked, so offsets still
  // point into the text given).
  bool client_text_only = true;
  // Keep findings that a stronger one of the same category overlaps (every
  // rule reports its own match; used to test rules one by one).
  bool keep_overlapping = false;
};

// Everything `foco explain` shows: the normalized words, every candidate with
// its score arithmetic, and the context cues found.
struct Explanation {
  MatchResult matches;
  std::vector<Finding> candidates;
  Analysis analysis;
};

class Engine {
 public:
  static Result<std::shared_ptr<const Engine>> Create(const EngineOptions& options);

  Analysis Analyze(std::string_view text, const AnalyzeOptions& options = {}) const;
  Explanation Explain(std::string_view text, const AnalyzeOptions& options = {}) const;

  const Lexicon& lexicon() const { return *lexicon_; }
  const Calibration& calibration() const { return calibration_; }

 private:
  // The rule matches in what the client wrote (see AnalyzeOptions).
  MatchResult MatchClientText(std::string_view text, const AnalyzeOptions& options) const;
  Engine() = default;
  std::shared_ptr<const Lexicon> lexicon_;
  Calibration calibration_;
};

}  // namespace foco
