#include "score/scorer.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace foco {
namespace {

constexpr double kAccentFoldedFactor = 0.97;
constexpr double kLemmaFactor = 0.97;
constexpr double kSqueezedFactor = 0.95;
constexpr double kChatFactor = 0.95;
constexpr double kTypoFactor = 0.85;
constexpr double kQuotedFactor = 0.25;

// Exactness: the weakest way any matched word was recognised.
void AddExactness(const Lexicon& lexicon, const NormalizedText& normalized, Finding* finding) {
  struct Change { std::uint8_t flag; const char* name; double factor; };
  static const Change kChanges[] = {{kTypoCorrected, "typo-corrected", kTypoFactor},
                                    {kChatExpanded, "chat-spelling", kChatFactor},
                                    {kSqueezed, "squeezed", kSqueezedFactor},
                                    {kAccentFolded, "accent-folded", kAccentFoldedFactor}};
  std::uint8_t changes = 0;
  bool via_lemma = false;
  for (std::uint32_t i = finding->first_token; i < finding->end_token; ++i) {
    const Token& token = normalized.tokens[i];
    changes |= token.changes;
    if (!token.lemmas.empty() && !lexicon.normalizer().vocabulary().words.count(token.word)) via_lemma = true;
  }
  for (const Change& change : kChanges) {
    if (changes & change.flag) {
      finding->factors.push_back({change.name, change.factor});
      return;
    }
  }
  if (via_lemma) finding->factors.push_back({"lemma", kLemmaFactor});
}

// Whether a scope break ("pero", "sin embargo") starts at a token in
// [begin, end): what follows it is said on its own terms.
bool ScopeBreakBetween(const Lexicon& lexicon, const NormalizedText& normalized, std::uint32_t begin,
                       std::uint32_t end) {
  const auto& tokens = normalized.tokens;
  for (std::uint32_t i = begin; i < end; ++i) {
    for (const std::vector<std::string>& phrase : lexicon.scope_breaks()) {
      if (phrase.empty() || i + phrase.size() > end) continue;
      bool same = true;
      for (std::size_t k = 0; same && k < phrase.size(); ++k) same = tokens[i + k].word == phrase[k];
      if (same) return true;
    }
  }
  return false;
}

bool CueApplies(const Lexicon& lexicon, const Cue& cue, const CueHit& hit, const Finding& finding,
                const NormalizedText& normalized) {
  const auto& tokens = normalized.tokens;
  std::uint32_t cue_sentence = tokens[hit.first_token].sentence;
  bool same_sentence = cue_sentence == tokens[finding.first_token].sentence ||
                       tokens[hit.end_token - 1].sentence == tokens[finding.end_token - 1].sentence;
  bool sentence_before = cue.previous_sentence && cue.direction != CueDirection::kForward &&
                         cue_sentence == tokens[finding.end_token - 1].sentence + 1;
  if (!same_sentence && !sentence_before) return false;
  auto distance = [](std::int64_t a, std::int64_t b) { return a - b; };
  bool forward = hit.first_token < finding.first_token &&
                 distance(finding.first_token, hit.end_token) <= cue.scope &&
                 !ScopeBreakBetween(lexicon, normalized, hit.end_token, finding.first_token);
  bool backward = hit.end_token > finding.end_token &&
                  distance(hit.first_token, finding.end_token) <= cue.scope;
  if (!same_sentence) return backward;
  switch (cue.direction) {
    case CueDirection::kForward: return forward;
    case CueDirection::kBackward: return backward;
    case CueDirection::kBoth: return forward || backward;
  }
  return false;
}

bool IsSentenceEnd(char c) { return c == '.' || c == '!' || c == '\n'; }

// "¿…match…?" in the same sentence.
bool InQuestion(std::string_view text, std::uint32_t start, std::uint32_t end) {
  for (std::size_t i = start; i > 0; --i) {
    char c = text[i - 1];
    if (IsSentenceEnd(c) || c == '?') break;
    if (i >= 2 && static_cast<unsigned char>(text[i - 2]) == 0xC2 && static_cast<unsigned char>(c) == 0xBF) return true;
  }
  for (std::size_t i = end; i < text.size(); ++i) {
    if (text[i] == '?') return true;
    if (IsSentenceEnd(text[i])) break;
  }
  return false;
}

// Whether `position` sits between quotation marks on its line: "…", '…', “…”,
// ‘…’, «…». (Spanish has no apostrophes, so single quotes are quotes.)
bool InsideQuotes(std::string_view text, std::size_t position) {
  std::size_t newline_before = position == 0 ? std::string_view::npos : text.rfind('\n', position - 1);
  std::size_t line_start = newline_before == std::string_view::npos ? 0 : newline_before + 1;
  std::size_t line_end = text.find('\n', position);
  if (line_end == std::string_view::npos) line_end = text.size();
  std::string_view before = text.substr(line_start, position - line_start);
  std::string_view after = text.substr(position, line_end - position);
  auto count = [](std::string_view s, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t at = s.find(what); at != std::string_view::npos; at = s.find(what, at + what.size())) ++n;
    return n;
  };
  if (count(before, "\"") % 2 == 1 && count(after, "\"") >= 1) return true;
  if (count(before, "'") % 2 == 1 && count(after, "'") >= 1) return true;
  if (count(before, "\u2018") > count(before, "\u2019") && count(after, "\u2019") >= 1) return true;
  if (count(before, "\u201C") > count(before, "\u201D") && count(after, "\u201D") >= 1) return true;
  if (count(before, "\u00AB") > count(before, "\u00BB") && count(after, "\u00BB") >= 1) return true;
  return false;
}

