#include "source/text_sources.h"

#include <nlohmann/json.hpp>

#include "base/utf8.h"

namespace foco {
namespace {
constexpr std::size_t kMaxParagraphBytes = 64 * 1024;

bool IsBlank(const std::string& line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}
}  // namespace

Status ReadJsonLines(std::istream& in, const std::string& source, const std::string& text_field,
                     const MessageCallback& on_message) {
  std::string line;
  std::size_t line_number = 0;
  std::uint64_t offset = 0;
  std::size_t index = 0;
  while (std::getline(in, line)) {
    ++line_number;
    std::uint64_t line_offset = offset;
    offset += line.size() + 1;
    if (IsBlank(line)) continue;
    SourceMessage message;
    message.source = source;
    message.index = ++index;
    message.line = line_number;
    message.byte_offset = line_offset;
    std::string where = "line " + std::to_string(line_number) + ": ";
    nlohmann::json record = nlohmann::json::parse(RepairUtf8(line), nullptr, false);
    if (record.is_discarded() || !record.is_object()) {
      message.skip_reason = where + "expected a JSON object";
    } else if (!record.contains(text_field) || !record[text_field].is_string()) {
      message.skip_reason = where + "missing string field \"" + text_field + "\"";
    } else {
      message.text = record[text_field].get<std::string>();
      if (record.contains("id")) {
        const auto& id = record["id"];
        message.message_id = id.is_string() ? id.get<std::string>() : id.dump();
      }
    }
    if (!on_message(std::move(message))) break;
  }
  if (in.bad()) return Status(ErrorCode::kIoError, source + ": read error after line " + std::to_string(line_number));
  return Status::Ok();
}

Status ReadPlainText(std::istream& in, const std::string& source, const MessageCallback& on_message) {
  std::string line;
  std::size_t line_number = 0;
  std::uint64_t offset = 0;
  std::size_t index = 0;
  SourceMessage pending;
  bool keep_going = true;
  auto flush = [&]() {
    if (pending.text.empty()) return;
    pending.source = source;
    pending.index = ++index;
    keep_going = on_message(std::move(pending));
    pending = SourceMessage();
  };
  while (keep_going && std::getline(in, line)) {
    ++line_number;
    std::uint64_t line_offset = offset;
    offset += line.size() + 1;
    if (IsBlank(line)) {
      flush();
      continue;
    }
    if (!pending.text.empty() && pending.text.size() + line.size() > kMaxParagraphBytes) flush();
    if (!keep_going) break;
    if (pending.text.empty()) {
      pending.line = line_number;
      pending.byte_offset = line_offset;
    } else {
      pending.text += '\n';
    }
    pending.text += line;
  }
  if (keep_going) flush();
  if (in.bad()) return Status(ErrorCode::kIoError, source + ": read error after line " + std::to_string(line_number));
  return Status::Ok();
}

std::string SniffLineFormat(const std::string& head) {
  for (char c : head) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{' ? "jsonl" : "text";
  }
  return "text";
}

}  // namespace foco
