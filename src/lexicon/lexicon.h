// A compiled lexicon: every rule of lexicons/*.yaml, ready for one-pass matching.
//
//   auto lexicon = Lexicon::Load("lexicons");
//   if (!lexicon.ok()) {
//     // lexicon.status().message(), one problem per line:
//     // "lexicons/rules/x.yaml:12:18: unknown list '@familar'"
//   }
//   const Lexicon& compiled = **lexicon;
//   compiled.rules();        // in file order
//   compiled.pattern_regex(p);  // one pattern's RE2 over the normalized text (see match/)
//
// Loading reads lists.yaml, chat.yaml, context.yaml and rules/*.yaml, checks
// every field, normalizes pattern words exactly as text will be normalized,
// turns each pattern into one RE2 expression, and builds the normalizer's
// vocabulary: typo targets, lemmas and the prefilter's requirements. Matching
// works like RE2's FilteredRE2: the prefilter finds, in one cheap pass over a
// text's words, the patterns whose required words are all present, and only
// those patterns' expressions run. Context cues run together as one RE2::Set.
//
// Thread safety: a loaded Lexicon is immutable; share it freely (RE2 and
// RE2::Set matching are thread-safe). Loading can fail; using it cannot.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "normalize/normalizer.h"

namespace foco {

// The taxonomy ids of ../shared/spec/taxonomy.md, in the order of that table.
const std::vector<std::string>& TaxonomyCategories();

struct SourcePosition {
  std::string path;
  int line = 0;  // 1-based
  int column = 0;
};

struct RuleExample {
  std::string text;
  bool must_fire = true;
  SourcePosition position;
};

struct Rule {
  std::string id;
  std::string category;
  std::string description;
  std::string message;
  double weight = 0.0;
  bool mention_ok = false;
  double question_factor = 1.0;     // confidence multiplier when the finding sits in a question
  std::vector<std::string> patterns;  // as written (or the raw regex)
  std::string compiled_regex;         // RE2 source over the normalized text
  std::vector<RuleExample> examples;
  SourcePosition position;
};

// kPseudo: a look-alike of another cue ("no es broma" holds "es broma") that
// cancels every cue whose match overlaps it, as ConText's pseudo-triggers do.
enum class CueKind { kNegation, kRetraction, kHypothetical, kMention, kIntensifier, kPseudo };
enum class CueDirection { kForward, kBackward, kBoth };
const char* CueKindName(CueKind kind);

// A text written beside a cue: the cue must (or must not) change the
// confidence of some rule's finding in it.
struct CueExample {
  std::string text;
  bool must_apply = true;
  SourcePosition position;
};

struct Cue {
  std::string id;
  CueKind kind = CueKind::kNegation;
  CueDirection direction = CueDirection::kForward;
  int scope = 6;          // words between cue and finding
  double factor = 1.0;    // confidence multiplier
  // A backward cue that may also reach the sentence just before its own
  // ("Mi primo lo hace más barato. Es broma.").
  bool previous_sentence = false;
  std::string pattern;
  std::string compiled_regex;
  std::vector<CueExample> examples;  // must_apply first, then must_not_apply
  SourcePosition position;
};

struct LexiconOptions {
  std::string dictionary_dir = FOCO_HUNSPELL_DIR;
  // es_ES already holds voseo and most American forms; regional words the
  // rules need are in the lexicon itself. Each extra dictionary slows every
  // new word (a miss asks them all).
  std::vector<std::string> dictionaries = {"es_ES"};
};

class Lexicon {
 public:
  static Result<std::shared_ptr<const Lexicon>> Load(const std::string& dir,
                                                     const LexiconOptions& options = {});
  ~Lexicon();

  const std::string& dir() const { return dir_; }
  const std::vector<Rule>& rules() const { return rules_; }
  const std::vector<Cue>& cues() const { return cues_; }
  // Words that end a forward cue's reach ("no es que sea caro, pero ¿me haces
  // un descuento?"): each a sequence of normalized words.
  const std::vector<std::vector<std::string>>& scope_breaks() const { return scope_breaks_; }
  const Normalizer& normalizer() const { return *normalizer_; }

  // The pattern (numbered across all rules) that the prefilter's requirement
  // `index` stands for, and the rule that pattern belongs to.
  std::size_t pattern_of_requirement(std::size_t index) const { return requirement_patterns_[index]; }
  std::size_t rule_of_pattern(std::size_t pattern_index) const { return pattern_rules_[pattern_index]; }
  std::size_t rule_of_requirement(std::size_t index) const { return pattern_rules_[requirement_patterns_[index]]; }
  // One pass over the normalized text: which context cues occur.
  const RE2::Set& cue_set() const { return *cue_set_; }
  // Every pattern of every rule (or a rule's raw regex) as its own expression:
  // after the prefilter, only the patterns whose words occur run. Compiled on
  // first use (thread-safe): most patterns never reach a given input, and
  // compiling them all would double the load time.
  std::size_t pattern_count() const { return pattern_regexes_.size(); }
  const RE2& pattern_regex(std::size_t pattern_index) const;
  // The cue set's expressions one by one, to locate the cues it found.
  const RE2& cue_regex(std::size_t cue_index) const;

  const Rule* FindRule(const std::string& id) const;

  // Problems that do not stop the lexicon from working, for `foco lexicon
  // lint`: patterns built only of frequent words, which send a large share of
  // all texts down the slow path.
  struct Warning {
    SourcePosition position;
    std::string message;
  };
  const std::vector<Warning>& warnings() const { return warnings_; }

  // How every rule and cue expression is compiled (byte-wise, see README).
  static RE2::Options RegexOptions();

 private:
  friend class LexiconBuilder;
  Lexicon() = default;

  std::string dir_;
  std::vector<Rule> rules_;
  std::vector<Cue> cues_;
  std::vector<std::vector<std::string>> scope_breaks_;
  std::unique_ptr<Normalizer> normalizer_;
  std::unique_ptr<RE2::Set> cue_set_;
  std::vector<std::size_t> requirement_patterns_;
  std::vector<std::size_t> pattern_rules_;
  struct LazyRegex {
    std::string source;
    mutable std::once_flag compiled;
    mutable std::unique_ptr<RE2> regex;
  };
  static const RE2& Compiled(const LazyRegex& lazy);
  std::vector<std::unique_ptr<LazyRegex>> pattern_regexes_;
  std::vector<std::unique_ptr<LazyRegex>> cue_regexes_;
  std::map<std::string, std::size_t> rule_index_;
  std::vector<Warning> warnings_;
};

// Finds the lexicon folder: `requested` when given, else $FOCO_LEXICONS, else
// the folder shipped beside the binary (../share/foco/lexicons, ../lexicons),
// else the source tree's lexicons/ (for builds run in place).
Result<std::string> LocateLexicons(const std::string& requested, const std::string& executable_path);

}  // namespace foco