// A match that begins or ends inside quotation marks is quoted: a quote may
// start in the middle of the phrase ("encargos que se pagan 'cuando venda'").
bool InQuotes(std::string_view text, std::uint32_t start, std::uint32_t end) {
  return InsideQuotes(text, start) || (end > start && InsideQuotes(text, end - 1));
}

// Cue hits split by pseudo-cues: those no pseudo-cue overlaps stay live; the
// others are cancelled, each with the pseudo-cue that cancelled it.
struct CueHitsAfterPseudo {
  std::vector<CueHit> live;
  std::vector<std::pair<CueHit, std::size_t>> cancelled;  // (hit, pseudo cue index)
};

CueHitsAfterPseudo ApplyPseudoCues(const Lexicon& lexicon, const std::vector<CueHit>& hits) {
  auto is_pseudo = [&lexicon](const CueHit& hit) { return lexicon.cues()[hit.cue_index].kind == CueKind::kPseudo; };
  CueHitsAfterPseudo result;
  for (const CueHit& hit : hits) {
    if (is_pseudo(hit)) continue;
    auto pseudo = std::find_if(hits.begin(), hits.end(), [&](const CueHit& other) {
      return is_pseudo(other) && other.first_token < hit.end_token && hit.first_token < other.end_token;
    });
    if (pseudo == hits.end()) result.live.push_back(hit);
    else result.cancelled.emplace_back(hit, pseudo->cue_index);
  }
  return result;
}

}  // namespace

