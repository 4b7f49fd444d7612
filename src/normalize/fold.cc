#include "normalize/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace foco {
namespace {

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

const icu::Normalizer2& Nfc() {
  UErrorCode status = U_ZERO_ERROR;
  return *icu::Normalizer2::getNFCInstance(status);
}

const icu::Normalizer2& Nfd() {
  UErrorCode status = U_ZERO_ERROR;
  return *icu::Normalizer2::getNFDInstance(status);
}

std::string ToUtf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace

std::string FoldCase(std::string_view utf8) {
  if (IsAscii(utf8)) {
    std::string out(utf8);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString composed = Nfc().normalize(text, status);
  if (U_FAILURE(status)) composed = text;
  composed.foldCase(U_FOLD_CASE_DEFAULT);
  return ToUtf8(composed);
}

std::string FoldAccents(std::string_view utf8) {
  if (IsAscii(utf8)) return std::string(utf8);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString decomposed = Nfd().normalize(text, status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString kept;
  constexpr UChar32 kCombiningTilde = 0x0303;
  UChar32 previous = 0;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    bool is_mark = u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK;
    bool is_enye_tilde = c == kCombiningTilde && (previous == 'n' || previous == 'N');
    if (!is_mark || is_enye_tilde) kept.append(c);
    if (!is_mark) previous = c;
  }
  status = U_ZERO_ERROR;
  icu::UnicodeString recomposed = Nfc().normalize(kept, status);
  return ToUtf8(U_FAILURE(status) ? kept : recomposed);
}

}  // namespace foco
