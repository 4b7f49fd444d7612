// The `foco` subcommands. Each registers its flags on a CLI11 app and runs
// with them; only this layer prints and chooses exit codes.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "engine/engine.h"

namespace foco::cli {

// Exit codes shared by the commands (grep's convention where it applies).
constexpr int kExitFound = 0;
constexpr int kExitNothingFound = 1;
constexpr int kExitError = 2;

struct GlobalOptions {
  std::string lexicon_dir;
  std::string calibration_path;
  bool raw_scores = false;
};

void AddGlobalOptions(CLI::App& app, GlobalOptions* options);

// Loads the engine or prints why not ("foco: <message>") and returns null.
std::shared_ptr<const Engine> LoadEngineOrReport(const GlobalOptions& options);

// Each Register* adds a subcommand; its callback stores the exit code in *exit_code.
void RegisterFilter(CLI::App& app, const GlobalOptions& global, int* exit_code);
void RegisterScan(CLI::App& app, const GlobalOptions& global, int* exit_code);
void RegisterExplain(CLI::App& app, const GlobalOptions& global, int* exit_code);
void RegisterLexicon(CLI::App& app, const GlobalOptions& global, int* exit_code);
void RegisterEval(CLI::App& app, const GlobalOptions& global, int* exit_code);

}  // namespace foco::cli
