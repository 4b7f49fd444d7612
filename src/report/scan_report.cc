#include "report/scan_report.h"

#include <algorithm>
#include <iomanip>
#include <sstream>
#include <vector>

#include "report/json_output.h"
#include "source/input.h"

namespace foco {
namespace {

std::string Fixed(double value, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << value;
  return out.str();
}

void Write(std::FILE* out, const std::string& text) { std::fwrite(text.data(), 1, text.size(), out); }

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\n\r") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::size_t LineOf(const SourceMessage& message, std::uint32_t offset) {
  if (message.line == 0) return 0;
  return message.line + static_cast<std::size_t>(std::count(message.text.begin(), message.text.begin() + offset, '\n'));
}

bool IsMail(const SourceMessage& message) {
  return !message.from.empty() || !message.subject.empty() || !message.date.empty();
}

}  // namespace

std::string SkipReasonKind(const std::string& reason) {
  std::string kind = reason;
  if (kind.rfind("line ", 0) == 0) {
    std::size_t colon = kind.find(": ");
    if (colon != std::string::npos) kind = kind.substr(colon + 2);
  }
  std::size_t colon = kind.find(':');
  return colon == std::string::npos ? kind : kind.substr(0, colon);
}

ScanReport::ScanReport(ScanFormat format, Style style, std::FILE* out, ScanReportOptions options)
    : format_(format), style_(style), out_(out), options_(options) {}

void ScanReport::Add(const SourceMessage& message, const Analysis& analysis) {
  ++summary_.read;
  summary_.attachments_skipped += message.attachments_skipped;
  if (!message.skip_reason.empty()) {
    ++summary_.skipped;
    ++summary_.skipped_by_reason[SkipReasonKind(message.skip_reason)];
    if (IsErrorSkip(message.skip_reason)) ++summary_.errors;
  } else {
    ++summary_.scanned;
    summary_.bytes_scanned += message.text.size();
  }
  if (!analysis.findings.empty()) {
    ++summary_.flagged;
    for (const std::string& flag : analysis.flags) ++summary_.flagged_by_category[flag];
    if (!message.from_address.empty()) ++summary_.flagged_by_sender[message.from_address];
    else if (!message.from.empty()) ++summary_.flagged_by_sender[message.from];
  }
  switch (format_) {
    case ScanFormat::kText: PrintText(message, analysis); break;
    case ScanFormat::kJsonLines: PrintJson(message, analysis); break;
    case ScanFormat::kCsv: PrintCsv(message, analysis); break;
  }
}

void ScanReport::AddInputError(const std::string& source, const std::string& problem) {
  ++summary_.errors;
  if (problem.rfind(source, 0) == 0) {
    std::fprintf(stderr, "foco: %s\n", problem.c_str());
  } else {
    std::fprintf(stderr, "foco: %s: %s\n", source.c_str(), problem.c_str());
  }
}

void ScanReport::PrintText(const SourceMessage& message, const Analysis& analysis) {
  if (!message.skip_reason.empty()) {
    // Skips that are not errors (no text, excluded sender) only count in the summary.
    if (!IsErrorSkip(message.skip_reason)) return;
    std::ostringstream where;
    where << message.source;
    if (message.line) where << ":" << message.line;
    else where << " message " << message.index << " (byte " << message.byte_offset << ")";
    std::fprintf(stderr, "foco: %s: skipped: %s\n", where.str().c_str(), message.skip_reason.c_str());
    return;
  }
  if (analysis.findings.empty() && !options_.show_stripped) return;
  std::string out;
  if (IsMail(message)) {
    out += style_.Path(message.source) + " " + style_.Dim("#" + std::to_string(message.index)) + "  score " +
           Fixed(analysis.score, 2) + "\n";
    if (!message.date.empty()) out += "  Date:    " + message.date + "\n";
    if (!message.from.empty()) out += "  From:    " + message.from + "\n";
    if (!message.subject.empty()) out += "  Subject: " + message.subject + "\n";
    for (const Finding& finding : analysis.findings) {
      out += "  " + style_.Category(finding.category) + " " + Fixed(finding.confidence, 2) + " " +
             style_.Dim(finding.rule_id) + (finding.mention ? " (mention)" : "") + "\n";
      out += "    " + style_.Highlight(message.text, finding.start, finding.end) + "\n";
    }
    if (options_.show_stripped) {
      for (const StrippedBlock& block : message.stripped) {
        out += style_.Dim("  stripped " + block.kind + ": " + OneLineExcerpt(block.text, 70)) + "\n";
      }
    }
    out += "\n";
  } else {
    for (const Finding& finding : analysis.findings) {
      std::size_t line = LineOf(message, finding.start);
      out += style_.Path(message.source) + ":" + (line ? style_.Number(std::to_string(line)) + ":" : "") + " " +
             style_.Category(finding.category) + " " + Fixed(finding.confidence, 2) + " " + style_.Dim(finding.rule_id) +
             (finding.mention ? " (mention)" : "") + "\n";
      out += "    " + style_.Highlight(message.text, finding.start, finding.end) + "\n";
    }
  }
  Write(out_, out);
}

