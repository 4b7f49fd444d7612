#include <iostream>
#include <vector>

#include "cli/commands.h"

namespace foco::cli {

void AddGlobalOptions(CLI::App& app, GlobalOptions* options) {
  app.add_option("--lexicon", options->lexicon_dir, "Lexicon folder (default: the shipped lexicons)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--calibration", options->calibration_path,
                 "Calibration file (default: calibration.json in the lexicon folder)");
  app.add_flag("--raw-scores", options->raw_scores, "Report raw scores instead of calibrated confidences");
}

std::shared_ptr<const Engine> LoadEngineOrReport(const GlobalOptions& options) {
  EngineOptions engine_options;
  engine_options.lexicon_dir = options.lexicon_dir;
  engine_options.calibration_path = options.calibration_path;
  engine_options.use_calibration = !options.raw_scores;
  auto engine = Engine::Create(engine_options);
  if (!engine.ok()) {
    std::cerr << "foco: " << engine.status().message() << "\n";
    return nullptr;
  }
  // The engine lives until the process ends: tearing down hundreds of
  // compiled expressions and caches at exit would only cost time.
  static auto* kept_until_exit = new std::vector<std::shared_ptr<const Engine>>();
  kept_until_exit->push_back(*engine);
  return *engine;
}

}  // namespace foco::cli
