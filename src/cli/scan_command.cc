// `foco scan PATH…`: a report over files of messages.
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "engine/batch.h"
#include "report/scan_report.h"
#include "source/text_sources.h"

namespace foco::cli {
namespace {

struct ScanOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string color = "auto";
  std::string text_field = "text";
  double min_confidence = 0.5;
  int threads = 0;
  bool with_text = false;
  bool show_stripped = false;
  bool only_flagged = false;
};

ScanFormat ParseFormat(const std::string& name) {
  if (name == "jsonl") return ScanFormat::kJsonLines;
  if (name == "csv") return ScanFormat::kCsv;
  return ScanFormat::kText;
}

bool EndsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Reads one input, recognising its format by name and content.
Status ReadInput(const std::string& path, const ScanOptions& options, const MessageCallback& on_message) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    struct stat info;
    if (stat(path.c_str(), &info) != 0) return Status(ErrorCode::kNotFound, "no such file or directory");
    if (S_ISDIR(info.st_mode)) return Status(ErrorCode::kUnsupported, "is a directory");
    file.open(path, std::ios::binary);
    if (!file) return Status(ErrorCode::kIoError, "cannot open");
    in = &file;
  }
  std::string head(512, '\0');
  in->read(&head[0], static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in->gcount()));
  in->clear();
  if (path != "-") {
    in->seekg(0);
  }
  bool jsonl = EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson") || SniffLineFormat(head) == "jsonl";
  if (path == "-") {
    // stdin cannot seek: put the sniffed bytes back in front.
    std::string rest((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    std::istringstream whole(head + rest);
    return jsonl ? ReadJsonLines(whole, "-", options.text_field, on_message) : ReadPlainText(whole, "-", on_message);
  }
  return jsonl ? ReadJsonLines(*in, path, options.text_field, on_message) : ReadPlainText(*in, path, on_message);
}

int RunScan(const GlobalOptions& global, const ScanOptions& options) {
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(global);
  if (!engine) return kExitError;
  AnalyzeOptions analyze;
  analyze.min_confidence = options.min_confidence;
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  ScanReportOptions report_options;
  report_options.with_text = options.with_text;
  report_options.show_stripped = options.show_stripped;
  report_options.only_flagged = options.only_flagged;
  ScanReport report(ParseFormat(options.format), Style::ForStream(stdout, options.color), stdout, report_options);
  BatchScanner scanner(*engine, analyze, threads,
                       [&report](ScannedMessage&& done) { report.Add(done.message, done.analysis); });
  for (const std::string& path : options.paths) {
    Status status = ReadInput(path, options, [&scanner](SourceMessage&& message) {
      scanner.Add(std::move(message));
      return true;
    });
    if (!status.ok()) {
      scanner.Finish();
      report.AddInputError(path, status.message());
    }
  }
  scanner.Finish();
  std::fflush(stdout);
  report.Finish(options.format == "text" ? stdout : stderr);
  const ScanSummary& summary = report.summary();
  if (summary.errors > 0) return kExitError;
  return summary.flagged > 0 ? kExitFound : kExitNothingFound;
}

}  // namespace

void RegisterScan(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto options = std::make_shared<ScanOptions>();
  CLI::App* command = app.add_subcommand("scan", "Scan files of messages (text, JSON Lines) and report red flags");
  command->add_option("paths", options->paths, "Files to scan ('-' for standard input)")->required();
  command->add_option("--format", options->format, "text, jsonl or csv")
      ->check(CLI::IsMember({"text", "jsonl", "csv"}))
      ->capture_default_str();
  command->add_option("--min-confidence", options->min_confidence, "Report findings at or above this confidence")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  command->add_option("-j,--threads", options->threads, "Worker threads (default: all cores)");
  command->add_option("--color", options->color, "auto, always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  command->add_option("--text-field", options->text_field, "JSON Lines field holding the text")->capture_default_str();
  command->add_flag("--with-text", options->with_text, "Include the scanned text in JSON Lines records");
  command->add_flag("--show-stripped", options->show_stripped, "Show text removed as quotes, signatures, footers");
  command->add_flag("--only-flagged", options->only_flagged, "JSON Lines/CSV: only messages with findings");
  command->callback([&global, options, exit_code]() { *exit_code = RunScan(global, *options); });
}

}  // namespace foco::cli
