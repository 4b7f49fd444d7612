#include "source/text_sources.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <vector>

#include "base/utf8.h"

namespace foco {
namespace {
constexpr std::size_t kMaxParagraphBytes = 64 * 1024;
// A JSON Lines record larger than this is reported, not parsed.
constexpr std::size_t kMaxJsonLineBytes = std::size_t{64} << 20;

bool IsBlank(std::string_view line) {
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
    if (line.size() > kMaxJsonLineBytes) {
      message.skip_reason = where + "longer than " + std::to_string(kMaxJsonLineBytes >> 20) + " MiB";
      line.clear();
      line.shrink_to_fit();
      if (!on_message(std::move(message))) break;
      continue;
    }
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
  // Reads blocks and splits them at blank lines with memchr: this reader feeds
  // the fastest path of `foco scan`, so it avoids a string per line.
  constexpr std::size_t kBlockBytes = 1 << 20;
  std::string buffer;
  std::size_t pos = 0;              // first unconsumed byte of buffer
  std::uint64_t buffer_offset = 0;  // file offset of buffer[0]
  std::size_t line = 1;             // line number at pos
  std::size_t index = 0;
  bool at_end = false;
  std::vector<char> block(kBlockBytes);
  auto refill = [&]() -> bool {
    if (at_end) return false;
    buffer.erase(0, pos);
    buffer_offset += pos;
    pos = 0;
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    buffer.append(block.data(), static_cast<std::size_t>(in.gcount()));
    if (in.gcount() == 0 || in.eof()) at_end = true;
    return true;
  };
  std::size_t paragraph_start = std::string::npos;  // offset in buffer
  std::size_t paragraph_line = 0;
  // The text of buffer[begin, end) as the next message, starting on `at_line`.
  auto message_of = [&](std::size_t begin, std::size_t end, std::size_t at_line) {
    SourceMessage message;
    message.source = source;
    message.index = ++index;
    message.line = at_line;
    message.byte_offset = buffer_offset + begin;
    message.text.assign(buffer, begin, end - begin);
    return message;
  };
  auto emit = [&](std::size_t end) -> bool {
    std::size_t text_end = end;
    while (text_end > paragraph_start && (buffer[text_end - 1] == '\n' || buffer[text_end - 1] == '\r')) --text_end;
    SourceMessage message = message_of(paragraph_start, text_end, paragraph_line);
    paragraph_start = std::string::npos;
    return on_message(std::move(message));
  };
  while (true) {
    const char* newline = pos < buffer.size()
                              ? static_cast<const char*>(std::memchr(buffer.data() + pos, '\n', buffer.size() - pos))
                              : nullptr;
    if (newline == nullptr && !at_end && buffer.size() - pos > kMaxParagraphBytes) {
      // One enormous line: deliver it in pieces cut at a space, so memory
      // stays bounded; the message says so.
      std::size_t limit = pos + kMaxParagraphBytes;
      std::size_t cut = buffer.rfind(' ', limit);
      if (cut == std::string::npos || cut <= pos) cut = limit;
      while (cut > pos && (static_cast<unsigned char>(buffer[cut]) & 0xC0) == 0x80) --cut;
      if (paragraph_start != std::string::npos && paragraph_start < pos && !emit(pos)) return Status::Ok();
      paragraph_start = std::string::npos;
      SourceMessage piece = message_of(pos, cut, line);
      piece.warnings.push_back("line " + std::to_string(line) + " is longer than " +
                               std::to_string(kMaxParagraphBytes) + " bytes: read in pieces");
      if (!on_message(std::move(piece))) return Status::Ok();
      pos = cut;
      continue;
    }
    if (newline == nullptr && !at_end) {
      // Keep the open paragraph in the buffer across the refill.
      std::size_t keep_from = paragraph_start == std::string::npos ? pos : paragraph_start;
      std::size_t shift = keep_from;
      pos -= shift;
      if (paragraph_start != std::string::npos) paragraph_start -= shift;
      buffer.erase(0, shift);
      buffer_offset += shift;
      std::size_t saved_pos = pos;
      pos = 0;
      refill();
      pos = saved_pos;
      if (in.bad()) return Status(ErrorCode::kIoError, source + ": read error near byte " + std::to_string(buffer_offset));
      continue;
    }
    std::size_t line_end = newline ? static_cast<std::size_t>(newline - buffer.data()) : buffer.size();
    std::string_view content(buffer.data() + pos, line_end - pos);
    bool blank = IsBlank(content);
    if (blank) {
      if (paragraph_start != std::string::npos && !emit(pos)) return Status::Ok();
    } else {
      if (paragraph_start == std::string::npos) {
        paragraph_start = pos;
        paragraph_line = line;
      } else if (line_end - paragraph_start > kMaxParagraphBytes) {
        if (!emit(pos)) return Status::Ok();
        paragraph_start = pos;
        paragraph_line = line;
      }
    }
    if (!newline) break;
    pos = line_end + 1;
    ++line;
  }
  if (paragraph_start != std::string::npos) emit(buffer.size());
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
