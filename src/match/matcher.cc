#include "match/matcher.h"

#include <algorithm>
#include <type_traits>

namespace foco {
namespace {

struct TokenString {
  std::string text;
  std::vector<std::size_t> token_positions;  // where each token's word starts in `text`
};

TokenString JoinTokens(const NormalizedText& normalized) {
  TokenString joined;
  joined.text = " ";
  joined.token_positions.reserve(normalized.tokens.size());
  for (std::size_t i = 0; i < normalized.tokens.size(); ++i) {
    const Token& token = normalized.tokens[i];
    if (i > 0 && token.sentence != normalized.tokens[i - 1].sentence) joined.text += "| ";
    joined.token_positions.push_back(joined.text.size());
    joined.text += token.word;
    for (const std::string& lemma : token.lemmas) joined.text += "=" + lemma;
    joined.text += ' ';
  }
  return joined;
}

// Token span covered by the byte range [begin, end) of the joined string.
bool TokenSpan(const TokenString& joined, std::size_t begin, std::size_t end, std::uint32_t* first,
               std::uint32_t* last_exclusive) {
  const auto& positions = joined.token_positions;
  auto first_it = std::lower_bound(positions.begin(), positions.end(), begin);
  auto end_it = std::lower_bound(positions.begin(), positions.end(), end);
  if (first_it == positions.end() || first_it >= end_it) return false;
  *first = static_cast<std::uint32_t>(first_it - positions.begin());
  *last_exclusive = static_cast<std::uint32_t>(end_it - positions.begin());
  return true;
}

template <typename Hit, typename RegexOf>
void LocateAll(const TokenString& joined, const std::vector<int>& indexes, RegexOf regex_of, std::vector<Hit>* hits) {
  for (int index : indexes) {
    const RE2& regex = regex_of(static_cast<std::size_t>(index));
    re2::StringPiece input(joined.text);
    re2::StringPiece match;
    std::size_t search_from = 0;
    while (search_from < joined.text.size() &&
           regex.Match(input, search_from, joined.text.size(), RE2::UNANCHORED, &match, 1)) {
      std::size_t begin = static_cast<std::size_t>(match.data() - joined.text.data());
      std::size_t end = begin + match.size();
      Hit hit;
      hit.first_token = 0;
      if (TokenSpan(joined, begin, end, &hit.first_token, &hit.end_token)) {
        if constexpr (std::is_same_v<Hit, RuleHit>) hit.rule_index = static_cast<std::size_t>(index);
        else hit.cue_index = static_cast<std::size_t>(index);
        hits->push_back(hit);
      }
      // Matches end with the space after their last word; the next match may
      // start on that same space.
      search_from = end > begin + 1 ? end - 1 : begin + 1;
    }
  }
}

// Patterns of one rule run one by one, so two of them may find the same
// phrase; the rule then matched once, where its first match starts (as one
// expression with the patterns as alternatives would have).
void KeepFirstOfOverlapping(std::vector<RuleHit>* hits) {
  std::stable_sort(hits->begin(), hits->end(), [](const RuleHit& a, const RuleHit& b) {
    if (a.rule_index != b.rule_index) return a.rule_index < b.rule_index;
    return a.first_token < b.first_token;
  });
  std::vector<RuleHit> kept;
  for (const RuleHit& hit : *hits) {
    if (!kept.empty() && kept.back().rule_index == hit.rule_index && hit.first_token < kept.back().end_token) continue;
    kept.push_back(hit);
  }
  hits->swap(kept);
}

// Texts shorter than this are normalized whole; longer ones only in the
// sentences where some rule's required words all occur.
constexpr std::size_t kSentenceFocusMinBytes = 160;

bool IsUpperStart(std::string_view text, std::size_t at) {
  if (at >= text.size()) return false;
  unsigned char c = static_cast<unsigned char>(text[at]);
  if (c >= 'A' && c <= 'Z') return true;
  if (c == 0xC2 && at + 1 < text.size()) {  // ¿ ¡
    unsigned char next = static_cast<unsigned char>(text[at + 1]);
    return next == 0xBF || next == 0xA1;
  }
  if (c == 0xC3 && at + 1 < text.size()) {  // À-Þ
    unsigned char next = static_cast<unsigned char>(text[at + 1]);
    return next >= 0x80 && next <= 0x9E;
  }
  return false;
}

// Sentence spans found cheaply, splitting only where ICU's sentence rules
// surely split too (sentence punctuation, spaces, then a capital or ¿ ¡; or a
// blank line), so no rule match can straddle two spans.
std::vector<std::pair<std::size_t, std::size_t>> CheapSentences(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool blank_line = c == '\n' && i + 1 < text.size() &&
                      text.find_first_not_of(" \t\r", i + 1) != std::string_view::npos &&
                      text[text.find_first_not_of(" \t\r", i + 1)] == '\n';
    bool terminal = (c == '.' || c == '!' || c == '?') && i + 1 < text.size() &&
                    (text[i + 1] == ' ' || text[i + 1] == '\n');
    if (terminal) {
      std::size_t next = text.find_first_not_of(" \t\r\n", i + 1);
      terminal = next != std::string_view::npos && IsUpperStart(text, next);
    }
    if (blank_line || terminal) {
      spans.emplace_back(start, i + 1);
      start = i + 1;
    }
  }
  if (start < text.size()) spans.emplace_back(start, text.size());
  return spans;
}

}  // namespace

