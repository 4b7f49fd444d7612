// The phrase pattern language of lexicon rules, parsed into a small tree.
//
//   auto parsed = ParsePattern("mi @familiar <0-4> [me|te] lo hace (mas|muy) barato");
//   if (!parsed.ok()) ...  // parsed.status().message(): "column 27: unbalanced '['"
//
// Syntax (see lexicons/README.md): words; (a|b c) alternatives; [a|b] optional;
// @list; {lemma}; prefix*; <N> or <M-N> gaps of any words; a leading ^ for
// the start of a sentence.
// Parsing does not know the lexicon: lists and words are resolved by the
// compiler (lexicon.cc). Thread safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace foco {

struct PatternElement;
using PatternSequence = std::vector<PatternElement>;

struct PatternElement {
  enum class Kind { kWord, kLemma, kPrefix, kList, kGap, kGroup, kSentenceStart };
  Kind kind = Kind::kWord;
  std::string text;           // the word, lemma, prefix or list name as written
  int min_words = 0;          // kGap bounds
  int max_words = 0;
  bool optional = false;      // kGroup written with [ ]
  std::vector<PatternSequence> alternatives;  // kGroup
  std::size_t offset = 0;     // byte offset in the pattern string, for error messages
};

// On error the status is kLexiconError with a message "column N: problem",
// N being the 1-based character column inside the pattern string.
Result<PatternSequence> ParsePattern(std::string_view pattern);

}  // namespace foco