ScoredText ScoreMatches(const Lexicon& lexicon, const Calibration& calibration, std::string_view text,
                        const MatchResult& matches, bool keep_overlapping) {
  ScoredText scored;
  const NormalizedText& normalized = matches.normalized;
  const CueHitsAfterPseudo cue_hits = ApplyPseudoCues(lexicon, matches.cue_hits);
  for (const RuleHit& hit : matches.rule_hits) {
    const Rule& rule = lexicon.rules()[hit.rule_index];
    Finding finding;
    finding.rule_index = hit.rule_index;
    finding.rule_id = rule.id;
    finding.category = rule.category;
    finding.first_token = hit.first_token;
    finding.end_token = hit.end_token;
    finding.start = normalized.tokens[hit.first_token].start;
    finding.end = normalized.tokens[hit.end_token - 1].end;
    finding.match = std::string(text.substr(finding.start, finding.end - finding.start));
    finding.weight = rule.weight;
    AddExactness(lexicon, normalized, &finding);

    std::map<CueKind, const CueHit*> strongest_per_kind;
    for (const CueHit& cue_hit : cue_hits.live) {
      const Cue& cue = lexicon.cues()[cue_hit.cue_index];
      if (cue.kind == CueKind::kMention && rule.mention_ok) continue;
      if (!CueApplies(lexicon, cue, cue_hit, finding, normalized)) continue;
      auto& slot = strongest_per_kind[cue.kind];
      if (slot == nullptr || std::abs(1.0 - lexicon.cues()[slot->cue_index].factor) < std::abs(1.0 - cue.factor)) {
        slot = &cue_hit;
      }
    }
    // A cancelled cue that would have applied leaves a trace (×1).
    std::set<std::size_t> cancelling;
    for (const auto& [cue_hit, pseudo_index] : cue_hits.cancelled) {
      const Cue& cue = lexicon.cues()[cue_hit.cue_index];
      if (cue.kind == CueKind::kMention && rule.mention_ok) continue;
      if (CueApplies(lexicon, cue, cue_hit, finding, normalized)) cancelling.insert(pseudo_index);
    }
    for (std::size_t pseudo_index : cancelling) {
      finding.factors.push_back({"pseudo:" + lexicon.cues()[pseudo_index].id, 1.0});
    }
    for (const auto& [kind, cue_hit] : strongest_per_kind) {
      const Cue& cue = lexicon.cues()[cue_hit->cue_index];
      finding.factors.push_back({std::string(CueKindName(kind)) + ":" + cue.id, cue.factor});
      if (kind == CueKind::kMention) finding.mention = true;
      if (kind == CueKind::kNegation || kind == CueKind::kRetraction) finding.negated = true;
    }
    if (!rule.mention_ok && !finding.mention && InQuotes(text, finding.start, finding.end)) {
      finding.factors.push_back({"quoted", kQuotedFactor});
      finding.mention = true;
    }
    if (rule.question_factor != 1.0 && InQuestion(text, finding.start, finding.end)) {
      finding.factors.push_back({"question", rule.question_factor});
    }
    finding.raw = rule.weight;
    for (const AppliedFactor& factor : finding.factors) finding.raw *= factor.factor;
    finding.raw = std::clamp(finding.raw, 0.0, 1.0);
    finding.confidence = calibration.Apply(rule.id, finding.raw);
    scored.findings.push_back(std::move(finding));
  }

  // Keep the strongest of overlapping findings of the same category.
  std::sort(scored.findings.begin(), scored.findings.end(), [](const Finding& a, const Finding& b) {
    return a.confidence != b.confidence ? a.confidence > b.confidence : a.start < b.start;
  });
  std::vector<Finding> kept;
  for (Finding& finding : scored.findings) {
    bool overlaps = !keep_overlapping && std::any_of(kept.begin(), kept.end(), [&finding](const Finding& other) {
      return other.category == finding.category && other.start < finding.end && finding.start < other.end;
    });
    if (!overlaps) kept.push_back(std::move(finding));
  }
  std::sort(kept.begin(), kept.end(), [](const Finding& a, const Finding& b) {
    return a.start != b.start ? a.start < b.start : a.category < b.category;
  });
  scored.findings = std::move(kept);
  return scored;
}

double MessageScore(const std::vector<Finding>& findings, double min_confidence,
                    std::vector<std::string>* flags_strongest_first) {
  std::map<std::string, double> strongest;
  for (const Finding& finding : findings) {
    if (finding.confidence < min_confidence) continue;
    double& best = strongest[finding.category];
    best = std::max(best, finding.confidence);
  }
  std::vector<std::pair<double, std::string>> ordered;
  double none = 1.0;
  for (const auto& [category, confidence] : strongest) {
    ordered.emplace_back(confidence, category);
    none *= 1.0 - confidence;
  }
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  if (flags_strongest_first != nullptr) {
    flags_strongest_first->clear();
    for (const auto& entry : ordered) flags_strongest_first->push_back(entry.second);
  }
  return ordered.empty() ? 0.0 : 1.0 - none;
}

}  // namespace foco
