#include "normalize/normalizer.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <deque>

#include "normalize/fold.h"

namespace foco {
namespace {

// Thread caches are flushed past this many distinct words, which bounds memory
// on endless streams while keeping the hit rate of ordinary prose near 100%.
constexpr std::size_t kMaxCachedWords = 400000;
// Words in at least this many prefilter features get a mark (see the
// Normalizer constructor); at most this many marks.
constexpr std::size_t kMinFeaturesForMark = 4;
constexpr std::size_t kMaxMarks = 1024;
constexpr std::size_t kMaxListedMarks = 8;
// Typo correction: words shorter than this are never corrected (too ambiguous).
constexpr std::size_t kMinTypoLengthPhonetic = 4;
constexpr std::size_t kMinTypoLengthEdit = 5;
// A typo is looked for only when the word's phonetic key shares its first
// letters with a vocabulary word's: most unknown words (names, foreign words)
// are then dismissed with one set lookup.
constexpr std::size_t kTypoKeyAffix = 3;
// Longer tokens (URLs, identifiers) get no dictionary analysis.
constexpr std::size_t kMaxDictionaryWordBytes = 32;

std::atomic<std::uint64_t> next_instance_id{1};

constexpr std::array<bool, 128> MakeAsciiWordBytes() {
  std::array<bool, 128> table{};
  for (int c = 0; c < 128; ++c) {
    table[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  return table;
}
constexpr std::array<bool, 128> kAsciiWordByte = MakeAsciiWordBytes();

struct CodePoint {
  UChar32 value;
  std::string bytes;
};

std::vector<CodePoint> DecodeUtf8(std::string_view text) {
  std::vector<CodePoint> out;
  const auto* data = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(data, i, length, c);
    out.push_back({c, std::string(text.substr(start, i - start))});
  }
  return out;
}

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
std::size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

std::vector<std::string> SingleDeletions(const std::string& word) {
  std::vector<std::string> out;
  out.reserve(word.size());
  for (std::size_t i = 0; i < word.size(); ++i) {
    out.push_back(word.substr(0, i) + word.substr(i + 1));
  }
  return out;
}

std::size_t CodePointCount(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

// The vowel spellings a writer may have typed without their accent.
const char* const kAccentedVowels[][2] = {
    {"a", "á"}, {"e", "é"}, {"i", "í"}, {"o", "ó"}, {"u", "ú"}};

// Per-thread memo of word analyses, keyed by the word's raw bytes. Open
// addressing over a flat array of 16-byte slots: this lookup runs once per
// word of every scanned text, so a slot holds what the prefilter needs and the
// table stays small enough for the processor's cache: the first 8 bytes of
// the word (most words are no longer) and, for a word with a single prefilter
// feature, that feature. What only a cache miss needs lives beside it.
class WordCache {
 public:
  const WordAnalysis* Find(std::string_view word, std::uint64_t hash) const {
    std::size_t slot = FindSlot(word, hash);
    return slot == kNotFound ? nullptr : &analyses_[analysis_of_slot_[slot]];
  }

  // The prefilter features of a cached word, without touching its analysis:
  // false when the word is not cached yet.
  bool FindFeatures(std::string_view word, std::uint64_t hash, const std::uint32_t** begin,
                    std::uint32_t* count) const {
    std::size_t found = FindSlot(word, hash);
    if (found == kNotFound) return false;
    const Slot& slot = slots_[found];
    *count = slot.feature_count;
    *begin = slot.feature_count == 1 ? &slot.feature_or_offset : feature_pool_.data() + slot.feature_or_offset;
    return true;
  }

  const WordAnalysis& Insert(std::string_view word, std::uint64_t hash, WordAnalysis analysis) {
    if ((analyses_.size() + 1) * kMaxLoadDenominator > slots_.size() * kMaxLoadNumerator) Grow();
    Slot slot{};
    slot.head = Head(word);
    slot.key_length = static_cast<std::uint16_t>(std::min<std::size_t>(word.size(), kMaxKeyBytes));
    slot.feature_count = static_cast<std::uint16_t>(analysis.features.size());
    if (analysis.features.size() == 1) {
      slot.feature_or_offset = analysis.features.front();
    } else {
      slot.feature_or_offset = static_cast<std::uint32_t>(feature_pool_.size());
      feature_pool_.insert(feature_pool_.end(), analysis.features.begin(), analysis.features.end());
    }
    Entry entry{static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(analyses_.size())};
    analyses_.push_back(std::move(analysis));
    arena_.append(word.data(), slot.key_length);
    Place(hash, slot, entry);
    return analyses_.back();
  }

  void Reset(std::uint64_t owner) {
    owner_ = owner;
    analyses_.clear();
    arena_.clear();
    feature_pool_.clear();
    slots_.clear();
    key_of_slot_.clear();
    analysis_of_slot_.clear();
    mask_ = 0;
  }
  std::uint64_t owner() const { return owner_; }
  std::size_t size() const { return analyses_.size(); }

  // Eight bytes at a time: words are short and this runs per word scanned.
  static std::uint64_t Hash(std::string_view word) {
    const char* data = word.data();
    std::size_t length = word.size();
    std::uint64_t hash = (length + 1) * 0x9E3779B97F4A7C15ULL;
    while (length >= 8) {
      std::uint64_t chunk;
      std::memcpy(&chunk, data, 8);
      hash = (hash ^ chunk) * 0xFF51AFD7ED558CCDULL;
      hash ^= hash >> 32;
      data += 8;
      length -= 8;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, data, length);
    hash = (hash ^ tail) * 0xC4CEB9FE1A85EC53ULL;
    return hash ^ (hash >> 29);
  }

 private:
  static constexpr std::size_t kNotFound = ~std::size_t{0};
  static constexpr std::size_t kMaxKeyBytes = 0xFFFF;
  static constexpr std::size_t kMaxLoadNumerator = 3, kMaxLoadDenominator = 5;
  struct Slot {
    std::uint64_t head;  // the word's first 8 bytes, zero-padded
    std::uint32_t feature_or_offset;  // the feature itself when there is one, else an offset into feature_pool_
    std::uint16_t feature_count;
    std::uint16_t key_length;  // 0: empty
  };
  static_assert(sizeof(Slot) == 16);
  struct Entry {
    std::uint32_t key_offset;  // the whole word, in arena_
    std::uint32_t analysis;    // index into analyses_
  };

  static std::uint64_t Head(std::string_view word) {
    std::uint64_t head = 0;
    std::memcpy(&head, word.data(), std::min<std::size_t>(word.size(), 8));
    return head;
  }

  std::size_t FindSlot(std::string_view word, std::uint64_t hash) const {
    if (slots_.empty() || word.size() > kMaxKeyBytes) return kNotFound;
    std::uint64_t head = Head(word);
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.key_length == 0) return kNotFound;
      if (slot.head == head && slot.key_length == word.size() &&
          (word.size() <= 8 || std::memcmp(arena_.data() + key_of_slot_[i] + 8, word.data() + 8, word.size() - 8) == 0)) {
        return i;
      }
    }
  }

  void Place(std::uint64_t hash, const Slot& slot, Entry entry) {
    std::size_t i = hash & mask_;
    while (slots_[i].key_length != 0) i = (i + 1) & mask_;
    slots_[i] = slot;
    key_of_slot_[i] = entry.key_offset;
    analysis_of_slot_[i] = entry.analysis;
  }

  void Grow() {
    std::vector<Slot> old_slots = std::move(slots_);
    std::vector<std::uint32_t> old_keys = std::move(key_of_slot_);
    std::vector<std::uint32_t> old_analyses = std::move(analysis_of_slot_);
    std::size_t size = old_slots.empty() ? 1024 : old_slots.size() * 2;
    slots_.assign(size, Slot{});
    key_of_slot_.assign(size, 0);
    analysis_of_slot_.assign(size, 0);
    mask_ = size - 1;
    for (std::size_t i = 0; i < old_slots.size(); ++i) {
      if (old_slots[i].key_length == 0) continue;
      std::string_view key(arena_.data() + old_keys[i], old_slots[i].key_length);
      Place(Hash(key), old_slots[i], Entry{old_keys[i], old_analyses[i]});
    }
  }

  std::uint64_t owner_ = 0;
  std::deque<WordAnalysis> analyses_;  // deque: references stay valid as it grows
  std::vector<std::uint32_t> feature_pool_;
  std::string arena_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> key_of_slot_, analysis_of_slot_;
  std::size_t mask_ = 0;
};

WordCache& ThreadWordCache() {
  thread_local WordCache cache;
  return cache;
}

icu::BreakIterator* ThreadBreakIterator(bool sentences) {
  thread_local std::unique_ptr<icu::BreakIterator> word_iterator;
  thread_local std::unique_ptr<icu::BreakIterator> sentence_iterator;
  std::unique_ptr<icu::BreakIterator>& slot = sentences ? sentence_iterator : word_iterator;
  if (!slot) {
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale spanish("es");
    slot.reset(sentences ? icu::BreakIterator::createSentenceInstance(spanish, status)
                         : icu::BreakIterator::createWordInstance(spanish, status));
  }
  return slot.get();
}

// Sentence starts (byte offsets). A single line break does not end a sentence
// by itself: mail is hard-wrapped and chat users break lines mid-phrase, while
// sentence punctuation still ends one. A blank line (paragraph) always does.
std::vector<int32_t> SentenceStarts(std::string_view text) {
  std::string unwrapped(text);
  for (std::size_t i = 0; i < unwrapped.size(); ++i) {
    if (unwrapped[i] != '\n') continue;
    bool previous_break = i > 0 && (unwrapped[i - 1] == '\n' || (unwrapped[i - 1] == '\r' && i > 1 && unwrapped[i - 2] == '\n'));
    bool next_break = i + 1 < unwrapped.size() && (unwrapped[i + 1] == '\n' || unwrapped[i + 1] == '\r');
    std::size_t before = i;
    while (before > 0 && (unwrapped[before - 1] == ' ' || unwrapped[before - 1] == '\r')) --before;
    bool after_punctuation = before > 0 && (unwrapped[before - 1] == '.' || unwrapped[before - 1] == '!' ||
                                            unwrapped[before - 1] == '?' ||
                                            (before >= 3 && unwrapped.compare(before - 3, 3, "\u2026") == 0));
    if (previous_break || next_break || after_punctuation) continue;
    unwrapped[i] = ' ';
    if (i > 0 && unwrapped[i - 1] == '\r') unwrapped[i - 1] = ' ';
  }
  std::vector<int32_t> starts;
  UErrorCode status = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, unwrapped.data(), static_cast<int64_t>(unwrapped.size()), &status);
  icu::BreakIterator* iterator = ThreadBreakIterator(true);
  if (U_FAILURE(status) || iterator == nullptr) {
    utext_close(utext);
    return {0};
  }
  iterator->setText(utext, status);
  for (int32_t boundary = iterator->first(); boundary != icu::BreakIterator::DONE; boundary = iterator->next()) {
    starts.push_back(boundary);
  }
  utext_close(utext);
  if (starts.empty()) starts.push_back(0);
  return starts;
}

}  // namespace