MatchResult MatchText(const Lexicon& lexicon, std::string_view text) {
  MatchResult result;
  thread_local std::vector<std::uint32_t> satisfied;
  lexicon.normalizer().SatisfiedRequirements(text, &satisfied);
  std::vector<int> patterns;
  auto collect_patterns = [&lexicon, &patterns]() {
    for (std::uint32_t requirement : satisfied) {
      patterns.push_back(static_cast<int>(lexicon.pattern_of_requirement(requirement)));
    }
  };
  std::string focused;
  std::string_view to_normalize = text;
  if (!satisfied.empty() && text.size() >= kSentenceFocusMinBytes) {
    // Blank the sentences in which no rule can match (length kept, so every
    // offset still points into `text`), and take the rules sentence by sentence.
    auto sentences = CheapSentences(text);
    if (sentences.size() > 1) {
      focused.assign(text.data(), text.size());
      for (const auto& [begin, end] : sentences) {
        lexicon.normalizer().SatisfiedRequirements(text.substr(begin, end - begin), &satisfied);
        if (!satisfied.empty()) {
          collect_patterns();
          continue;
        }
        for (std::size_t i = begin; i < end; ++i) {
          if (focused[i] != '\n') focused[i] = ' ';
        }
      }
      to_normalize = focused;
      satisfied.clear();
    }
  }
  collect_patterns();
  std::sort(patterns.begin(), patterns.end());
  patterns.erase(std::unique(patterns.begin(), patterns.end()), patterns.end());
  if (patterns.empty()) {
    result.prefiltered_out = true;
    return result;
  }
  result.normalized = lexicon.normalizer().Normalize(to_normalize);
  TokenString joined = JoinTokens(result.normalized);
  LocateAll(joined, patterns, [&lexicon](std::size_t i) -> const RE2& { return lexicon.pattern_regex(i); },
            &result.rule_hits);
  for (RuleHit& hit : result.rule_hits) hit.rule_index = lexicon.rule_of_pattern(hit.rule_index);
  KeepFirstOfOverlapping(&result.rule_hits);
  if (!result.rule_hits.empty() && !lexicon.cues().empty()) {
    std::vector<int> cues;
    lexicon.cue_set().Match(joined.text, &cues);
    std::sort(cues.begin(), cues.end());
    LocateAll(joined, cues, [&lexicon](std::size_t i) -> const RE2& { return lexicon.cue_regex(i); },
              &result.cue_hits);
  }
  result.matched_text = std::move(joined.text);
  return result;
}

}  // namespace foco
