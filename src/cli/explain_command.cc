// `foco explain TEXT`: why a text matched, or did not.
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <fstream>

#include "base/utf8.h"
#include "cli/commands.h"
#include "source/mail_sources.h"
#include "source/reply_strip.h"
#include "report/json_output.h"
#include "report/terminal.h"

namespace foco::cli {
namespace {

struct ExplainOptions {
  std::string text;
  std::string file;
  bool json = false;
  std::string color = "auto";
  double min_confidence = 0.5;
};

std::string ChangeNames(std::uint8_t changes) {
  std::string names;
  auto add = [&names](const char* name) { names += (names.empty() ? "" : ",") + std::string(name); };
  if (changes & kAccentFolded) add("accent-folded");
  if (changes & kSqueezed) add("squeezed");
  if (changes & kChatExpanded) add("chat");
  if (changes & kTypoCorrected) add("typo");
  return names;
}

std::string Fixed(double value) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(3) << value;
  return out.str();
}

// Reads --file: a mail message is decoded and stripped to the client's words
// (the removed blocks are returned too); anything else is taken as text.
bool ReadExplainFile(const std::string& path, std::string* text, std::vector<StrippedBlock>* stripped) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "foco: cannot read " << path << "\n";
    return false;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (DetectFormatFromBytes(bytes.substr(0, 65536), path) == MailFormat::kEml) {
    auto message = ParseMailMessage(bytes, MailOptions());
    if (message.ok() && message->skip_reason.empty()) {
      *text = message->text;
      *stripped = message->stripped;
      return true;
    }
  }
  *text = RepairUtf8(bytes);
  return true;
}