std::string SpanishPhoneticKey(std::string_view word) {
  std::string key;
  // Doubled letters sound single, except rr ("caro" ≠ "carro").
  auto emit = [&key](char c) {
    if (key.empty() || key.back() != c || c == 'r') key.push_back(c);
  };
  auto at = [&word](std::size_t i) -> char { return i < word.size() ? word[i] : '\0'; };
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    char next = at(i + 1);
    switch (c) {
      case 'h': break;  // silent, except in "ch", handled at 'c'
      case 'v': case 'w': emit('b'); break;
      case 'z': emit('s'); break;
      case 'c':
        if (next == 'e' || next == 'i') emit('s');
        else if (next == 'h') { emit('C'); ++i; }
        else emit('k');
        break;
      case 'q':
        emit('k');
        if (next == 'u') ++i;
        break;
      case 'g':
        if (next == 'e' || next == 'i') emit('j');
        else if (next == 'u' && (at(i + 2) == 'e' || at(i + 2) == 'i')) { emit('g'); ++i; }
        else emit('g');
        break;
      case 'l':
        if (next == 'l') { emit('y'); ++i; } else emit('l');
        break;
      case 'y': emit(i + 1 == word.size() ? 'i' : 'y'); break;
      default: emit(c);
    }
  }
  return key;
}