void ScanReport::PrintJson(const SourceMessage& message, const Analysis& analysis) {
  if (options_.only_flagged && analysis.findings.empty()) return;
  nlohmann::ordered_json record;
  record["source"] = message.source;
  record["index"] = message.index;
  if (message.line) record["line"] = message.line;
  record["offset"] = message.byte_offset;
  record["message_id"] = message.message_id;
  if (IsMail(message)) {
    record["from"] = message.from;
    record["date"] = message.date;
    record["subject"] = message.subject;
  }
  if (!message.skip_reason.empty()) {
    record["skipped"] = message.skip_reason;
  } else {
    nlohmann::ordered_json foco = AnalysisJson(analysis, {});
    record["score"] = foco["score"];
    record["flags"] = foco["flags"];
    record["findings"] = foco["findings"];
  }
  if (!message.warnings.empty()) record["warnings"] = message.warnings;
  if (options_.with_text) record["text"] = message.text;
  if (options_.show_stripped) {
    nlohmann::ordered_json stripped = nlohmann::ordered_json::array();
    for (const StrippedBlock& block : message.stripped) stripped.push_back({{"kind", block.kind}, {"text", block.text}});
    record["stripped"] = stripped;
  }
  Write(out_, DumpJsonLine(record) + "\n");
}

void ScanReport::PrintCsv(const SourceMessage& message, const Analysis& analysis) {
  if (!csv_header_written_) {
    Write(out_, "source,index,line,message_id,from,date,subject,score,flags,category,rule,confidence,start,end,match,skipped\n");
    csv_header_written_ = true;
  }
  if (options_.only_flagged && analysis.findings.empty()) return;
  std::string flags;
  for (const std::string& flag : analysis.flags) flags += (flags.empty() ? "" : ";") + flag;
  std::string prefix = CsvField(message.source) + "," + std::to_string(message.index) + "," +
                       (message.line ? std::to_string(message.line) : "") + "," + CsvField(message.message_id) + "," +
                       CsvField(message.from) + "," + CsvField(message.date) + "," + CsvField(message.subject) + "," +
                       Fixed(analysis.score, 3) + "," + flags + ",";
  if (analysis.findings.empty()) {
    Write(out_, prefix + ",,,,,," + CsvField(message.skip_reason) + "\n");
    return;
  }
  for (const Finding& finding : analysis.findings) {
    Write(out_, prefix + finding.category + "," + CsvField(finding.rule_id) + "," + Fixed(finding.confidence, 3) + "," +
                    std::to_string(finding.start) + "," + std::to_string(finding.end) + "," + CsvField(finding.match) +
                    ",\n");
  }
}

void ScanReport::Finish(std::FILE* stream) {
  std::ostringstream text;
  text << "Messages: " << summary_.read << " read, " << summary_.scanned << " scanned, " << summary_.skipped
       << " skipped, " << summary_.flagged << " flagged\n";
  for (const auto& [reason, count] : summary_.skipped_by_reason) text << "  skipped: " << count << " " << reason << "\n";
  if (summary_.attachments_skipped) text << "  attachments not scanned: " << summary_.attachments_skipped << "\n";
  if (!summary_.flagged_by_category.empty()) {
    text << "Flagged by category:\n";
    std::vector<std::pair<std::size_t, std::string>> categories;
    for (const auto& [category, count] : summary_.flagged_by_category) categories.emplace_back(count, category);
    std::sort(categories.begin(), categories.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (const auto& [count, category] : categories) text << "  " << std::setw(6) << count << "  " << category << "\n";
  }
  if (!summary_.flagged_by_sender.empty()) {
    text << "Senders most often flagged:\n";
    std::vector<std::pair<std::size_t, std::string>> senders;
    for (const auto& [sender, count] : summary_.flagged_by_sender) senders.emplace_back(count, sender);
    std::sort(senders.begin(), senders.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (std::size_t i = 0; i < senders.size() && i < 10; ++i) {
      text << "  " << std::setw(6) << senders[i].first << "  " << senders[i].second << "\n";
    }
  }
  Write(stream, text.str());
}

}  // namespace foco
