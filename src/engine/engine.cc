#include "engine/engine.h"

#include <sys/stat.h>

#include "source/reply_strip.h"

namespace foco {

Result<std::shared_ptr<const Engine>> Engine::Create(const EngineOptions& options) {
  auto dir = LocateLexicons(options.lexicon_dir, "");
  if (!dir.ok()) return dir.status();
  auto lexicon = Lexicon::Load(*dir, options.lexicon);
  if (!lexicon.ok()) return lexicon.status();
  std::shared_ptr<Engine> engine(new Engine());
  engine->lexicon_ = std::move(*lexicon);
  if (options.use_calibration) {
    std::string path = options.calibration_path.empty() ? *dir + "/calibration.json" : options.calibration_path;
    struct stat info;
    bool present = stat(path.c_str(), &info) == 0;
    if (present || !options.calibration_path.empty()) {
      auto calibration = Calibration::Load(path);
      if (!calibration.ok()) return calibration.status();
      engine->calibration_ = std::move(*calibration);
    }
  }
  return std::shared_ptr<const Engine>(std::move(engine));
}

Explanation Engine::Explain(std::string_view text, const AnalyzeOptions& options) const {
  Explanation explanation;
  explanation.matches = MatchClientText(text, options);
  explanation.candidates =
      ScoreMatches(*lexicon_, calibration_, text, explanation.matches, options.keep_overlapping).findings;
  for (const Finding& finding : explanation.candidates) {
    if (finding.confidence >= options.min_confidence) explanation.analysis.findings.push_back(finding);
  }
  explanation.analysis.score =
      MessageScore(explanation.analysis.findings, options.min_confidence, &explanation.analysis.flags);
  return explanation;
}

MatchResult Engine::MatchClientText(std::string_view text, const AnalyzeOptions& options) const {
  MatchResult matches = MatchText(*lexicon_, text);
  // Quoted replies and signatures only matter where a rule matched: mask them
  // then, and match again on the client's own words (offsets are unchanged).
  if (options.client_text_only && !matches.rule_hits.empty()) {
    std::string masked = MaskReplies(text);
    if (masked != text) matches = MatchText(*lexicon_, masked);
  }
  return matches;
}

Analysis Engine::Analyze(std::string_view text, const AnalyzeOptions& options) const {
  MatchResult matches = MatchClientText(text, options);
  Analysis analysis;
  if (matches.rule_hits.empty()) return analysis;
  for (Finding& finding : ScoreMatches(*lexicon_, calibration_, text, matches, options.keep_overlapping).findings) {
    if (finding.confidence >= options.min_confidence) analysis.findings.push_back(std::move(finding));
  }
  analysis.score = MessageScore(analysis.findings, options.min_confidence, &analysis.flags);
  return analysis;
}

}  // namespace foco