Result<std::unique_ptr<Normalizer>> Normalizer::Create(Vocabulary vocabulary,
                                                       std::shared_ptr<const Dictionary> dictionary) {
  if (!dictionary) return Status(ErrorCode::kInvalidArgument, "Normalizer needs a dictionary");
  return std::unique_ptr<Normalizer>(new Normalizer(std::move(vocabulary), std::move(dictionary)));
}

Normalizer::Normalizer(Vocabulary vocabulary, std::shared_ptr<const Dictionary> dictionary)
    : vocabulary_(std::move(vocabulary)), dictionary_(std::move(dictionary)),
      instance_id_(next_instance_id.fetch_add(1)) {
  // Words and lemmas that belong to many features ("la", "que", {ser}) get a
  // mark of their own instead of setting dozens of feature bits per
  // occurrence; a feature counts as present when its own bit or the mark of
  // one of its frequent words is set.
  struct Candidate {
    std::size_t feature_count;
    bool is_lemma;
    const std::string* key;
    const std::vector<std::uint32_t>* features;
  };
  std::vector<Candidate> candidates;
  for (const auto& [word, features] : vocabulary_.feature_words) {
    if (features.size() >= kMinFeaturesForMark) candidates.push_back({features.size(), false, &word, &features});
  }
  for (const auto& [lemma, features] : vocabulary_.feature_lemmas) {
    if (features.size() >= kMinFeaturesForMark) candidates.push_back({features.size(), true, &lemma, &features});
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.feature_count != b.feature_count) return a.feature_count > b.feature_count;
    if (a.is_lemma != b.is_lemma) return a.is_lemma;  // lemmas first, as "l:" sorts before "w:"
    return *a.key < *b.key;
  });
  if (candidates.size() > kMaxMarks) candidates.resize(kMaxMarks);
  std::vector<std::vector<std::uint32_t>> marks_of_feature(vocabulary_.feature_count);
  for (const Candidate& candidate : candidates) {
    std::uint32_t mark = mark_count_++;
    (candidate.is_lemma ? lemma_marks_ : word_marks_)[*candidate.key] = vocabulary_.feature_count + mark;
    for (std::uint32_t feature : *candidate.features) marks_of_feature[feature].push_back(mark);
  }
  mark_words_ = (mark_count_ + 63) / 64;
  feature_mark_offsets_.push_back(0);
  for (std::vector<std::uint32_t>& marks : marks_of_feature) {
    std::sort(marks.begin(), marks.end());
    marks.erase(std::unique(marks.begin(), marks.end()), marks.end());
    feature_marks_.insert(feature_marks_.end(), marks.begin(), marks.end());
    feature_mark_offsets_.push_back(static_cast<std::uint32_t>(feature_marks_.size()));
    // A feature of many frequent words ("(es|son|sera|fue|…)") tests its
    // marks as a bit set against the text's, a few words at once.
    if (marks.size() <= kMaxListedMarks) {
      feature_mark_bitmap_.push_back(kNoBitmap);
      continue;
    }
    feature_mark_bitmap_.push_back(static_cast<std::uint32_t>(feature_mark_bitmaps_.size() / mark_words_));
    std::size_t base = feature_mark_bitmaps_.size();
    feature_mark_bitmaps_.resize(base + mark_words_, 0);
    for (std::uint32_t mark : marks) feature_mark_bitmaps_[base + mark / 64] |= std::uint64_t{1} << (mark % 64);
  }
  // Flat arrays: the prefilter walks them for every text. A requirement is
  // found from its first (rarest) feature, which a mark sets when one of the
  // feature's frequent words occurs.
  std::vector<std::vector<std::uint32_t>> by_first(vocabulary_.feature_count);
  std::vector<std::vector<std::uint32_t>> first_features_of_mark(mark_count_);
  for (std::size_t i = 0; i < vocabulary_.requirements.size(); ++i) {
    const std::vector<std::uint32_t>& conjunction = vocabulary_.requirements[i];
    if (conjunction.empty()) continue;
    std::vector<std::uint32_t>& requirements = by_first[conjunction.front()];
    if (requirements.empty()) {
      for (std::uint32_t mark : marks_of_feature[conjunction.front()]) {
        first_features_of_mark[mark].push_back(conjunction.front());
      }
    }
    requirements.push_back(static_cast<std::uint32_t>(i));
  }
  mark_first_feature_offsets_.push_back(0);
  for (const std::vector<std::uint32_t>& features : first_features_of_mark) {
    mark_first_features_.insert(mark_first_features_.end(), features.begin(), features.end());
    mark_first_feature_offsets_.push_back(static_cast<std::uint32_t>(mark_first_features_.size()));
  }
  // Each slot's requirements lie in one run, each written as its index, the
  // count of its other features and those features (flagged when they have
  // marks), so the prefilter reads them front to back.
  first_feature_offsets_.push_back(0);
  for (const std::vector<std::uint32_t>& requirements : by_first) {
    for (std::uint32_t requirement : requirements) {
      const std::vector<std::uint32_t>& conjunction = vocabulary_.requirements[requirement];
      requirements_by_first_.push_back(requirement);
      requirements_by_first_.push_back(static_cast<std::uint32_t>(conjunction.size() - 1));
      for (std::size_t k = 1; k < conjunction.size(); ++k) {
        std::uint32_t feature = conjunction[k];
        bool has_marks = feature_mark_offsets_[feature + 1] > feature_mark_offsets_[feature];
        requirements_by_first_.push_back(feature | (has_marks ? kHasMarks : 0));
      }
    }
    first_feature_offsets_.push_back(static_cast<std::uint32_t>(requirements_by_first_.size()));
  }
  auto add_affixes = [this](const std::string& word) {
    std::string key = SpanishPhoneticKey(word);
    if (key.size() < kTypoKeyAffix) return;
    typo_key_prefixes_.insert(key.substr(0, kTypoKeyAffix));
  };
  for (const std::string& lemma : vocabulary_.lemmas) add_affixes(lemma);
  for (const std::string& word : vocabulary_.words) {
    add_affixes(word);
    if (CodePointCount(word) < kMinTypoLengthPhonetic) continue;
    phonetic_index_[SpanishPhoneticKey(word)].push_back(word);
    if (CodePointCount(word) < kMinTypoLengthEdit - 1) continue;
    deletion_index_[word].push_back(word);
    for (std::string& deletion : SingleDeletions(word)) deletion_index_[deletion].push_back(word);
  }
}

