#include "report/terminal.h"

#include <unistd.h>

#include <cstdlib>

namespace foco {
namespace {

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string OneLine(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool last_space = false;
  for (char c : text) {
    bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
    if (space && last_space) continue;
    out += space ? ' ' : c;
    last_space = space;
  }
  return out;
}

}  // namespace

std::string OneLineExcerpt(std::string_view text, std::size_t max_bytes) {
  std::string line = OneLine(text);
  if (line.size() <= max_bytes) return line;
  std::size_t cut = max_bytes;
  while (cut > 0 && IsContinuationByte(line[cut])) --cut;
  return line.substr(0, cut) + "…";
}

Style Style::ForStream(std::FILE* stream, const std::string& mode) {
  if (mode == "always") return Style(true);
  if (mode == "never") return Style(false);
  return Style(std::getenv("NO_COLOR") == nullptr && isatty(fileno(stream)));
}

std::string Style::Wrap(const char* code, std::string_view text) const {
  if (!colour_) return std::string(text);
  return std::string(code) + std::string(text) + "\033[0m";
}

std::string Style::Highlight(std::string_view text, std::size_t start, std::size_t end,
                             std::size_t context_bytes) const {
  std::size_t from = start > context_bytes ? start - context_bytes : 0;
  while (from > 0 && IsContinuationByte(text[from])) --from;
  std::size_t to = std::min(text.size(), end + context_bytes);
  while (to < text.size() && IsContinuationByte(text[to])) ++to;
  std::string before = OneLine(text.substr(from, start - from));
  std::string match = OneLine(text.substr(start, end - start));
  std::string after = OneLine(text.substr(end, to - end));
  std::string out = (from > 0 ? "…" : "") + before;
  out += colour_ ? "\033[1;31m" + match + "\033[0m" : "[" + match + "]";
  out += after + (to < text.size() ? "…" : "");
  return out;
}

}  // namespace foco
