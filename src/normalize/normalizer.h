// From raw UTF-8 text to the normalized words that lexicon patterns match.
//
//   auto normalizer = Normalizer::Create(vocabulary, dictionary);
//   NormalizedText words = (*normalizer)->Normalize("Mi primo lo hace más varatooo");
//   // words.tokens: mi primo lo hace mas barato   ("varatooo": squeezed, then
//   //               typo-corrected; each token knows its byte span in the input)
//
// Steps per word: NFC + case folding, accents folded keeping ñ, stretched
// letters squeezed ("baratooo" → "barato", "lleva" kept), chat spellings
// expanded ("xq" → "porque"), typos near the lexicon's vocabulary corrected when
// the word is unknown to the Hunspell dictionaries ("varato" → "barato"), and the
// lexicon lemmas of the word attached ("pagás" → {pagar}). Words and sentences
// are segmented by ICU. Invalid UTF-8 never fails: it reads as U+FFFD.
//
// Offsets: Token::start/end are UTF-8 byte offsets into the exact string given
// to Normalize, so text.substr(start, end - start) is what the user wrote.
//
// Thread safety: a Normalizer is immutable after Create and may be shared by
// any number of threads. Each thread keeps its own cache of analysed words in
// front of one shared by all threads (sharded, locked).
#pragma once

#include <cstdint>
#include <array>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/status.h"
#include "normalize/dictionary.h"

namespace foco {

// How a word was changed on its way to its normalized form (bit flags).
enum WordChange : std::uint8_t {
  kAccentFolded = 1,  // written without an accent it needs ("pagare" for "pagaré")
  kSqueezed = 2,
  kChatExpanded = 4,
  kTypoCorrected = 8,
};

// What the lexicon needs the normalizer to know. Words here are already
// normalized (lowercase, accents folded, ñ kept).
struct Vocabulary {
  std::unordered_set<std::string> words;   // literal pattern words: typo-correction targets
  std::unordered_set<std::string> lemmas;  // lemmas named by {lemma} slots
  std::unordered_map<std::string, std::vector<std::string>> chat;  // "xq" → {"porque"}
  // The prefilter. A feature is "one of these words / lemmas / prefixes occurs";
  // every required element of a pattern is one feature, and a pattern can only
  // match a text that has all of its features. MightMatch checks exactly that,
  // word by word with no regex, which is what makes scanning fast.
  std::unordered_map<std::string, std::vector<std::uint32_t>> feature_words;
  std::unordered_map<std::string, std::vector<std::uint32_t>> feature_lemmas;
  std::vector<std::pair<std::string, std::uint32_t>> feature_prefixes;
  std::uint32_t feature_count = 0;
  // Any one of these conjunctions of features lets a text through.
  std::vector<std::vector<std::uint32_t>> requirements;
};

// One word's analysis, independent of where it occurs.
struct WordAnalysis {
  std::string lower;               // case-folded NFC, accents kept ("pagaré")
  std::vector<std::string> words;  // normalized word(s); several for some chat forms
  std::vector<std::string> lemmas; // lemmas that the vocabulary uses
  std::string corrected_from;      // the squeezed/folded spelling before typo correction
  std::uint8_t changes = 0;        // WordChange flags
  std::vector<std::uint32_t> features;  // prefilter features (or marks) this word satisfies
};

struct Token {
  std::uint32_t start = 0;  // UTF-8 byte offsets into the normalized input
  std::uint32_t end = 0;
  std::uint32_t sentence = 0;  // index of the sentence holding the token
  std::string word;            // normalized form
  std::string lower;           // case-folded original
  std::vector<std::string> lemmas;
  std::string corrected_from;
  std::uint8_t changes = 0;
};

struct NormalizedText {
  std::vector<Token> tokens;
  std::uint32_t sentence_count = 0;
};

class Normalizer {
 public:
  static Result<std::unique_ptr<Normalizer>> Create(Vocabulary vocabulary,
                                                    std::shared_ptr<const Dictionary> dictionary);
  ~Normalizer();

  NormalizedText Normalize(std::string_view text) const;

  // Cheap test with no false negatives: false means no rule can match `text`.
  // (A vocabulary without requirements lets every text through.)
  bool MightMatch(std::string_view text) const;
  // The indexes (into vocabulary().requirements) of every requirement whose
  // features all occur in `text`, ascending. Empty: no rule can match.
  void SatisfiedRequirements(std::string_view text, std::vector<std::uint32_t>* satisfied) const;

  // The analysis of one word as it would appear in text (cached per thread).
  const WordAnalysis& AnalyzeWord(std::string_view word) const;

  // Normalizes a word written in a lexicon: folding, squeezing and chat forms,
  // but no typo correction (lexicon words define the vocabulary).
  std::vector<std::string> NormalizeLexiconWord(std::string_view word) const;

  const Vocabulary& vocabulary() const { return vocabulary_; }
  const Dictionary& dictionary() const { return *dictionary_; }

 private:
  Normalizer(Vocabulary vocabulary, std::shared_ptr<const Dictionary> dictionary);
  WordAnalysis ComputeWordAnalysis(std::string_view word, bool correct_typos) const;
  std::string Squeeze(const std::string& lower, bool* changed) const;
  std::string CorrectTypo(const std::string& folded) const;
  bool IsKnown(const std::string& lower, const std::string& folded) const;
  bool KnownWithAccent(const std::string& unaccented) const;
  bool CouldBeTypoOfVocabulary(const std::string& folded) const;
  void AddFeatures(WordAnalysis* analysis) const;
  std::vector<std::string> StemsWithoutClitics(const std::string& folded) const;

  Vocabulary vocabulary_;
  std::shared_ptr<const Dictionary> dictionary_;
  // Typo index: for each vocabulary word, its one-deletion variants and its
  // Spanish phonetic key ("barato" and "varato" share "barato").
  std::unordered_map<std::string, std::vector<std::string>> deletion_index_;
  std::unordered_map<std::string, std::vector<std::string>> phonetic_index_;
  // vocabulary_.requirements as one flat array, grouped by first feature
  // (or mark): see the constructor.
  static constexpr std::uint32_t kHasMarks = 0x80000000;
  std::vector<std::uint32_t> first_feature_offsets_, requirements_by_first_;
  // For each mark, the first features of requirements that hold its word.
  std::vector<std::uint32_t> mark_first_feature_offsets_, mark_first_features_;
  // Marks of frequent words and lemmas: in a word's analysis, prefilter slots
  // numbered after the features; here, numbered from 0: for each feature the
  // marks that make it present.
  std::unordered_map<std::string, std::uint32_t> word_marks_, lemma_marks_;
  std::uint32_t mark_count_ = 0;
  std::vector<std::uint32_t> feature_mark_offsets_, feature_marks_;
  // Features with many marks keep them as a bit set of mark_words_ words.
  static constexpr std::uint32_t kNoBitmap = 0xFFFFFFFF;
  std::uint32_t mark_words_ = 0;
  std::vector<std::uint32_t> feature_mark_bitmap_;
  std::vector<std::uint64_t> feature_mark_bitmaps_;
  static constexpr std::size_t kSharedShards = 64;
  struct SharedShard {
    std::mutex mutex;
    std::unordered_map<std::string, WordAnalysis> entries;
  };
  mutable std::array<SharedShard, kSharedShards> shared_cache_;
  std::unordered_set<std::string> typo_key_prefixes_;
  std::uint64_t instance_id_;
};

// Spanish phonetic key used for typo tolerance (b/v, c/s/z, ll/y, silent h…).
std::string SpanishPhoneticKey(std::string_view folded_word);

}  // namespace foco