Normalizer::~Normalizer() = default;

bool Normalizer::IsKnown(const std::string& lower, const std::string& folded) const {
  return vocabulary_.words.count(folded) > 0 || dictionary_->IsWord(lower);
}

// "alli", "aca": a word the dictionary knows only with an accent on one vowel.
bool Normalizer::KnownWithAccent(const std::string& unaccented) const {
  std::vector<CodePoint> chars = DecodeUtf8(unaccented);
  for (std::size_t i = 0; i < chars.size(); ++i) {
    for (const auto& vowel : kAccentedVowels) {
      if (chars[i].bytes != vowel[0]) continue;
      std::string accented;
      for (std::size_t k = 0; k < chars.size(); ++k) accented += k == i ? vowel[1] : chars[k].bytes;
      if (dictionary_->IsWord(accented)) return true;
    }
  }
  return false;
}

std::string Normalizer::Squeeze(const std::string& lower, bool* changed) const {
  *changed = false;
  std::vector<CodePoint> chars = DecodeUtf8(lower);
  struct Run { std::size_t begin, length; };
  std::vector<Run> runs;
  bool has_long_run = false;
  for (std::size_t i = 0; i < chars.size();) {
    std::size_t j = i + 1;
    while (j < chars.size() && chars[j].value == chars[i].value) ++j;
    if (j - i >= 2 && u_isalpha(chars[i].value)) {
      runs.push_back({i, j - i});
      has_long_run |= j - i >= 3;
    }
    i = j;
  }
  if (runs.empty()) return lower;
  if (!has_long_run && (IsKnown(lower, FoldAccents(lower)) || KnownWithAccent(lower))) return lower;

  constexpr std::size_t kMaxRuns = 4;
  std::size_t considered = std::min(runs.size(), kMaxRuns);
  auto build = [&](std::size_t choice_bits, bool keep_doubles_only_choice) {
    std::string out;
    std::size_t run_index = 0;
    for (std::size_t i = 0; i < chars.size();) {
      if (run_index < runs.size() && runs[run_index].begin == i) {
        const Run& run = runs[run_index];
        std::size_t keep;
        if (keep_doubles_only_choice) keep = run.length >= 3 ? 1 : 2;
        else if (run_index < considered) keep = (choice_bits >> run_index) & 1 ? 1 : 2;
        else keep = std::min<std::size_t>(run.length, 2);
        for (std::size_t k = 0; k < keep; ++k) out += chars[i].bytes;
        i += run.length;
        ++run_index;
      } else {
        out += chars[i].bytes;
        ++i;
      }
    }
    return out;
  };
  // Candidates in order of preference: keep doubles before single letters.
  for (std::size_t bits = 0; bits < (std::size_t{1} << considered); ++bits) {
    std::string candidate = build(bits, false);
    if (candidate == lower) continue;
    if (IsKnown(candidate, FoldAccents(candidate))) {
      *changed = true;
      return candidate;
    }
  }
  std::string fallback = build(0, true);
  *changed = fallback != lower;
  return fallback;
}

