// `foco eval FILE.jsonl` and `foco calibrate FILE.jsonl`: measure and calibrate
// the engine on a labelled corpus.
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "engine/evaluation.h"

namespace foco::cli {
namespace {

struct EvalOptions {
  std::string corpus;
  std::string format = "text";
  double threshold = 0.5;
  int show_errors = 20;
  std::string output;
  std::string holdout;
};

std::string Fixed(double value, int digits = 3) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << value;
  return out.str();
}

std::string Shorten(const std::string& text, std::size_t limit = 90) {
  std::string flat;
  for (char c : text) flat += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (flat.size() <= limit) return flat;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(flat[cut]) & 0xC0) == 0x80) --cut;
  return flat.substr(0, cut) + "…";
}

nlohmann::ordered_json ScoresJson(const PrecisionRecall& scores) {
  return {{"tp", scores.true_positives}, {"fp", scores.false_positives}, {"fn", scores.false_negatives},
          {"precision", scores.precision}, {"recall", scores.recall}, {"f1", scores.f1}};
}

nlohmann::ordered_json EvaluationJson(const Evaluation& evaluation) {
  nlohmann::ordered_json out;
  out["messages"] = evaluation.messages;
  out["threshold"] = evaluation.threshold;
  out["micro"] = ScoresJson(evaluation.micro);
  out["macro"] = {{"precision", evaluation.macro_precision}, {"recall", evaluation.macro_recall},
                  {"f1", evaluation.macro_f1}};
  out["clean_messages"] = evaluation.clean_messages;
  out["clean_flagged"] = evaluation.clean_flagged;
  out["clean_flagged_rate"] =
      evaluation.clean_messages ? double(evaluation.clean_flagged) / double(evaluation.clean_messages) : 0.0;
  out["ece"] = evaluation.ece;
  out["calibration_findings"] = evaluation.calibration_findings;
  for (const auto& [category, scores] : evaluation.categories) out["categories"][category] = ScoresJson(scores);
  out["confusion"] = evaluation.confusion;
  for (const auto& [rule, quality] : evaluation.rules) {
    out["rules"][rule] = {{"hits", quality.hits}, {"correct", quality.correct}, {"precision", quality.precision}};
  }
  out["reliability"] = nlohmann::ordered_json::array();
  for (const ReliabilityBin& bin : evaluation.reliability) {
    out["reliability"].push_back({{"low", bin.low}, {"high", bin.high}, {"count", bin.count},
                                  {"mean_confidence", bin.mean_confidence}, {"accuracy", bin.accuracy}});
  }
  auto errors = [](const std::vector<MessageError>& list) {
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const MessageError& error : list) {
      array.push_back({{"id", error.id}, {"category", error.category}, {"rule", error.rule},
                       {"confidence", error.confidence}, {"text", error.text}});
    }
    return array;
  };
  out["false_positives"] = errors(evaluation.false_positives);
  out["false_negatives"] = errors(evaluation.false_negatives);
  return out;
}

void PrintEvaluation(const Evaluation& evaluation, int show_errors) {
  std::cout << "Messages: " << evaluation.messages << " (" << evaluation.clean_messages << " clean), threshold "
            << evaluation.threshold << "\n\n";
  std::cout << std::left << std::setw(22) << "category" << std::right << std::setw(5) << "tp" << std::setw(5) << "fp"
            << std::setw(5) << "fn" << std::setw(11) << "precision" << std::setw(8) << "recall" << std::setw(8) << "f1"
            << "\n";
  auto row = [](const std::string& name, const PrecisionRecall& scores) {
    std::cout << std::left << std::setw(22) << name << std::right << std::setw(5) << scores.true_positives
              << std::setw(5) << scores.false_positives << std::setw(5) << scores.false_negatives << std::setw(11)
              << Fixed(scores.precision) << std::setw(8) << Fixed(scores.recall) << std::setw(8) << Fixed(scores.f1)
              << "\n";
  };
  for (const auto& [category, scores] : evaluation.categories) row(category, scores);
  row("micro", evaluation.micro);
  std::cout << std::left << std::setw(37) << "macro" << std::right << std::setw(11) << Fixed(evaluation.macro_precision)
            << std::setw(8) << Fixed(evaluation.macro_recall) << std::setw(8) << Fixed(evaluation.macro_f1) << "\n\n";
  std::cout << "Clean messages flagged: " << evaluation.clean_flagged << " of " << evaluation.clean_messages << " ("
            << Fixed(evaluation.clean_messages ? 100.0 * evaluation.clean_flagged / evaluation.clean_messages : 0, 1)
            << "%)\n\n";

  std::cout << "Confusion (gold → predicted, off-diagonal):\n";
  for (const auto& [gold, row_counts] : evaluation.confusion) {
    for (const auto& [predicted, count] : row_counts) {
      if (gold != predicted) std::cout << "  " << std::setw(4) << count << "  " << gold << " → " << predicted << "\n";
    }
  }
  std::cout << "\nRules (hits at threshold, precision):\n";
  std::vector<std::pair<std::string, RuleQuality>> rules(evaluation.rules.begin(), evaluation.rules.end());
  std::sort(rules.begin(), rules.end(), [](const auto& a, const auto& b) {
    return a.second.precision != b.second.precision ? a.second.precision < b.second.precision : a.first < b.first;
  });
  for (const auto& [rule, quality] : rules) {
    std::cout << "  " << std::setw(4) << quality.hits << "  " << Fixed(quality.precision, 2) << "  " << rule << "\n";
  }
  std::cout << "\nCalibration over " << evaluation.calibration_findings << " candidate findings (ECE "
            << Fixed(evaluation.ece) << "):\n  bin          n   mean conf  accuracy\n";
  for (const ReliabilityBin& bin : evaluation.reliability) {
    std::cout << "  " << Fixed(bin.low, 1) << "-" << Fixed(bin.high, 1) << std::setw(8) << bin.count << std::setw(12)
              << Fixed(bin.mean_confidence) << std::setw(10) << Fixed(bin.accuracy) << "\n";
  }
  auto list = [show_errors](const char* title, const std::vector<MessageError>& errors) {
    std::cout << "\n" << title << " (" << errors.size() << "):\n";
    int shown = 0;
    for (const MessageError& error : errors) {
      if (shown++ >= show_errors) {
        std::cout << "  … " << errors.size() - show_errors << " more (--show-errors N)\n";
        break;
      }
      std::cout << "  " << error.id << "  " << error.category << "  "
                << (error.rule.empty() ? "(no rule matched)" : error.rule + " " + Fixed(error.confidence, 2)) << "\n"
                << "      " << Shorten(error.text) << "\n";
    }
  };
  list("False positives", evaluation.false_positives);
  list("False negatives", evaluation.false_negatives);
}

