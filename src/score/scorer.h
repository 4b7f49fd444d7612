// Turns rule matches into findings with a confidence, and a message score.
//
//   MatchResult matches = MatchText(lexicon, text);
//   ScoredText scored = ScoreMatches(lexicon, calibration, text, matches);
//   scored.findings;  // every candidate, strongest first within a category
//
// raw = rule weight × match exactness × context, where exactness is the lowest
// factor among the matched words (exact 1, accent-folded 0.97, lemma 0.97,
// squeezed 0.95, chat spelling 0.95, typo-corrected 0.85) and context
// multiplies the factors of the context cues in scope (negation, retraction,
// hypothetical, mention, intensifier; one per kind), of quotation marks around
// the match (a mention) and, for rules that set it, of being inside a question.
// The calibration maps raw to the published confidence. Overlapping findings of
// one category keep only the strongest. The message score is the noisy-or of
// the strongest finding per category: 1 − Π(1 − confidence).
//
// Thread safety: pure function; call from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/lexicon.h"
#include "match/matcher.h"
#include "score/calibration.h"

namespace foco {

struct AppliedFactor {
  std::string name;    // "accent-folded", "negation:negation.no_necesito", "quoted", "question"
  double factor = 1.0;
};

struct Finding {
  std::size_t rule_index = 0;
  std::string rule_id;
  std::string category;
  std::uint32_t start = 0;  // UTF-8 byte offsets into the analysed text
  std::uint32_t end = 0;
  std::string match;        // text.substr(start, end - start)
  double weight = 0.0;
  double raw = 0.0;
  double confidence = 0.0;
  bool mention = false;
  bool negated = false;     // a negation or retraction cue applied
  std::vector<AppliedFactor> factors;
  std::uint32_t first_token = 0;
  std::uint32_t end_token = 0;
};

// A message's findings at or above a threshold, with its overall score.
struct Analysis {
  double score = 0.0;
  std::vector<std::string> flags;   // categories, each once, strongest first
  std::vector<Finding> findings;    // at or above the threshold, by start offset
};

struct ScoredText {
  std::vector<Finding> findings;  // all candidates, sorted by start offset
};

// `keep_overlapping`: report every rule's finding even where a stronger one
// of the same category covers it (for checking rules one by one).
ScoredText ScoreMatches(const Lexicon& lexicon, const Calibration& calibration, std::string_view text,
                        const MatchResult& matches, bool keep_overlapping = false);

// Noisy-or of the strongest confidence per category, over findings at or above
// `min_confidence`; also returns those categories, strongest first.
double MessageScore(const std::vector<Finding>& findings, double min_confidence,
                    std::vector<std::string>* flags_strongest_first);

}  // namespace foco
