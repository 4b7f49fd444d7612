// Human-readable output: colours only on a terminal, a phrase shown in context.
//
//   Style style = Style::ForStream(stdout, "auto");
//   std::string line = style.Highlight(text, finding.start, finding.end);
//
// Thread safety: pure functions.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace foco {

// `text` on one line (runs of spaces and line breaks shown as one space), cut
// at a character boundary after about `max_bytes` with "…".
std::string OneLineExcerpt(std::string_view text, std::size_t max_bytes);

class Style {
 public:
  // `mode`: "auto" (colour when the stream is a terminal and NO_COLOR is unset),
  // "always" or "never".
  static Style ForStream(std::FILE* stream, const std::string& mode);
  explicit Style(bool colour) : colour_(colour) {}

  std::string Path(std::string_view text) const { return Wrap("\033[35m", text); }
  std::string Number(std::string_view text) const { return Wrap("\033[32m", text); }
  std::string Category(std::string_view text) const { return Wrap("\033[1;31m", text); }
  std::string Dim(std::string_view text) const { return Wrap("\033[2m", text); }
  std::string Bold(std::string_view text) const { return Wrap("\033[1m", text); }
  bool colour() const { return colour_; }

  // The match with up to `context_bytes` of text on each side, on one line
  // (newlines shown as spaces), the match in bold red or between [ ].
  std::string Highlight(std::string_view text, std::size_t start, std::size_t end,
                        std::size_t context_bytes = 60) const;

 private:
  std::string Wrap(const char* code, std::string_view text) const;
  bool colour_;
};

}  // namespace foco