// Respellings that sound the same in most Spanish accents: "funsiona" →
// "funciona", "varato" → "barato", "ablar" → "hablar".
std::vector<std::string> SoundAlikeRespellings(const std::string& word) {
  static const std::pair<const char*, const char*> kConfusions[] = {
      {"s", "c"}, {"c", "s"}, {"s", "z"}, {"z", "s"}, {"c", "z"}, {"z", "c"}, {"b", "v"}, {"v", "b"},
      {"y", "ll"}, {"ll", "y"}, {"j", "g"}, {"g", "j"}, {"k", "qu"}, {"qu", "k"}, {"k", "c"}};
  std::vector<std::string> out;
  for (const auto& [from, to] : kConfusions) {
    std::size_t from_length = std::strlen(from);
    for (std::size_t at = word.find(from); at != std::string::npos; at = word.find(from, at + 1)) {
      out.push_back(word.substr(0, at) + to + word.substr(at + from_length));
    }
  }
  out.push_back("h" + word);
  if (!word.empty() && word[0] == 'h') out.push_back(word.substr(1));
  return out;
}

std::string Normalizer::CorrectTypo(const std::string& folded) const {
  std::size_t length = CodePointCount(folded);
  if (length < kMinTypoLengthPhonetic) return "";
  // A sound-alike respelling that the dictionary knows and the lexicon uses
  // (as a word or through one of its lemmas).
  std::string respelled_choice;
  int relevant = 0;
  for (const std::string& respelled : SoundAlikeRespellings(folded)) {
    if (!dictionary_->IsWord(respelled)) continue;
    bool useful = vocabulary_.words.count(respelled) > 0;
    for (const std::string& stem : dictionary_->Stems(respelled)) {
      if (vocabulary_.lemmas.count(FoldAccents(stem))) useful = true;
    }
    if (useful && respelled != respelled_choice) {
      respelled_choice = respelled;
      ++relevant;
    }
  }
  if (relevant == 1) return respelled_choice;
  auto best_of = [&folded](const std::vector<std::string>& candidates) -> std::string {
    std::string best;
    std::size_t best_distance = SIZE_MAX;
    bool tie = false;
    for (const std::string& candidate : candidates) {
      if (candidate == folded) continue;
      std::size_t distance = EditDistance(folded, candidate);
      if (distance < best_distance) {
        best = candidate;
        best_distance = distance;
        tie = false;
      } else if (distance == best_distance && candidate != best) {
        tie = true;
      }
    }
    return tie ? "" : best;
  };
  auto phonetic = phonetic_index_.find(SpanishPhoneticKey(folded));
  if (phonetic != phonetic_index_.end()) {
    std::string best = best_of(phonetic->second);
    if (!best.empty() && EditDistance(folded, best) <= 2) return best;
  }
  if (length < kMinTypoLengthEdit) return "";
  std::vector<std::string> candidates;
  auto collect = [&](const std::string& key) {
    auto found = deletion_index_.find(key);
    if (found == deletion_index_.end()) return;
    for (const std::string& word : found->second) {
      if (EditDistance(folded, word) == 1) candidates.push_back(word);
    }
  };
  collect(folded);
  for (const std::string& deletion : SingleDeletions(folded)) collect(deletion);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  return candidates.size() == 1 ? candidates.front() : "";
}

