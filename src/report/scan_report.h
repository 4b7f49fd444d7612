// What `foco scan` prints: one record per message (JSON Lines, CSV) or a block
// per flagged message (terminal), and a summary whose counts add up:
// read = scanned + skipped.
//
//   ScanReport report(ScanFormat::kText, style, stdout, {});
//   report.Add(message, analysis);   // in input order
//   report.Finish(stderr);           // the summary
//
// Thread safety: one ScanReport per output stream, driven by one thread.
#pragma once

#include <cstdio>
#include <map>
#include <string>

#include "report/terminal.h"
#include "score/scorer.h"
#include "source/message.h"

namespace foco {

enum class ScanFormat { kText, kJsonLines, kCsv };

struct ScanReportOptions {
  bool with_text = false;       // include the scanned text in JSON Lines records
  bool show_stripped = false;   // show what was removed as quotes/signatures
  bool only_flagged = false;    // JSON Lines / CSV: omit records of unflagged messages
};

struct ScanSummary {
  std::size_t read = 0;
  std::size_t scanned = 0;
  std::size_t skipped = 0;
  std::size_t flagged = 0;
  std::size_t errors = 0;  // skipped because they could not be read or parsed
  std::size_t attachments_skipped = 0;
  std::size_t bytes_scanned = 0;
  std::map<std::string, std::size_t> skipped_by_reason;
  std::map<std::string, std::size_t> flagged_by_category;
  std::map<std::string, std::size_t> flagged_by_sender;
};

class ScanReport {
 public:
  ScanReport(ScanFormat format, Style style, std::FILE* out, ScanReportOptions options);

  void Add(const SourceMessage& message, const Analysis& analysis);
  // A whole input that could not be opened or read (counted as an error).
  void AddInputError(const std::string& source, const std::string& problem);
  // Prints the summary to `stream` (text format prints it to the report stream).
  void Finish(std::FILE* stream);

  const ScanSummary& summary() const { return summary_; }

 private:
  void PrintText(const SourceMessage& message, const Analysis& analysis);
  void PrintJson(const SourceMessage& message, const Analysis& analysis);
  void PrintCsv(const SourceMessage& message, const Analysis& analysis);

  ScanFormat format_;
  Style style_;
  std::FILE* out_;
  ScanReportOptions options_;
  ScanSummary summary_;
  bool csv_header_written_ = false;
};

// A short reason for grouping skip counts: the text before the first ':'.
std::string SkipReasonKind(const std::string& reason);

}  // namespace foco
