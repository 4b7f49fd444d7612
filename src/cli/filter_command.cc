// `foco filter`: JSON Lines in, the same lines annotated out
// (../shared/spec/filter-contract.md).
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "base/utf8.h"
#include "cli/commands.h"
#include "report/json_output.h"

namespace foco::cli {
namespace {

struct FilterOptions {
  std::string text_field = "text";
  double min_confidence = 0.5;
  bool explain = false;
  bool all_text = false;
};

bool IsBlank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

int RunFilter(const GlobalOptions& global, const FilterOptions& options) {
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(global);
  if (!engine) return kExitError;
  AnalyzeOptions analyze;
  analyze.min_confidence = options.min_confidence;
  analyze.client_text_only = !options.all_text;
  JsonOptions json_options;
  json_options.with_factors = options.explain;
  bool any_error = false;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(std::cin, line)) {
    ++line_number;
    if (IsBlank(line)) continue;
    std::string where = "line " + std::to_string(line_number) + ": ";
    nlohmann::ordered_json record = nlohmann::ordered_json::parse(RepairUtf8(line), nullptr, false);
    nlohmann::ordered_json output;
    if (record.is_discarded() || !record.is_object()) {
      output["foco"] = ErrorJson(where + "expected a JSON object");
      any_error = true;
    } else if (!record.contains(options.text_field) || !record[options.text_field].is_string()) {
      output = record;
      output["foco"] = ErrorJson(where + "missing string field \"" + options.text_field + "\"");
      any_error = true;
    } else {
      output = record;
      const std::string& text = record[options.text_field].get_ref<const std::string&>();
      output["foco"] = AnalysisJson(engine->Analyze(text, analyze), json_options);
    }
    std::string serialized = DumpJsonLine(output);
    serialized += '\n';
    std::fwrite(serialized.data(), 1, serialized.size(), stdout);
    std::fflush(stdout);
  }
  return any_error ? 1 : 0;
}

}  // namespace

void RegisterFilter(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto options = std::make_shared<FilterOptions>();
  CLI::App* command = app.add_subcommand(
      "filter", "Annotate JSON Lines from stdin: each object gets a \"foco\" field (one line out per line in)");
  command->add_option("--text-field", options->text_field, "Field holding the text")->capture_default_str();
  command->add_option("--min-confidence", options->min_confidence, "Report findings at or above this confidence")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->add_flag("--explain", options->explain, "Add each finding's score arithmetic");
  command->add_flag("--all-text", options->all_text,
                    "Also analyse quoted replies, signatures and footers inside the text");
  command->callback([&global, options, exit_code]() { *exit_code = RunFilter(global, *options); });
}

}  // namespace foco::cli