bool Normalizer::CouldBeTypoOfVocabulary(const std::string& folded) const {
  std::string key = SpanishPhoneticKey(folded);
  if (key.size() < kTypoKeyAffix) return false;
  return typo_key_prefixes_.count(key.substr(0, kTypoKeyAffix)) > 0;
}

WordAnalysis Normalizer::ComputeWordAnalysis(std::string_view word, bool correct_typos) const {
  WordAnalysis analysis;
  analysis.lower = FoldCase(word);
  // Numbers, codes and very long tokens are never spelled-out lexicon words:
  // skip the dictionary work (the costly part of a new word) for them.
  bool has_digit = std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (has_digit || word.size() > kMaxDictionaryWordBytes) {
    analysis.words.push_back(FoldAccents(analysis.lower));
    AddFeatures(&analysis);
    return analysis;
  }
  bool squeezed = false;
  std::string spelled = Squeeze(analysis.lower, &squeezed);
  if (squeezed) analysis.changes |= kSqueezed;
  std::string folded = FoldAccents(spelled);

  auto chat = vocabulary_.chat.find(folded);
  if (chat != vocabulary_.chat.end()) {
    analysis.words = chat->second;
    analysis.changes |= kChatExpanded;
  } else {
    if (correct_typos && !IsKnown(spelled, folded) && CouldBeTypoOfVocabulary(folded)) {
      bool known_with_accent = KnownWithAccent(spelled);
      // A word the dictionary knows only with an accent was written without it.
      if (known_with_accent) analysis.changes |= kAccentFolded;
      std::string corrected = known_with_accent ? "" : CorrectTypo(folded);
      if (!corrected.empty()) {
        analysis.corrected_from = folded;
        folded = corrected;
        spelled = corrected;
        analysis.changes |= kTypoCorrected;
      }
    }
    analysis.words.push_back(folded);
  }

  if (!vocabulary_.lemmas.empty() && analysis.words.size() == 1) {
    const std::string& normalized = analysis.words.front();
    if (vocabulary_.lemmas.count(normalized)) analysis.lemmas.push_back(normalized);
    std::vector<std::string> stems = dictionary_->Stems(spelled);
    if (stems.empty()) stems = StemsWithoutClitics(normalized);
    for (const std::string& stem : stems) {
      std::string lemma = FoldAccents(stem);
      if (vocabulary_.lemmas.count(lemma) &&
          std::find(analysis.lemmas.begin(), analysis.lemmas.end(), lemma) == analysis.lemmas.end()) {
        analysis.lemmas.push_back(lemma);
      }
    }
  }

  AddFeatures(&analysis);
  return analysis;
}

// Verb forms with attached pronouns ("bájamelo", "cobrándome", "dejanoslo")
// are missing from the dictionary: stems of the verb once one or two
// pronouns are taken off the end.
std::vector<std::string> Normalizer::StemsWithoutClitics(const std::string& folded) const {
  static const char* const kClitics[] = {"me", "te", "se", "nos", "os", "lo", "la", "los", "las", "le", "les"};
  constexpr std::size_t kMinVerbBytes = 3;
  auto strip = [](const std::string& word, std::vector<std::string>* out) {
    for (const char* clitic : kClitics) {
      std::size_t length = std::strlen(clitic);
      if (word.size() >= length + kMinVerbBytes && word.compare(word.size() - length, length, clitic) == 0) {
        out->push_back(word.substr(0, word.size() - length));
      }
    }
  };
  std::vector<std::string> once, twice;
  strip(folded, &once);
  for (const std::string& remainder : once) strip(remainder, &twice);
  // All readings: "hacemelo" is "hace" + "me" + "lo", but the dictionary
  // also knows an odd "haceme".
  std::vector<std::string> stems;
  for (const std::vector<std::string>* candidates : {&once, &twice}) {
    for (const std::string& verb : *candidates) {
      for (std::string& stem : dictionary_->Stems(verb)) stems.push_back(std::move(stem));
    }
  }
  return stems;
}