// Reads a labelled corpus, or prints why not.
bool ReadCorpusOrReport(const std::string& path, std::vector<LabelledMessage>* corpus) {
  auto read = ReadLabelledCorpus(path);
  if (!read.ok()) {
    std::cerr << "foco: " << read.status().message() << "\n";
    return false;
  }
  *corpus = std::move(*read);
  return true;
}

int RunEval(const GlobalOptions& global, const EvalOptions& options) {
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(global);
  if (!engine) return kExitError;
  std::vector<LabelledMessage> corpus;
  if (!ReadCorpusOrReport(options.corpus, &corpus)) return kExitError;
  Evaluation evaluation = Evaluate(*engine, corpus, options.threshold);
  if (options.format == "json") {
    std::cout << EvaluationJson(evaluation).dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
  } else {
    PrintEvaluation(evaluation, options.show_errors);
  }
  return 0;
}

int RunCalibrate(const GlobalOptions& global, const EvalOptions& options) {
  GlobalOptions raw = global;
  raw.raw_scores = true;
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(raw);
  if (!engine) return kExitError;
  std::vector<LabelledMessage> corpus, holdout;
  if (!ReadCorpusOrReport(options.corpus, &corpus)) return kExitError;
  if (!options.holdout.empty() && !ReadCorpusOrReport(options.holdout, &holdout)) return kExitError;
  Calibration calibration = FitCalibration(*engine, corpus, holdout);
  std::string output = options.output.empty() ? engine->lexicon().dir() + "/calibration.json" : options.output;
  Status saved = calibration.Save(output);
  if (!saved.ok()) {
    std::cerr << "foco: " << saved.message() << "\n";
    return kExitError;
  }
  std::cout << "wrote " << output << ": " << calibration.curve().size() << " curve points, "
            << calibration.rule_adjustments().size() << " rule adjustments (fitted on " << corpus.size()
            << " messages of " << options.corpus << ")";
  if (!holdout.empty()) std::cout << " and " << holdout.size() << " held-out messages of " << options.holdout;
  std::cout << "\n";
  return 0;
}

}  // namespace

void RegisterEval(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* eval = app.add_subcommand("eval", "Measure precision, recall, F1 and calibration on a labelled corpus");
  eval->add_option("corpus", options->corpus, "Labelled JSON Lines (id, text, labels)")->required();
  eval->add_option("--format", options->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  eval->add_option("--min-confidence", options->threshold, "Threshold for a prediction")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  eval->add_option("--show-errors", options->show_errors, "How many false positives / negatives to list")
      ->capture_default_str();
  eval->callback([&global, options, exit_code]() { *exit_code = RunEval(global, *options); });

  auto calibrate_options = std::make_shared<EvalOptions>();
  CLI::App* calibrate = app.add_subcommand(
      "calibrate", "Fit the raw-score → probability mapping on a labelled corpus (the dev split)");
  calibrate->add_option("corpus", calibrate_options->corpus, "Labelled JSON Lines (use corpus/dev.jsonl)")->required();
  calibrate->add_option("-o,--output", calibrate_options->output,
                        "Where to write (default: calibration.json in the lexicon folder)");
  calibrate->add_option("--holdout", calibrate_options->holdout,
                        "Labelled messages the rules were never tuned on (use corpus/holdout.jsonl): "
                        "they weigh as much as the corpus in the fitted curve");
  calibrate->callback([&global, calibrate_options, exit_code]() { *exit_code = RunCalibrate(global, *calibrate_options); });
}

}  // namespace foco::cli
