#include "lexicon/pattern.h"

#include <cctype>

namespace foco {
namespace {

// Largest gap a pattern may ask for: larger gaps match almost anything and make
// the compiled automaton slow.
constexpr int kMaxGapWords = 20;

std::size_t ColumnOf(std::string_view text, std::size_t offset) {
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

bool IsWordByte(char c) {
  unsigned char byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || std::isalnum(byte) || c == '_' || c == '\'' || c == '-';
}

class PatternParser {
 public:
  explicit PatternParser(std::string_view text) : text_(text) {}

  Result<PatternSequence> Parse() {
    PatternSequence sequence;
    if (!ParseSequence(&sequence, '\0')) return error_;
    if (sequence.empty()) return Fail(0, "empty pattern");
    return sequence;
  }

 private:
  Status Fail(std::size_t offset, const std::string& problem) {
    error_ = Status(ErrorCode::kLexiconError,
                    "column " + std::to_string(ColumnOf(text_, offset)) + ": " + problem);
    return error_;
  }

  void SkipSpaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  // Parses elements until `closer` (or '|' inside a group). Returns false on error.
  bool ParseSequence(PatternSequence* out, char closer) {
    while (true) {
      SkipSpaces();
      if (pos_ >= text_.size()) {
        return true;
      }
      char c = text_[pos_];
      if (c == '|' || c == ')' || c == ']') {
        if (closer == '\0') {
          Fail(pos_, c == '|' ? "'|' outside a group: write (a|b)" : std::string("unbalanced '") + c + "'");
          return false;
        }
        return true;
      }
      PatternElement element;
      element.offset = pos_;
      if (c == '(' || c == '[') {
        if (!ParseGroup(&element)) return false;
      } else if (c == '^') {
        if (!out->empty() || closer != '\0') {
          Fail(pos_, "'^' (start of a sentence) may only begin a pattern");
          return false;
        }
        element.kind = PatternElement::Kind::kSentenceStart;
        ++pos_;
      } else if (c == '<') {
        if (!ParseGap(&element)) return false;
      } else if (c == '{') {
        std::size_t close = text_.find('}', pos_);
        if (close == std::string_view::npos) { Fail(pos_, "unbalanced '{': missing '}'"); return false; }
        element.kind = PatternElement::Kind::kLemma;
        element.text = std::string(text_.substr(pos_ + 1, close - pos_ - 1));
        if (element.text.empty() || !AllWordBytes(element.text)) {
          Fail(pos_, "a lemma slot holds one word: {pagar}");
          return false;
        }
        pos_ = close + 1;
      } else if (c == '@') {
        std::size_t start = ++pos_;
        while (pos_ < text_.size() && IsWordByte(text_[pos_])) ++pos_;
        if (pos_ == start) { Fail(start - 1, "'@' must be followed by a list name"); return false; }
        element.kind = PatternElement::Kind::kList;
        element.text = std::string(text_.substr(start, pos_ - start));
      } else if (IsWordByte(c)) {
        std::size_t start = pos_;
        while (pos_ < text_.size() && IsWordByte(text_[pos_])) ++pos_;
        element.text = std::string(text_.substr(start, pos_ - start));
        element.kind = PatternElement::Kind::kWord;
        if (pos_ < text_.size() && text_[pos_] == '*') {
          element.kind = PatternElement::Kind::kPrefix;
          ++pos_;
        }
      } else {
        Fail(pos_, std::string("unexpected '") + c + "'");
        return false;
      }
      out->push_back(std::move(element));
    }
  }

  static bool AllWordBytes(const std::string& text) {
    for (char c : text) {
      if (!IsWordByte(c)) return false;
    }
    return true;
  }

  bool ParseGroup(PatternElement* element) {
    char opener = text_[pos_];
    char closer = opener == '(' ? ')' : ']';
    std::size_t open_at = pos_;
    element->kind = PatternElement::Kind::kGroup;
    element->optional = opener == '[';
    ++pos_;
    while (true) {
      PatternSequence alternative;
      std::size_t alternative_at = pos_;
      if (!ParseSequence(&alternative, closer)) return false;
      if (alternative.empty()) {
        Fail(alternative_at, "empty alternative in group");
        return false;
      }
      element->alternatives.push_back(std::move(alternative));
      if (pos_ >= text_.size()) {
        Fail(open_at, std::string("unbalanced '") + opener + "': missing '" + closer + "'");
        return false;
      }
      char c = text_[pos_];
      if (c == '|') {
        ++pos_;
        continue;
      }
      if (c != closer) {
        Fail(pos_, std::string("'") + c + "' closes a group opened with '" + opener + "'");
        return false;
      }
      ++pos_;
      return true;
    }
  }

  bool ParseGap(PatternElement* element) {
    std::size_t open_at = pos_;
    std::size_t close = text_.find('>', pos_);
    if (close == std::string_view::npos) {
      Fail(open_at, "unbalanced '<': missing '>'");
      return false;
    }
    std::string inside(text_.substr(pos_ + 1, close - pos_ - 1));
    int low = 0, high = 0;
    std::size_t dash = inside.find('-');
    auto parse_number = [](const std::string& digits, int* value) {
      if (digits.empty() || digits.size() > 3) return false;
      for (char d : digits) {
        if (!std::isdigit(static_cast<unsigned char>(d))) return false;
      }
      *value = std::stoi(digits);
      return true;
    };
    bool ok = dash == std::string::npos
                  ? parse_number(inside, &high)
                  : parse_number(inside.substr(0, dash), &low) && parse_number(inside.substr(dash + 1), &high);
    if (!ok) {
      Fail(open_at, "a gap is <N> or <M-N> with whole numbers");
      return false;
    }
    if (low > high) {
      Fail(open_at, "gap <" + inside + ">: the minimum is larger than the maximum");
      return false;
    }
    if (high > kMaxGapWords) {
      Fail(open_at, "gap <" + inside + "> is larger than " + std::to_string(kMaxGapWords) + " words");
      return false;
    }
    element->kind = PatternElement::Kind::kGap;
    element->min_words = low;
    element->max_words = high;
    pos_ = close + 1;
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  Status error_;
};

}  // namespace

Result<PatternSequence> ParsePattern(std::string_view pattern) { return PatternParser(pattern).Parse(); }

}  // namespace foco