void Normalizer::AddFeatures(WordAnalysis* analysis) const {
  auto add = [analysis](const auto& marks, const auto& features, const std::string& key) {
    auto mark = marks.find(key);
    if (mark != marks.end()) {
      analysis->features.push_back(mark->second);
      return;
    }
    auto found = features.find(key);
    if (found != features.end()) analysis->features.insert(analysis->features.end(), found->second.begin(), found->second.end());
  };
  for (const std::string& normalized : analysis->words) {
    add(word_marks_, vocabulary_.feature_words, normalized);
    for (const auto& [prefix, feature] : vocabulary_.feature_prefixes) {
      if (StartsWith(normalized, prefix)) analysis->features.push_back(feature);
    }
  }
  for (const std::string& lemma : analysis->lemmas) add(lemma_marks_, vocabulary_.feature_lemmas, lemma);
}

const WordAnalysis& Normalizer::AnalyzeWord(std::string_view word) const {
  WordCache& cache = ThreadWordCache();
  if (cache.owner() != instance_id_ || cache.size() >= kMaxCachedWords) cache.Reset(instance_id_);
  std::uint64_t hash = WordCache::Hash(word);
  if (const WordAnalysis* found = cache.Find(word, hash)) return *found;
  // A word another thread has already analysed is copied from the shared
  // cache: first sight of a word is what costs, so threads share it.
  SharedShard& shard = shared_cache_[hash % kSharedShards];
  {
    std::lock_guard<std::mutex> lock(shard.mutex);
    auto found = shard.entries.find(std::string(word));
    if (found != shard.entries.end()) return cache.Insert(word, hash, found->second);
  }
  WordAnalysis analysis = ComputeWordAnalysis(word, true);
  {
    std::lock_guard<std::mutex> lock(shard.mutex);
    if (shard.entries.size() < kMaxCachedWords / kSharedShards) shard.entries.emplace(std::string(word), analysis);
  }
  return cache.Insert(word, hash, std::move(analysis));
}

std::vector<std::string> Normalizer::NormalizeLexiconWord(std::string_view word) const {
  return ComputeWordAnalysis(word, false).words;
}

bool Normalizer::MightMatch(std::string_view text) const {
  std::vector<std::uint32_t> satisfied;
  SatisfiedRequirements(text, &satisfied);
  return !satisfied.empty();
}