int RunExplain(const GlobalOptions& global, ExplainOptions options) {
  std::vector<StrippedBlock> stripped;
  if (!options.file.empty() && !ReadExplainFile(options.file, &options.text, &stripped)) return kExitError;
  if (options.file.empty() && options.text.empty()) {
    std::cerr << "foco: explain needs a text or --file PATH\n";
    return kExitError;
  }
  if (stripped.empty() && MaskReplies(options.text) != options.text) stripped = StripReplies(options.text).stripped;
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(global);
  if (!engine) return kExitError;
  AnalyzeOptions analyze;
  analyze.min_confidence = options.min_confidence;
  // explain always normalizes, even texts the prefilter would skip.
  Explanation explanation = engine->Explain(options.text, analyze);
  const Lexicon& lexicon = engine->lexicon();
  const NormalizedText& normalized = explanation.matches.normalized;
  NormalizedText full;
  const NormalizedText* tokens = &normalized;
  if (explanation.matches.prefiltered_out) {
    full = lexicon.normalizer().Normalize(options.text);
    tokens = &full;
  }

  if (options.json) {
    nlohmann::ordered_json out;
    out["text"] = options.text;
    nlohmann::ordered_json token_list = nlohmann::ordered_json::array();
    for (const Token& token : tokens->tokens) {
      nlohmann::ordered_json item;
      item["start"] = token.start;
      item["end"] = token.end;
      item["text"] = options.text.substr(token.start, token.end - token.start);
      item["word"] = token.word;
      item["sentence"] = token.sentence;
      if (token.changes) item["changes"] = ChangeNames(token.changes);
      if (!token.corrected_from.empty()) item["corrected_from"] = token.corrected_from;
      if (!token.lemmas.empty()) item["lemmas"] = token.lemmas;
      token_list.push_back(item);
    }
    out["tokens"] = token_list;
    out["prefiltered_out"] = explanation.matches.prefiltered_out;
    nlohmann::ordered_json removed = nlohmann::ordered_json::array();
    for (const StrippedBlock& block : stripped) removed.push_back({{"kind", block.kind}, {"text", block.text}});
    out["not_client_text"] = removed;
    nlohmann::ordered_json candidates = nlohmann::ordered_json::array();
    for (const Finding& finding : explanation.candidates) candidates.push_back(FindingJson(finding, {true}));
    out["candidates"] = candidates;
    out["foco"] = AnalysisJson(explanation.analysis, {});
    std::cout << out.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
    return explanation.analysis.findings.empty() ? kExitNothingFound : kExitFound;
  }

  Style style = Style::ForStream(stdout, options.color);
  if (!stripped.empty()) {
    std::cout << style.Bold("Not the client's words") << " (ignored):\n";
    for (const StrippedBlock& block : stripped) {
      std::cout << "  " << block.kind << ": " << style.Dim(OneLineExcerpt(block.text, 100)) << "\n";
    }
    std::cout << "\n";
  }
  std::cout << style.Bold("Tokens") << " (byte offsets into the text):\n";
  for (const Token& token : tokens->tokens) {
    std::cout << "  " << std::setw(4) << token.start << "-" << std::left << std::setw(4) << token.end << std::right
              << " s" << token.sentence << "  " << options.text.substr(token.start, token.end - token.start);
    if (token.word != token.lower) std::cout << " → " << token.word;
    if (token.changes) std::cout << "  [" << ChangeNames(token.changes) << "]";
    if (!token.corrected_from.empty()) std::cout << " (typo of '" << token.corrected_from << "' corrected)";
    if (!token.lemmas.empty()) {
      std::cout << "  lemmas:";
      for (const std::string& lemma : token.lemmas) std::cout << " {" << lemma << "}";
    }
    std::cout << "\n";
  }
  if (explanation.matches.prefiltered_out) {
    std::cout << "\nNo word of the text is an anchor of any rule, so no rule can match.\n";
  } else {
    std::cout << "\n" << style.Bold("Matched against") << ":\n  \"" << explanation.matches.matched_text << "\"\n";
  }
  if (!explanation.matches.cue_hits.empty()) {
    std::cout << "\n" << style.Bold("Context cues") << ":\n";
    for (const CueHit& hit : explanation.matches.cue_hits) {
      const Cue& cue = lexicon.cues()[hit.cue_index];
      const auto& cue_tokens = explanation.matches.normalized.tokens;
      std::uint32_t start = cue_tokens[hit.first_token].start, end = cue_tokens[hit.end_token - 1].end;
      std::cout << "  " << cue.id << " (" << CueKindName(cue.kind) << ", ×" << cue.factor << ") \""
                << options.text.substr(start, end - start) << "\"  " << cue.position.path << ":"
                << cue.position.line << "\n";
    }
  }
  std::cout << "\n" << style.Bold("Rules that matched") << ":\n";
  if (explanation.candidates.empty()) std::cout << "  none\n";
  for (const Finding& finding : explanation.candidates) {
    const Rule& rule = lexicon.rules()[finding.rule_index];
    std::cout << "  " << style.Category(finding.category) << "  " << finding.rule_id << "  " << rule.position.path
              << ":" << rule.position.line << "\n";
    std::cout << "    " << rule.description << "\n";
    std::cout << "    match " << finding.start << "-" << finding.end << ": " << style.Highlight(options.text, finding.start, finding.end) << "\n";
    std::cout << "    raw = weight " << finding.weight;
    for (const AppliedFactor& factor : finding.factors) std::cout << " × " << factor.name << " " << factor.factor;
    std::cout << " = " << Fixed(finding.raw) << "\n";
    std::cout << "    confidence = calibration(" << Fixed(finding.raw) << ") = " << Fixed(finding.confidence)
              << (finding.confidence >= options.min_confidence ? "  → reported" : "  → below threshold") << "\n";
  }
  std::cout << "\n" << style.Bold("Message") << ": score " << Fixed(explanation.analysis.score) << ", flags:";
  if (explanation.analysis.flags.empty()) std::cout << " none";
  for (const std::string& flag : explanation.analysis.flags) std::cout << " " << flag;
  std::cout << "\n";
  return explanation.analysis.findings.empty() ? kExitNothingFound : kExitFound;
}

}  // namespace

void RegisterExplain(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto options = std::make_shared<ExplainOptions>();
  CLI::App* command = app.add_subcommand("explain", "Show how a text is normalized, which rules match and why");
  command->add_option("text", options->text, "The text to explain");
  command->add_option("--file", options->file, "Explain a file instead: an .eml is decoded and stripped to the client's words");
  command->add_flag("--json", options->json, "Machine-readable output");
  command->add_option("--color", options->color, "auto, always or never")->capture_default_str();
  command->add_option("--min-confidence", options->min_confidence, "Threshold for reported findings")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->callback([&global, options, exit_code]() { *exit_code = RunExplain(global, *options); });
}

}  // namespace foco::cli
