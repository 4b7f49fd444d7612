// One pass of every lexicon rule and context cue over a text.
//
//   MatchResult result = MatchText(lexicon, "mi primo lo hace más barato");
//   for (const RuleHit& hit : result.rule_hits)
//     lexicon.rules()[hit.rule_index];          // which rule
//     result.normalized.tokens[hit.first_token]; // where (byte offsets inside)
//
// The prefilter picks the patterns whose required words all occur in the text
// (one cheap pass, no regex); texts with none skip everything else. Otherwise
// the text is normalized, its words joined into one string (" mi primo lo hace
// mas barato ", sentences separated by "|", lemmas after "="), and only the
// picked patterns' expressions run over it, then the context cues as one RE2::Set.
//
// Thread safety: pure function of an immutable Lexicon; call from any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexicon/lexicon.h"
#include "normalize/normalizer.h"

namespace foco {

// A span of tokens [first_token, end_token).
struct RuleHit {
  std::size_t rule_index = 0;
  std::uint32_t first_token = 0;
  std::uint32_t end_token = 0;
};

struct CueHit {
  std::size_t cue_index = 0;
  std::uint32_t first_token = 0;
  std::uint32_t end_token = 0;
};

struct MatchResult {
  bool prefiltered_out = false;  // no rule's required words: nothing was normalized or matched
  NormalizedText normalized;
  std::string matched_text;      // the string the rules ran over
  std::vector<RuleHit> rule_hits;
  std::vector<CueHit> cue_hits;
};

MatchResult MatchText(const Lexicon& lexicon, std::string_view text);

}  // namespace foco