void Normalizer::SatisfiedRequirements(std::string_view text, std::vector<std::uint32_t>* satisfied) const {
  satisfied->clear();
  if (vocabulary_.requirements.empty()) return;
  // The features present in `text`: a bit set, plus the list of set bits so
  // that clearing and walking them costs what the text has, not what the
  // lexicon has.
  thread_local std::vector<std::uint64_t> present;
  thread_local std::vector<std::uint64_t> checked;  // features whose marks were looked at
  thread_local std::vector<std::uint64_t> present_marks;
  thread_local std::vector<std::uint32_t> touched;  // features, and marks numbered after them
  std::size_t feature_words = (vocabulary_.feature_count + 63) / 64;
  present.resize(feature_words, 0);
  checked.resize(feature_words, 0);
  present_marks.resize(mark_words_, 0);
  touched.clear();
  auto is_set = [](const std::vector<std::uint64_t>& bits, std::uint32_t slot) {
    return (bits[slot / 64] >> (slot % 64) & 1) != 0;
  };
  auto set = [](std::vector<std::uint64_t>& bits, std::uint32_t slot) { bits[slot / 64] |= std::uint64_t{1} << (slot % 64); };
  // A feature is present when its own bit is set or one of its frequent
  // words' marks is; the answer is kept for the rest of the text, as many
  // requirements share features such as {ser} or "(mas|menos)".
  auto feature_present = [&](std::uint32_t feature) {
    if (is_set(present, feature)) return true;
    if (is_set(checked, feature)) return false;
    set(checked, feature);
    touched.push_back(feature);
    bool found = false;
    std::uint32_t bitmap = feature_mark_bitmap_[feature];
    if (bitmap != kNoBitmap) {
      const std::uint64_t* marks = feature_mark_bitmaps_.data() + std::size_t{bitmap} * mark_words_;
      for (std::uint32_t w = 0; !found && w < mark_words_; ++w) found = (marks[w] & present_marks[w]) != 0;
    } else {
      for (std::uint32_t k = feature_mark_offsets_[feature]; !found && k < feature_mark_offsets_[feature + 1]; ++k) {
        found = is_set(present_marks, feature_marks_[k]);
      }
    }
    if (found) set(present, feature);
    return found;
  };
  // Only conjunctions whose first (rarest) feature is present can hold.
  auto collect = [&]() {
    for (std::size_t i = 0, first_count = touched.size(); i < first_count; ++i) {
      std::uint32_t first = touched[i];
      if (first >= vocabulary_.feature_count) continue;
      const std::uint32_t* entry = requirements_by_first_.data() + first_feature_offsets_[first];
      const std::uint32_t* end = requirements_by_first_.data() + first_feature_offsets_[first + 1];
      while (entry != end) {
        std::uint32_t requirement = entry[0];
        const std::uint32_t* rest = entry + 2;
        entry = rest + entry[1];
        bool all = true;
        for (; all && rest != entry; ++rest) {
          std::uint32_t feature = *rest & ~kHasMarks;
          all = is_set(present, feature) || ((*rest & kHasMarks) != 0 && feature_present(feature));
        }
        if (all) satisfied->push_back(requirement);
      }
    }
    for (std::uint32_t slot : touched) {
      if (slot >= vocabulary_.feature_count) {
        present_marks[(slot - vocabulary_.feature_count) / 64] = 0;
      } else {
        present[slot / 64] = 0;
        checked[slot / 64] = 0;
      }
    }
    std::sort(satisfied->begin(), satisfied->end());
    satisfied->erase(std::unique(satisfied->begin(), satisfied->end()), satisfied->end());
  };
  const auto* data = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  WordCache& cache = ThreadWordCache();
  // A present feature's requirements are read once the whole text is
  // scanned: ask for their memory now, so the wait overlaps the scan.
  auto touch = [&](std::uint32_t feature) {
    set(present, feature);
    touched.push_back(feature);
    __builtin_prefetch(requirements_by_first_.data() + first_feature_offsets_[feature]);
  };
  auto add_word = [&](int32_t begin, int32_t end) {
    std::string_view word = text.substr(begin, end - begin);
    const std::uint32_t* features = nullptr;
    std::uint32_t count = 0;
    if (cache.owner() != instance_id_ || !cache.FindFeatures(word, WordCache::Hash(word), &features, &count)) {
      const WordAnalysis& analysis = AnalyzeWord(word);
      features = analysis.features.data();
      count = static_cast<std::uint32_t>(analysis.features.size());
    }
    for (std::uint32_t k = 0; k < count; ++k) {
      std::uint32_t slot = features[k];
      if (slot < vocabulary_.feature_count) {
        if (!is_set(present, slot)) touch(slot);
        continue;
      }
      std::uint32_t mark = slot - vocabulary_.feature_count;
      if (is_set(present_marks, mark)) continue;
      set(present_marks, mark);
      touched.push_back(slot);
      for (std::uint32_t m = mark_first_feature_offsets_[mark]; m < mark_first_feature_offsets_[mark + 1]; ++m) {
        if (!is_set(present, mark_first_features_[m])) touch(mark_first_features_[m]);
      }
    }
  };
  // Word characters: ASCII letters and digits, the Latin-1 letters (C3 xx but
  // × and ÷), ª º, and anything else ICU calls alphanumeric or a mark.
  int32_t word_start = -1;
  for (int32_t i = 0; i < length;) {
    uint8_t byte = data[i];
    bool in_word;
    int32_t next = i + 1;
    if (byte < 0x80) {
      in_word = kAsciiWordByte[byte];
    } else if (byte == 0xC3 && i + 1 < length) {
      in_word = data[i + 1] != 0x97 && data[i + 1] != 0xB7;
      next = i + 2;
    } else if (byte == 0xC2 && i + 1 < length) {
      in_word = data[i + 1] == 0xAA || data[i + 1] == 0xBA;
      next = i + 2;
    } else {
      UChar32 c;
      next = i;
      U8_NEXT(data, next, length, c);
      in_word = c >= 0 && (u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK);
    }
    if (in_word) {
      if (word_start < 0) word_start = i;
    } else if (word_start >= 0) {
      add_word(word_start, i);
      word_start = -1;
    }
    i = next;
  }
  if (word_start >= 0) add_word(word_start, length);
  collect();
}

NormalizedText Normalizer::Normalize(std::string_view text) const {
  NormalizedText result;
  std::vector<int32_t> sentence_starts = SentenceStarts(text);
  UErrorCode status = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  icu::BreakIterator* iterator = ThreadBreakIterator(false);
  if (U_FAILURE(status) || iterator == nullptr) {
    utext_close(utext);
    return result;
  }
  iterator->setText(utext, status);
  result.tokens.reserve(text.size() / 5 + 4);
  std::size_t sentence = 0;
  for (int32_t start = iterator->first(), end = iterator->next(); end != icu::BreakIterator::DONE;
       start = end, end = iterator->next()) {
    if (iterator->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
    while (sentence + 1 < sentence_starts.size() && sentence_starts[sentence + 1] <= start) ++sentence;
    const WordAnalysis& analysis = AnalyzeWord(text.substr(start, end - start));
    for (const std::string& normalized : analysis.words) {
      Token token;
      token.start = static_cast<std::uint32_t>(start);
      token.end = static_cast<std::uint32_t>(end);
      token.sentence = static_cast<std::uint32_t>(sentence);
      token.word = normalized;
      token.lower = analysis.lower;
      token.lemmas = analysis.lemmas;
      token.corrected_from = analysis.corrected_from;
      token.changes = analysis.changes;
      result.tokens.push_back(std::move(token));
    }
  }
  utext_close(utext);
  result.sentence_count = static_cast<std::uint32_t>(sentence_starts.size());
  return result;
}

}  // namespace foco
