// `foco scan PATH…`: a report over files of messages.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "engine/batch.h"
#include "report/scan_report.h"
#include "source/input.h"

namespace foco::cli {
namespace {

struct ScanOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string color = "auto";
  std::string text_field = "text";
  std::vector<std::string> exclude_from;
  bool all_text = false;
  std::string progress = "auto";
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

// Progress on stderr when it is a terminal: messages, MB/s and ETA, from the
// sizes of the inputs and the offset reached in the current one.
class Progress {
 public:
  Progress(const std::vector<std::string>& paths, bool enabled) : enabled_(enabled) {
    if (!enabled_) return;
    for (const std::string& path : paths) total_bytes_ += SizeOf(path);
    start_ = std::chrono::steady_clock::now();
  }

  void Update(const SourceMessage& message) {
    if (!enabled_) return;
    ++messages_;
    if (message.source != current_source_) {
      done_bytes_ += current_size_;
      current_source_ = message.source;
      current_size_ = message.source == "-" ? 0 : SizeOf(message.source);
    }
    auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ < std::chrono::milliseconds(200)) return;
    last_draw_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double reached = static_cast<double>(done_bytes_ + std::min<std::uint64_t>(message.byte_offset, current_size_));
    double rate = seconds > 0 ? reached / seconds : 0;
    char line[160];
    if (total_bytes_ > 0 && rate > 0) {
      double eta = (static_cast<double>(total_bytes_) - reached) / rate;
      std::snprintf(line, sizeof line, "\r%10zu messages  %6.1f MB/s  %5.1f%%  ETA %02d:%02d ", messages_, rate / 1e6,
                    100.0 * reached / static_cast<double>(total_bytes_), static_cast<int>(eta) / 60,
                    static_cast<int>(eta) % 60);
    } else {
      std::snprintf(line, sizeof line, "\r%10zu messages ", messages_);
    }
    std::fputs(line, stderr);
    drawn_ = true;
  }

  void Clear() {
    if (drawn_) std::fputs("\r\033[K", stderr);
  }

 private:
  static std::uint64_t SizeOf(const std::string& path) {
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error)) return std::filesystem::file_size(path, error);
    std::uint64_t total = 0;
    if (!std::filesystem::is_directory(path, error)) return 0;
    for (auto it = std::filesystem::recursive_directory_iterator(path, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      if (it->is_regular_file(error)) total += it->file_size(error);
    }
    return total;
  }

  bool enabled_;
  bool drawn_ = false;
  std::uint64_t total_bytes_ = 0;
  std::uint64_t done_bytes_ = 0;
  std::uint64_t current_size_ = 0;
  std::string current_source_;
  std::size_t messages_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

int RunScan(const GlobalOptions& global, const ScanOptions& options) {
  std::shared_ptr<const Engine> engine = LoadEngineOrReport(global);
  if (!engine) return kExitError;
  AnalyzeOptions analyze;
  analyze.min_confidence = options.min_confidence;
  analyze.client_text_only = !options.all_text;
  int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  ScanReportOptions report_options;
  report_options.with_text = options.with_text;
  report_options.show_stripped = options.show_stripped;
  report_options.only_flagged = options.only_flagged;
  ScanReport report(ParseFormat(options.format), Style::ForStream(stdout, options.color), stdout, report_options);
  InputOptions input;
  input.text_field = options.text_field;
  input.exclude_senders = options.exclude_from;
  input.mail.strip_replies = !options.all_text;
  input.mail.defer_parsing = true;  // MIME parsing runs on the worker threads
  Progress progress(options.paths, options.progress == "always" || (options.progress == "auto" && isatty(2)));
  auto exclude = [&input](SourceMessage* message) {
    if (message->skip_reason.empty() && IsExcludedSender(message->from_address, input.exclude_senders)) {
      ExcludeMessage(message);
    }
  };
  BatchScanner scanner(
      *engine, analyze, threads,
      [&report, &progress](ScannedMessage&& done) {
        progress.Clear();
        report.Add(done.message, done.analysis);
      },
      [&input, &exclude](SourceMessage* message) {
        FinishDeferredMessage(message, input.mail);
        exclude(message);
      });
  for (const std::string& path : options.paths) {
    Status status = ReadInput(path, input, [&scanner, &progress](SourceMessage&& message) {
      progress.Update(message);
      scanner.Add(std::move(message));
      return true;
    });
    if (!status.ok()) {
      scanner.Finish();
      report.AddInputError(path, status.message());
    }
  }
  scanner.Finish();
  progress.Clear();
  std::fflush(stdout);
  report.Finish(options.format == "text" ? stdout : stderr);
  const ScanSummary& summary = report.summary();
  if (summary.errors > 0) return kExitError;
  return summary.flagged > 0 ? kExitFound : kExitNothingFound;
}

}  // namespace

void RegisterScan(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto options = std::make_shared<ScanOptions>();
  CLI::App* command = app.add_subcommand("scan", "Scan mail (mbox, Maildir, .eml), JSON Lines and text files or folders for red flags");
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
  command->add_flag("--all-text", options->all_text, "Mail: scan quoted replies, signatures and footers too");
  command->add_option("--exclude-from", options->exclude_from,
                      "Mail: skip messages from this address or domain (the provider's own side); repeatable");
  command->add_option("--progress", options->progress, "auto (on a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  command->callback([&global, options, exit_code]() { *exit_code = RunScan(global, *options); });
}

}  // namespace foco::cli
