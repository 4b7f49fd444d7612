// foco: finds red flags in Spanish client communications.
#include <clocale>
#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  std::setlocale(LC_ALL, "C.UTF-8");
  CLI::App app{"foco: finds red flags (devalued work, relationships at risk) in Spanish client messages"};
  app.set_version_flag("--version", std::string("foco ") + FOCO_VERSION);
  app.require_subcommand(1);
  app.fallthrough(true);  // global options may also follow the command name
  app.footer("Run 'foco <command> --help' for a command's options.\nExit status: see README.md.");

  foco::cli::GlobalOptions global;
  foco::cli::AddGlobalOptions(app, &global);
  int exit_code = foco::cli::kExitError;
  foco::cli::RegisterScan(app, global, &exit_code);
  foco::cli::RegisterFilter(app, global, &exit_code);
  foco::cli::RegisterExplain(app, global, &exit_code);
  foco::cli::RegisterLexicon(app, global, &exit_code);
  foco::cli::RegisterEval(app, global, &exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? 0 : foco::cli::kExitError;
  }
  return exit_code;
}
