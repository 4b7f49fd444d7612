// `foco lexicon lint|test|list`: for the people who write the rules.
#include <algorithm>
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "engine/lexicon_check.h"

namespace foco::cli {
namespace {

struct LexiconCommandOptions {
  std::string rule_filter;
  bool verbose = false;
};

int RunLint(const GlobalOptions& global) {
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(global);
  if (!engine) return kExitError;
  const Lexicon& lexicon = engine->lexicon();
  // Pattern expressions compile on first use; lint compiles them all, so a
  // pattern too large for RE2 is reported here rather than never matching.
  bool too_large = false;
  for (std::size_t p = 0; p < lexicon.pattern_count(); ++p) {
    const RE2& regex = lexicon.pattern_regex(p);
    if (regex.ok()) continue;
    const Rule& rule = lexicon.rules()[lexicon.rule_of_pattern(p)];
    const SourcePosition& at = rule.position;
    std::cerr << "foco: " << at.path << ":" << at.line << ":" << at.column << ": rule " << rule.id
              << " cannot compile: " << regex.error() << "\n";
    too_large = true;
  }
  if (too_large) return kExitError;
  for (const Lexicon::Warning& warning : lexicon.warnings()) {
    std::cout << warning.position.path << ":" << warning.position.line << ":" << warning.position.column
              << ": warning: " << warning.message << "\n";
  }
  std::map<std::string, int> per_category;
  std::size_t examples = 0;
  for (const Rule& rule : lexicon.rules()) {
    ++per_category[rule.category];
    examples += rule.examples.size();
  }
  for (const std::string& category : TaxonomyCategories()) {
    if (!per_category.count(category)) std::cout << lexicon.dir() << ": warning: no rule for category " << category << "\n";
  }
  std::cout << lexicon.dir() << ": ok: " << lexicon.rules().size() << " rules in " << per_category.size()
            << " categories, " << examples << " examples, " << lexicon.cues().size() << " context cues\n";
  return 0;
}

int RunTest(const GlobalOptions& global, const LexiconCommandOptions& options) {
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(global);
  if (!engine) return kExitError;
  const std::string& filter = options.rule_filter;
  const auto& cues = engine->lexicon().cues();
  bool is_cue = std::any_of(cues.begin(), cues.end(), [&filter](const Cue& cue) { return cue.id == filter; });
  bool all_cues = filter.empty() || filter == "context";
  if (!filter.empty() && !all_cues && !is_cue && !engine->lexicon().FindRule(filter)) {
    const auto& categories = TaxonomyCategories();
    if (std::find(categories.begin(), categories.end(), filter) == categories.end()) {
      std::cerr << "foco: no rule, category or context cue named '" << filter << "'\n";
      return kExitError;
    }
  }
  std::vector<ExampleResult> results;
  if (filter != "context" && !is_cue) results = CheckRuleExamples(*engine, filter);
  std::vector<CueExampleResult> cue_results;
  if (all_cues || is_cue) cue_results = CheckCueExamples(*engine, filter == "context" ? "" : filter);
  std::size_t passed = 0, failed = 0;
  // One line per failed example: path:line:col: id: which list "text" why.
  auto report = [&](const std::string& id, const std::string& text, const SourcePosition& at, const char* list,
                    bool example_passed, const std::string& detail) {
    if (example_passed) {
      ++passed;
      if (options.verbose) std::cout << "ok   " << id << ": " << text << "\n";
      return;
    }
    ++failed;
    std::cout << at.path << ":" << at.line << ":" << at.column << ": " << id << ": " << list << " \"" << text << "\" "
              << detail << "\n";
  };
  for (const ExampleResult& r : results) {
    report(r.rule->id, r.example->text, r.example->position, r.example->must_fire ? "must_fire" : "must_not_fire",
           r.passed, r.detail);
  }
  for (const CueExampleResult& r : cue_results) {
    report(r.cue->id, r.example->text, r.example->position, r.example->must_apply ? "must_apply" : "must_not_apply",
           r.passed, r.detail);
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}

int RunList(const GlobalOptions& global, const LexiconCommandOptions& options) {
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(global);
  if (!engine) return kExitError;
  for (const Rule& rule : engine->lexicon().rules()) {
    if (!options.rule_filter.empty() && rule.id != options.rule_filter && rule.category != options.rule_filter) continue;
    std::cout << rule.id << "\t" << rule.weight << "\t" << rule.description << "\n";
  }
  return 0;
}

int RunExamples(const GlobalOptions& global, const LexiconCommandOptions& options) {
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(global);
  if (!engine) return kExitError;
  for (const Rule& rule : engine->lexicon().rules()) {
    if (!options.rule_filter.empty() && rule.id != options.rule_filter && rule.category != options.rule_filter) continue;
    for (const RuleExample& example : rule.examples) {
      if (example.must_fire) std::cout << example.text << "\n";
    }
  }
  return 0;
}

}  // namespace

void RegisterLexicon(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto options = std::make_shared<LexiconCommandOptions>();
  CLI::App* lexicon = app.add_subcommand("lexicon", "Check, test and list the lexicon rules");
  lexicon->require_subcommand(1);
  CLI::App* lint = lexicon->add_subcommand("lint", "Load every lexicon file; report errors as path:line:col (exit 2)");
  lint->callback([&global, exit_code]() { *exit_code = RunLint(global); });
  CLI::App* test = lexicon->add_subcommand("test", "Run every rule's must_fire / must_not_fire and every cue's must_apply / must_not_apply examples (exit 1 on failure)");
  test->add_option("--rule", options->rule_filter, "Only this rule id, category, context cue id, or 'context' (every cue)");
  test->add_flag("-v,--verbose", options->verbose, "Also list the examples that pass");
  test->callback([&global, options, exit_code]() { *exit_code = RunTest(global, *options); });
  CLI::App* list = lexicon->add_subcommand("list", "List rules with weight and description");
  list->add_option("--rule", options->rule_filter, "Only this rule id or category");
  list->callback([&global, options, exit_code]() { *exit_code = RunList(global, *options); });
  CLI::App* examples = lexicon->add_subcommand("examples", "Print every must_fire example, one per line");
  examples->add_option("--rule", options->rule_filter, "Only this rule id or category");
  examples->callback([&global, options, exit_code]() { *exit_code = RunExamples(global, *options); });
}

}  // namespace foco::cli
