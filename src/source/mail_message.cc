#include "source/mail_message.h"

#include <gmime/gmime.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "source/reply_strip.h"

namespace foco {
namespace {

// ---------------------------------------------------------------------------
// Small helpers: GObject ownership, strings, UTF-8.
// ---------------------------------------------------------------------------

void EnsureGMime() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_mime_init();
    // Register the GObject types used in type checks now, on one thread,
    // rather than lazily on whichever parsing thread meets them first.
    g_type_class_unref(g_type_class_ref(g_mime_multipart_encrypted_get_type()));
    g_type_class_unref(g_type_class_ref(internet_address_group_get_type()));
    g_type_class_unref(g_type_class_ref(internet_address_mailbox_get_type()));
    g_type_class_unref(g_type_class_ref(internet_address_list_get_type()));
    // One parse of a small message creates the classes of every object a
    // typical parse instantiates.
    static const char kSample[] =
        "From: A <a@b.c>\nContent-Type: multipart/mixed; boundary=b\n\n"
        "--b\nContent-Type: text/plain\n\nx\n"
        "--b\nContent-Type: message/rfc822\n\nSubject: y\n\nz\n"
        "--b\nContent-Type: multipart/signed; boundary=c\n\n--c\n\nq\n--c--\n"
        "--b\nContent-Type: application/octet-stream\n\nw\n--b--\n";
    GMimeStream* stream = g_mime_stream_mem_new_with_buffer(kSample, sizeof(kSample) - 1);
    GMimeParser* parser = g_mime_parser_new_with_stream(stream);
    GMimeMessage* message = g_mime_parser_construct_message(parser, nullptr);
    if (message != nullptr) {
      InternetAddressList* from = g_mime_message_get_from(message);
      if (from != nullptr) internet_address_list_length(from);
      g_object_unref(message);
    }
    g_object_unref(parser);
    g_object_unref(stream);
  });
}

// Owns one GObject reference.
template <typename T>
class GRef {
 public:
  explicit GRef(T* p = nullptr) : p_(p) {}
  ~GRef() {
    if (p_ != nullptr) g_object_unref(p_);
  }
  GRef(const GRef&) = delete;
  GRef& operator=(const GRef&) = delete;
  T* get() const { return p_; }
  explicit operator bool() const { return p_ != nullptr; }

 private:
  T* p_;
};

// Owns a g_malloc'd string.
class GStr {
 public:
  explicit GStr(char* p) : p_(p) {}
  ~GStr() { g_free(p_); }
  GStr(const GStr&) = delete;
  GStr& operator=(const GStr&) = delete;
  std::string str() const { return p_ ? std::string(p_) : std::string(); }

 private:
  char* p_;
};

// Locale-independent ASCII character classes (bytes >= 0x80 are never
// spaces or letters here: they are parts of UTF-8 sequences).
bool IsSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(unsigned char c) { return IsAlpha(c) || IsDigit(c); }
bool IsXDigit(unsigned char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // ASCII only, locale-free
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && IsSpace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

// Length of the valid UTF-8 sequence at s[i], or 0 if it is not valid.
std::size_t Utf8SequenceLength(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t len;
  std::uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  return len;
}

// Whether s is valid UTF-8; counts valid multi-byte sequences and invalid bytes.
bool CheckUtf8(std::string_view s, std::size_t* multibyte = nullptr, std::size_t* invalid = nullptr) {
  std::size_t mb = 0, bad = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      ++bad;
      ++i;
    } else {
      if (n > 1) ++mb;
      i += n;
    }
  }
  if (multibyte) *multibyte = mb;
  if (invalid) *invalid = bad;
  return bad == 0;
}

// Replaces every invalid byte with U+FFFD.
std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

void AppendUtf8(std::string& out, std::uint32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// "\r\n" and lone "\r" become "\n"; NUL bytes are dropped.
std::string NormalizeNewlines(std::string s) {
  if (s.find('\r') == std::string::npos && s.find('\0') == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else if (c != '\0') {
      out += c;
    }
  }
  return out;
}

// Removes leading and trailing blank lines, and trailing blanks of the text.
std::string TrimBlankLines(std::string_view s) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\n') {
      start = i + 1;
    } else if (s[i] != ' ' && s[i] != '\t') {
      break;
    }
  }
  if (start > s.size()) start = s.size();
  std::size_t end = s.size();
  while (end > start && IsSpace(static_cast<unsigned char>(s[end - 1]))) --end;
  return std::string(s.substr(start, end - start));
}

void AddWarning(std::vector<std::string>* warnings, std::string w) {
  if (warnings == nullptr) return;
  if (std::find(warnings->begin(), warnings->end(), w) == warnings->end()) {
    warnings->push_back(std::move(w));
  }
}

// ---------------------------------------------------------------------------
// Charsets (ICU).
// ---------------------------------------------------------------------------

constexpr const char* kDefaultCharset = "windows-1252";

// Converts with ICU, in slices (no whole-text UTF-16 copy); false if ICU does
// not know the charset. Bytes that are invalid in the charset become U+FFFD.
bool IcuConvert(std::string_view bytes, const char* charset, std::string* out) {
  UErrorCode err = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset, &err);
  if (U_FAILURE(err) || conv == nullptr) return false;
  out->clear();
  out->reserve(bytes.size() + bytes.size() / 4);
  UChar buf[4096];
  const char* src = bytes.data();
  const char* src_end = bytes.data() + bytes.size();
  std::uint32_t high = 0;  // a high surrogate waiting for its pair
  for (;;) {
    UChar* target = buf;
    err = U_ZERO_ERROR;
    ucnv_toUnicode(conv, &target, buf + 4096, &src, src_end, nullptr, /*flush=*/TRUE, &err);
    for (UChar* p = buf; p < target; ++p) {
      std::uint32_t u = *p;
      if (high != 0) {
        if (u >= 0xDC00 && u <= 0xDFFF) {
          AppendUtf8(*out, 0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00));
          high = 0;
          continue;
        }
        AppendUtf8(*out, 0xFFFD);
        high = 0;
      }
      if (u >= 0xD800 && u <= 0xDBFF) {
        high = u;
      } else if (u == 0x1A) {
        AppendUtf8(*out, 0xFFFD);  // ICU's substitute in some single-byte charsets
      } else {
        AppendUtf8(*out, u);  // lone low surrogates become U+FFFD there
      }
    }
    if (err != U_BUFFER_OVERFLOW_ERROR) break;
  }
  if (high != 0) AppendUtf8(*out, 0xFFFD);
  ucnv_close(conv);
  return U_SUCCESS(err);
}

bool IsLatin1Family(std::string_view name) {
  std::string n = Lower(name);
  return n == "iso-8859-1" || n == "windows-1252" || n == "iso-8859-15" || n == "latin1" ||
         n == "iso_8859-1" || n == "cp1252" || n == "us-ascii";
}

// ICU's detector, biased towards windows-1252 (Foco reads Spanish mail).
std::string GuessCharset(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&err);
  if (U_FAILURE(err) || det == nullptr) return kDefaultCharset;
  std::string result = kDefaultCharset;
  std::size_t sample = std::min<std::size_t>(bytes.size(), 64 * 1024);
  ucsdet_setText(det, bytes.data(), static_cast<int32_t>(sample), &err);
  int32_t count = 0;
  const UCharsetMatch** matches = U_SUCCESS(err) ? ucsdet_detectAll(det, &count, &err) : nullptr;
  if (U_SUCCESS(err) && matches != nullptr && count > 0) {
    const char* top_name = ucsdet_getName(matches[0], &err);
    int32_t top_conf = ucsdet_getConfidence(matches[0], &err);
    int32_t latin_conf = 0;
    for (int32_t k = 0; k < count; ++k) {
      UErrorCode e2 = U_ZERO_ERROR;
      const char* n = ucsdet_getName(matches[k], &e2);
      if (U_SUCCESS(e2) && n != nullptr && IsLatin1Family(n)) {
        latin_conf = std::max(latin_conf, ucsdet_getConfidence(matches[k], &e2));
      }
    }
    if (U_SUCCESS(err) && top_name != nullptr) {
      std::string name = top_name;
      bool usable = !IsLatin1Family(name) && name.rfind("UTF-16", 0) != 0 &&
                    name.rfind("UTF-32", 0) != 0 && name.rfind("IBM", 0) != 0 && name != "UTF-8";
      if (usable && top_conf >= 50 && top_conf > latin_conf + 10) result = name;
    }
  }
  ucsdet_close(det);
  return result;
}

// Undeclared (or unusable declared) 8-bit text.
std::string ConvertUndeclared(std::string_view bytes, std::vector<std::string>* warnings,
                              const std::string& why) {
  if (CheckUtf8(bytes)) return std::string(bytes);
  std::string charset = GuessCharset(bytes);
  std::string out;
  if (!IcuConvert(bytes, charset.c_str(), &out)) {
    charset = kDefaultCharset;
    IcuConvert(bytes, charset.c_str(), &out);
  }
  AddWarning(warnings, why + ", read as " + charset);
  return SanitizeUtf8(out);
}

// The charset name inside an HTML <meta> tag, if any.
std::string HtmlMetaCharset(std::string_view html) {
  std::string head = Lower(html.substr(0, std::min<std::size_t>(html.size(), 4096)));
  std::size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    std::size_t end = head.find('>', pos);
    if (end == std::string::npos) break;
    std::string_view tag(head.data() + pos, end - pos);
    std::size_t cs = tag.find("charset=");
    if (cs != std::string_view::npos) {
      std::size_t i = cs + 8;
      while (i < tag.size() && (tag[i] == '"' || tag[i] == '\'' || tag[i] == ' ')) ++i;
      std::size_t j = i;
      while (j < tag.size() && (IsAlnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' ||
                                tag[j] == '_' || tag[j] == '.' || tag[j] == ':')) {
        ++j;
      }
      if (j > i) return std::string(tag.substr(i, j - i));
    }
    pos = end;
  }
  return "";
}

// ---------------------------------------------------------------------------
// HTML to text.
// ---------------------------------------------------------------------------

struct Entity {
  const char* name;
  std::uint32_t cp;
};

// Latin-1 names, in code point order from U+00A0.
const char* const kLatin1Names[] = {
    "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",
    "uml",    "copy",   "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",
    "deg",    "plusmn", "sup2",   "sup3",   "acute",  "micro",  "para",   "middot",
    "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
    "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",
    "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",
    "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN",  "szlig",
    "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",  "aelig",  "ccedil",
    "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
    "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide",
    "oslash", "ugrave", "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml",
};

const Entity kOtherEntities[] = {
    {"amp", '&'},       {"lt", '<'},         {"gt", '>'},         {"quot", '"'},
    {"apos", '\''},     {"euro", 0x20AC},    {"ndash", 0x2013},   {"mdash", 0x2014},
    {"lsquo", 0x2018},  {"rsquo", 0x2019},   {"sbquo", 0x201A},   {"ldquo", 0x201C},
    {"rdquo", 0x201D},  {"bdquo", 0x201E},   {"hellip", 0x2026},  {"bull", 0x2022},
    {"trade", 0x2122},  {"dagger", 0x2020},  {"Dagger", 0x2021},  {"permil", 0x2030},
    {"lsaquo", 0x2039}, {"rsaquo", 0x203A},  {"OElig", 0x0152},   {"oelig", 0x0153},
    {"Scaron", 0x0160}, {"scaron", 0x0161},  {"Yuml", 0x0178},    {"fnof", 0x0192},
    {"circ", 0x02C6},   {"tilde", 0x02DC},   {"ensp", ' '},       {"emsp", ' '},
    {"thinsp", ' '},    {"larr", 0x2190},    {"rarr", 0x2192},    {"uarr", 0x2191},
    {"darr", 0x2193},   {"hearts", 0x2665},  {"prime", 0x2032},   {"Prime", 0x2033},
    {"minus", 0x2212},  {"le", 0x2264},      {"ge", 0x2265},      {"ne", 0x2260},
    {"infin", 0x221E},  {"asymp", 0x2248},   {"alpha", 0x03B1},   {"beta", 0x03B2},
};

// Code points that are dropped when decoded (invisible formatting).
bool Invisible(std::uint32_t cp) {
  return cp == 0x00AD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x200E ||
         cp == 0x200F || cp == 0xFEFF;
}

// Windows-1252 meanings of C1 numeric references (&#150; is "–"), as HTML5 says.
const std::uint16_t kCp1252C1[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

// Decodes the character reference at html[i] ('&'). Returns false if it is not
// one (the '&' is then literal). On success sets *cp and *len.
bool DecodeEntity(std::string_view html, std::size_t i, std::uint32_t* cp, std::size_t* len) {
  std::size_t j = i + 1;
  if (j < html.size() && html[j] == '#') {
    ++j;
    bool hex = j < html.size() && (html[j] == 'x' || html[j] == 'X');
    if (hex) ++j;
    std::size_t start = j;
    std::uint64_t v = 0;
    while (j < html.size() && j - start < 8 &&
           (hex ? IsXDigit(static_cast<unsigned char>(html[j]))
                : IsDigit(static_cast<unsigned char>(html[j])))) {
      char c = html[j];
      int d = IsDigit(static_cast<unsigned char>(c)) ? c - '0' : ((c | 0x20) - 'a' + 10);
      v = v * (hex ? 16 : 10) + static_cast<std::uint64_t>(d);
      ++j;
    }
    if (j == start) return false;
    if (j < html.size() && html[j] == ';') ++j;
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
      v = 0xFFFD;
    } else if (v >= 0x80 && v <= 0x9F) {
      v = kCp1252C1[v - 0x80];
    }
    *cp = static_cast<std::uint32_t>(v);
    *len = j - i;
    return true;
  }
  std::size_t start = j;
  while (j < html.size() && j - start < 10 && IsAlnum(static_cast<unsigned char>(html[j]))) ++j;
  if (j == start) return false;
  std::string_view name = html.substr(start, j - start);
  bool semicolon = j < html.size() && html[j] == ';';
  auto found = [&](std::uint32_t value) {
    *cp = value;
    *len = j - i + (semicolon ? 1 : 0);
    return true;
  };
  for (std::size_t k = 0; k < sizeof(kLatin1Names) / sizeof(kLatin1Names[0]); ++k) {
    if (name == kLatin1Names[k]) return found(0xA0 + static_cast<std::uint32_t>(k));
  }
  for (const Entity& e : kOtherEntities) {
    if (name == e.name) return found(e.cp);
  }
  return false;
}

// Builds the text: collapses white space, keeps line structure, prefixes the
// lines inside <blockquote> with "> ".
class TextSink {
 public:
  void Newlines(int n) {
    pending_space_ = false;
    if (pending_newlines_ < n) pending_newlines_ = n;
  }
  void Break() {  // <br>: always ends a line, two in a row make a blank line
    pending_space_ = false;
    if (pending_newlines_ < 2) ++pending_newlines_;
  }
  void Space() { pending_space_ = true; }
  void QuoteLevel(int delta) {
    Newlines(1);
    quote_depth_ = std::max(0, quote_depth_ + delta);
  }
  void Char(std::uint32_t cp, bool preformatted) {
    if (!preformatted && (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' ||
                          cp == 0xA0)) {
      Space();
      return;
    }
    if (preformatted && cp == '\n') {
      pending_space_ = false;
      ++pending_newlines_;
      return;
    }
    if (Invisible(cp)) return;
    StartText();
    if (cp == 0xA0) cp = ' ';
    AppendUtf8(out_, cp);
  }
  void Utf8(std::string_view bytes) {  // one already-valid character
    StartText();
    out_.append(bytes);
  }
  std::string Finish() { return TrimBlankLines(out_); }

 private:
  void StartText() {
    if (!out_.empty() && pending_newlines_ > 0) {
      for (int k = 0; k < pending_newlines_; ++k) out_ += '\n';
      at_line_start_ = true;
    }
    pending_newlines_ = 0;
    if (at_line_start_) {
      for (int k = 0; k < quote_depth_; ++k) out_ += "> ";
      at_line_start_ = false;
      pending_space_ = false;
    }
    if (pending_space_) out_ += ' ';
    pending_space_ = false;
  }

  std::string out_;
  int pending_newlines_ = 0;
  bool pending_space_ = false;
  bool at_line_start_ = true;
  int quote_depth_ = 0;
};

bool TagIs(std::string_view name, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (name == n) return true;
  }
  return false;
}

// Position just after the '>' that closes the tag starting at html[i] ('<'),
// honouring quoted attribute values.
std::size_t TagEnd(std::string_view html, std::size_t i) {
  char quote = 0;
  for (std::size_t j = i + 1; j < html.size(); ++j) {
    char c = html[j];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      // Only an attribute value opens a quote: it follows '='.
      std::size_t k = j;
      while (k > i && (html[k - 1] == ' ' || html[k - 1] == '\t')) --k;
      if (k > i && html[k - 1] == '=') quote = c;
    } else if (c == '>') {
      return j + 1;
    }
  }
  return html.size();
}

// Position after the end tag </name ...> that closes a raw-text element.
std::size_t SkipElement(std::string_view html, std::size_t from, const std::string& name) {
  std::string needle = "</" + name;
  std::size_t i = from;
  while (i < html.size()) {
    std::size_t lt = html.find("</", i);
    if (lt == std::string_view::npos) return html.size();
    if (lt + needle.size() <= html.size() && Lower(html.substr(lt, needle.size())) == needle) {
      std::size_t after = lt + needle.size();
      if (after >= html.size() || !IsAlnum(static_cast<unsigned char>(html[after]))) {
        return TagEnd(html, lt);
      }
    }
    i = lt + 2;
  }
  return html.size();
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  TextSink sink;
  int pre = 0;
  std::size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (html.compare(i, 4, "<!--") == 0) {
        std::size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      if (i + 1 < html.size() && (html[i + 1] == '!' || html[i + 1] == '?')) {
        i = TagEnd(html, i);
        continue;
      }
      std::size_t j = i + 1;
      bool closing = j < html.size() && html[j] == '/';
      if (closing) ++j;
      std::size_t name_start = j;
      while (j < html.size() && (IsAlnum(static_cast<unsigned char>(html[j])) || html[j] == ':' ||
                                 html[j] == '-')) {
        ++j;
      }
      if (j == name_start || !IsAlpha(static_cast<unsigned char>(html[name_start]))) {
        sink.Char('<', pre > 0);  // a literal '<'
        ++i;
        continue;
      }
      std::string name = Lower(html.substr(name_start, j - name_start));
      std::size_t end = TagEnd(html, i);
      std::string_view attrs = html.substr(j, end - j);
      i = end;
      if (!closing && TagIs(name, {"script", "style", "head", "title", "noscript", "template",
                                   "svg", "object", "xml"})) {
        i = SkipElement(html, i, name);
        continue;
      }
      if (name == "br") {
        sink.Break();
      } else if (name == "p") {
        sink.Newlines(2);
      } else if (name == "blockquote") {
        sink.QuoteLevel(closing ? -1 : 1);
      } else if (name == "pre") {
        sink.Newlines(1);
        pre = std::max(0, pre + (closing ? -1 : 1));
      } else if (name == "hr") {
        sink.Newlines(1);
        sink.Utf8("________________________________");
        sink.Newlines(1);
      } else if (name == "td" || name == "th") {
        sink.Space();
      } else if (TagIs(name, {"div", "li", "tr", "table", "ul", "ol", "dl", "dt", "dd", "h1", "h2",
                              "h3", "h4", "h5", "h6", "section", "article", "header", "footer",
                              "nav", "aside", "address", "form", "fieldset", "figure",
                              "figcaption", "main", "center", "caption", "body", "html"})) {
        sink.Newlines(1);
        if (name == "div" && !closing && Lower(attrs).find("gmail_signature") != std::string::npos) {
          // Gmail's HTML signature has no "-- " line of its own.
          sink.Utf8("--");
          sink.Newlines(1);
        }
      }
      continue;
    }
    if (c == '&') {
      std::uint32_t cp;
      std::size_t len;
      if (DecodeEntity(html, i, &cp, &len)) {
        sink.Char(cp, pre > 0);
        i += len;
        continue;
      }
    }
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80) {
      sink.Char(u, pre > 0);
      ++i;
    } else {
      std::size_t n = Utf8SequenceLength(html, i);
      if (n == 0) {
        sink.Char(0xFFFD, pre > 0);
        ++i;
      } else {
        std::uint32_t cp = 0;
        if (n == 2 && u == 0xC2 && static_cast<unsigned char>(html[i + 1]) == 0xA0) cp = 0xA0;
        if (cp == 0xA0) {
          sink.Char(cp, pre > 0);
        } else {
          sink.Utf8(html.substr(i, n));
        }
        i += n;
      }
    }
  }
  return sink.Finish();
}

std::string ConvertToUtf8(std::string_view bytes, std::string_view declared_charset,
                          std::vector<std::string>* warnings) {
  std::string declared = Lower(Trim(declared_charset));
  if (declared.size() >= 2 && (declared.front() == '"' || declared.front() == '\'')) {
    declared = declared.substr(1, declared.size() - 2);
  }
  if (IsAscii(bytes)) return std::string(bytes);
  if (declared.empty() || declared == "us-ascii" || declared == "ascii" || declared == "ansi_x3.4-1968" ||
      declared == "unknown-8bit" || declared == "unknown" || declared == "x-unknown" ||
      declared == "default" || declared == "none") {
    return ConvertUndeclared(bytes, warnings,
                             declared.empty() ? std::string("undeclared 8-bit text")
                                              : "8-bit text declared " + declared);
  }
  if (declared == "utf-8" || declared == "utf8" || declared == "x-utf-8") {
    std::size_t multibyte = 0, invalid = 0;
    if (CheckUtf8(bytes, &multibyte, &invalid)) return std::string(bytes);
    if (multibyte == 0) {
      return ConvertUndeclared(bytes, warnings, "text declared utf-8 is not utf-8");
    }
    AddWarning(warnings, "invalid utf-8 bytes replaced with U+FFFD");
    return SanitizeUtf8(bytes);
  }
  std::string icu_name = declared;
  if (IsLatin1Family(declared) && declared != "iso-8859-15") icu_name = kDefaultCharset;
  if (declared == "ks_c_5601-1987") icu_name = "windows-949";  // Outlook's name for it
  std::string out;
  if (!IcuConvert(bytes, icu_name.c_str(), &out)) {
    return ConvertUndeclared(bytes, warnings, "unknown charset " + declared);
  }
  return SanitizeUtf8(out);
}

namespace {

// ---------------------------------------------------------------------------
// GMime: headers and body.
// ---------------------------------------------------------------------------

struct ParseContext {
  GMimeParserOptions* options = nullptr;
  std::vector<std::string>* warnings = nullptr;
};

void OnParserWarning(gint64 offset, GMimeParserWarning code, const gchar* item, gpointer data) {
  auto* warnings = static_cast<std::vector<std::string>*>(data);
  const char* text = nullptr;
  switch (code) {
    case GMIME_WARN_INVALID_CONTENT_TYPE: text = "invalid Content-Type"; break;
    case GMIME_WARN_MALFORMED_MULTIPART: text = "malformed multipart"; break;
    case GMIME_WARN_TRUNCATED_MESSAGE: text = "truncated message (a multipart end boundary is missing)"; break;
    case GMIME_WARN_MALFORMED_MESSAGE: text = "malformed message"; break;
    case GMIME_CRIT_INVALID_HEADER_NAME: text = "invalid header line"; break;
    case GMIME_CRIT_MULTIPART_WITHOUT_BOUNDARY: text = "multipart without boundary"; break;
    case GMIME_CRIT_NESTING_OVERFLOW: text = "MIME parts nested too deep"; break;
    case GMIME_WARN_PART_WITHOUT_CONTENT: text = "MIME part without content"; break;
    case GMIME_CRIT_PART_WITHOUT_HEADERS_OR_CONTENT: text = "MIME part without headers or content"; break;
    default: break;  // duplicated or conflicting headers, bad parameters: harmless
  }
  if (text != nullptr) AddWarning(warnings, text);
}

// The first header `name` of `object`: unfolded, converted to UTF-8, not
// RFC 2047 decoded. Empty if absent.
std::string RawHeader(GMimeObject* object, const char* name, ParseContext& ctx) {
  GMimeHeaderList* list = g_mime_object_get_header_list(object);
  if (list == nullptr) return "";
  GMimeHeader* header = g_mime_header_list_get_header(list, name);
  if (header == nullptr) return "";
  const char* raw = g_mime_header_get_raw_value(header);
  if (raw == nullptr) return "";
  GStr unfolded(g_mime_utils_header_unfold(raw));
  std::string value(Trim(unfolded.str()));
  return ConvertToUtf8(value, "", ctx.warnings);
}

// Decodes the payload of an RFC 2047 encoded word ('Q' or 'B').
std::string DecodeEncodedWordPayload(char encoding, std::string_view payload) {
  std::string out;
  if (encoding == 'Q' || encoding == 'q') {
    for (std::size_t i = 0; i < payload.size(); ++i) {
      char c = payload[i];
      if (c == '_') {
        out += ' ';
      } else if (c == '=' && i + 2 < payload.size() && IsXDigit(static_cast<unsigned char>(payload[i + 1])) &&
                 IsXDigit(static_cast<unsigned char>(payload[i + 2]))) {
        out += static_cast<char>(std::stoi(std::string(payload.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        out += c;
      }
    }
    return out;
  }
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::uint32_t acc = 0;
  int bits = 0;
  for (char c : payload) {
    std::size_t v = kAlphabet.find(c);
    if (v == std::string::npos) continue;
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

// Encoded words that declare UTF-8 but carry Latin-1 bytes
// ("=?UTF-8?Q?Luc=eda?=") are relabelled windows-1252 before GMime decodes
// them (GMime would turn the bad bytes into '?').
std::string RelabelBrokenUtf8Words(const std::string& value) {
  std::string out;
  std::size_t pos = 0;
  while (pos < value.size()) {
    std::size_t start = value.find("=?", pos);
    if (start == std::string::npos) break;
    std::size_t q1 = value.find('?', start + 2);
    if (q1 == std::string::npos || q1 + 2 >= value.size() || value[q1 + 2] != '?') break;
    std::size_t end = value.find("?=", q1 + 3);
    if (end == std::string::npos) break;
    std::string charset = Lower(value.substr(start + 2, q1 - start - 2));
    std::size_t star = charset.find('*');
    if (star != std::string::npos) charset.resize(star);
    out.append(value, pos, start - pos);
    std::string word = value.substr(start, end + 2 - start);
    if (charset == "utf-8" || charset == "utf8") {
      std::string bytes = DecodeEncodedWordPayload(value[q1 + 1], value.substr(q1 + 3, end - q1 - 3));
      std::size_t multibyte = 0;
      if (!CheckUtf8(bytes, &multibyte) && multibyte == 0) {
        word = "=?windows-1252?" + value.substr(q1 + 1, end + 2 - q1 - 1);
      }
    }
    out += word;
    pos = end + 2;
  }
  out.append(value, pos, std::string::npos);
  return out;
}

std::string DecodeText(const std::string& utf8, ParseContext& ctx) {
  if (utf8.empty()) return "";
  GStr decoded(g_mime_utils_header_decode_text(ctx.options, RelabelBrokenUtf8Words(utf8).c_str()));
  return SanitizeUtf8(Trim(decoded.str()));
}

void ReadFrom(GMimeMessage* message, ParseContext& ctx, SourceMessage* out) {
  std::string value = RawHeader(GMIME_OBJECT(message), "From", ctx);
  if (value.empty()) return;
  std::string name, addr;
  value = RelabelBrokenUtf8Words(value);
  GRef<InternetAddressList> list(internet_address_list_parse(ctx.options, value.c_str()));
  if (list && internet_address_list_length(list.get()) > 0) {
    InternetAddress* ia = internet_address_list_get_address(list.get(), 0);
    if (INTERNET_ADDRESS_IS_GROUP(ia)) {
      InternetAddressList* members = internet_address_group_get_members(INTERNET_ADDRESS_GROUP(ia));
      if (members != nullptr && internet_address_list_length(members) > 0) {
        ia = internet_address_list_get_address(members, 0);
      }
    }
    if (INTERNET_ADDRESS_IS_MAILBOX(ia)) {
      const char* n = internet_address_get_name(ia);
      const char* a = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
      name = SanitizeUtf8(Trim(n ? n : ""));
      addr = SanitizeUtf8(Trim(a ? a : ""));
    }
  }
  if (addr.empty() && name.empty()) {
    out->from = DecodeText(value, ctx);
    // Best effort: the first thing that looks like an address.
    std::size_t at = out->from.find('@');
    if (at != std::string::npos) {
      auto stop = [](char c) {
        return IsSpace(static_cast<unsigned char>(c)) || c == '<' || c == '>' || c == '"' ||
               c == '(' || c == ')' || c == ',' || c == ';';
      };
      std::size_t a = at, b = at;
      while (a > 0 && !stop(out->from[a - 1])) --a;
      while (b < out->from.size() && !stop(out->from[b])) ++b;
      out->from_address = Lower(out->from.substr(a, b - a));
    } else {
      // Mailing-list archives write "ana at example.com (Ana Pérez)".
      std::string_view v = Trim(out->from);
      std::size_t sp = v.find(" at ");
      if (sp != std::string_view::npos && sp > 0 && v.substr(0, sp).find(' ') == std::string_view::npos) {
        std::string_view domain = v.substr(sp + 4);
        domain = domain.substr(0, domain.find(' '));
        if (domain.find('.') != std::string_view::npos) {
          out->from_address = Lower(std::string(v.substr(0, sp)) + "@" + std::string(domain));
        }
      }
    }
    return;
  }
  out->from = name.empty() ? addr : (addr.empty() ? name : name + " <" + addr + ">");
  out->from_address = Lower(addr);
}

std::string MessageId(const std::string& raw) {
  std::string_view v = Trim(raw);
  std::size_t lt = v.find('<');
  if (lt != std::string_view::npos) {
    std::size_t gt = v.find('>', lt + 1);
    if (gt != std::string_view::npos) return std::string(Trim(v.substr(lt + 1, gt - lt - 1)));
    return std::string(Trim(v.substr(lt + 1)));
  }
  return std::string(v);
}

// RFC 3676 format=flowed: joins soft-broken lines.
std::string Unflow(const std::string& text, bool delsp) {
  std::vector<std::string> out_lines;
  int current_depth = -1;
  bool joining = false;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::string line = text.substr(start, nl - start);
    start = nl + 1;
    int depth = 0;
    std::size_t k = 0;
    while (k < line.size() && line[k] == '>') {
      ++depth;
      ++k;
    }
    std::string content = line.substr(k);
    if (!content.empty() && content[0] == ' ') content.erase(0, 1);  // space-stuffing
    bool flowed = !content.empty() && content.back() == ' ' && content != "-- ";
    if (flowed && delsp) content.pop_back();
    if (joining && depth == current_depth && !out_lines.empty()) {
      out_lines.back() += content;
    } else {
      std::string prefix = depth > 0 ? std::string(static_cast<std::size_t>(depth), '>') + " " : "";
      out_lines.push_back(prefix + content);
    }
    current_depth = depth;
    joining = flowed;
    if (nl == text.size()) break;
  }
  std::string out;
  for (std::size_t i = 0; i < out_lines.size(); ++i) {
    if (i > 0) out += '\n';
    out += out_lines[i];
  }
  return out;
}

// What a walk over the MIME tree found.
struct Collected {
  std::vector<std::string> texts;
  int plain_parts = 0;
  int html_parts = 0;
  int attachments = 0;

  bool HasText() const { return plain_parts + html_parts > 0; }
  bool Blank() const {
    for (const std::string& t : texts) {
      if (!Trim(t).empty()) return false;
    }
    return true;
  }
  void Append(Collected&& other) {
    for (std::string& t : other.texts) texts.push_back(std::move(t));
    plain_parts += other.plain_parts;
    html_parts += other.html_parts;
    attachments += other.attachments;
  }
};

std::string DecodePart(GMimePart* part, bool html, ParseContext& ctx) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content == nullptr) return "";
  GRef<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, mem.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  std::string_view raw;
  if (bytes != nullptr && bytes->len > 0) {
    raw = std::string_view(reinterpret_cast<const char*>(bytes->data), bytes->len);
  }
  const char* declared = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
  std::string charset = declared ? declared : "";
  if (html && Trim(charset).empty()) charset = HtmlMetaCharset(raw);
  std::string text = NormalizeNewlines(ConvertToUtf8(raw, charset, ctx.warnings));
  if (html) return HtmlToText(text);
  const char* format = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "format");
  if (format != nullptr && Lower(format) == "flowed") {
    const char* delsp = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "delsp");
    text = Unflow(text, delsp != nullptr && Lower(delsp) == "yes");
  }
  return text;
}

bool IsAttachment(GMimeObject* object) {
  const char* disposition = g_mime_object_get_disposition(object);
  if (disposition != nullptr && Lower(disposition) == "attachment") return true;
  if (GMIME_IS_PART(object)) {
    const char* filename = g_mime_part_get_filename(GMIME_PART(object));
    if (filename != nullptr && *filename != '\0') return true;
  }
  return false;
}

Collected Collect(GMimeObject* object, bool top, ParseContext& ctx);

Collected ChooseAlternative(GMimeMultipart* multipart, ParseContext& ctx) {
  std::vector<Collected> options;
  int n = g_mime_multipart_get_count(multipart);
  for (int k = 0; k < n; ++k) {
    options.push_back(Collect(g_mime_multipart_get_part(multipart, k), false, ctx));
  }
  if (options.empty()) return Collected();
  auto pick = [&](auto predicate) -> int {
    for (std::size_t k = 0; k < options.size(); ++k) {
      if (predicate(options[k])) return static_cast<int>(k);
    }
    return -1;
  };
  // Plain text first; HTML only when the plain alternative is missing or empty.
  int chosen = pick([](const Collected& c) { return c.plain_parts > 0 && c.html_parts == 0 && !c.Blank(); });
  if (chosen < 0) chosen = pick([](const Collected& c) { return c.plain_parts > 0 && !c.Blank(); });
  if (chosen < 0) chosen = pick([](const Collected& c) { return c.HasText() && !c.Blank(); });
  if (chosen < 0) chosen = pick([](const Collected& c) { return c.HasText(); });
  if (chosen < 0) chosen = static_cast<int>(options.size()) - 1;  // MIME's preferred: the last
  return std::move(options[static_cast<std::size_t>(chosen)]);
}

Collected Collect(GMimeObject* object, bool top, ParseContext& ctx) {
  Collected out;
  if (object == nullptr) return out;
  if (GMIME_IS_MULTIPART(object)) {
    if (GMIME_IS_MULTIPART_ENCRYPTED(object)) {
      out.attachments = 1;
      AddWarning(ctx.warnings, "encrypted content not scanned");
      return out;
    }
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    GMimeContentType* type = g_mime_object_get_content_type(object);
    const char* subtype = type ? g_mime_content_type_get_media_subtype(type) : nullptr;
    if (subtype != nullptr && Lower(subtype) == "alternative") return ChooseAlternative(multipart, ctx);
    int n = g_mime_multipart_get_count(multipart);
    for (int k = 0; k < n; ++k) out.Append(Collect(g_mime_multipart_get_part(multipart, k), false, ctx));
    return out;
  }
  if (GMIME_IS_PART(object)) {
    GMimeContentType* type = g_mime_object_get_content_type(object);
    const char* media = type ? g_mime_content_type_get_media_type(type) : nullptr;
    const char* sub = type ? g_mime_content_type_get_media_subtype(type) : nullptr;
    std::string media_l = Lower(media ? media : "text");
    std::string sub_l = Lower(sub ? sub : "plain");
    bool text = media_l == "text" && (sub_l == "plain" || sub_l == "html" || sub_l == "enriched" ||
                                      sub_l == "richtext" || sub_l == "x-web-markdown" ||
                                      sub_l == "markdown");
    if (text && (top || !IsAttachment(object))) {
      bool html = sub_l == "html";
      out.texts.push_back(DecodePart(GMIME_PART(object), html, ctx));
      (html ? out.html_parts : out.plain_parts) += 1;
      return out;
    }
  }
  // Attachments, images, signatures, attached messages (message/rfc822).
  out.attachments = 1;
  return out;
}

// Parses `raw` with GMime: headers into `msg`, the text parts into the result.
// Returns false when GMime finds no header at all. The GMime objects (and
// their copy of the message) are gone when this returns.
bool ParseWithGMime(std::string_view raw, SourceMessage* msg, std::vector<std::string>* texts) {
  GMimeParserOptions* parser_options = g_mime_parser_options_new();
  g_mime_parser_options_set_warning_callback(parser_options, OnParserWarning, &msg->warnings);
  // Encoded words whose bytes do not fit their declared charset.
  const char* fallback[] = {"UTF-8", "windows-1252", nullptr};
  g_mime_parser_options_set_fallback_charsets(parser_options, fallback);
  ParseContext ctx{parser_options, &msg->warnings};

  bool parsed = false;
  {
    GRef<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
    GRef<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    GRef<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), parser_options));
    if (message) {
      parsed = true;
      GMimeObject* top = GMIME_OBJECT(message.get());
      msg->message_id = SanitizeUtf8(MessageId(RawHeader(top, "Message-ID", ctx)));
      msg->date = RawHeader(top, "Date", ctx);
      msg->subject = DecodeText(RawHeader(top, "Subject", ctx), ctx);
      ReadFrom(message.get(), ctx, msg);

      Collected collected = Collect(g_mime_message_get_mime_part(message.get()), true, ctx);
      msg->attachments_skipped = collected.attachments;
      if (!collected.HasText()) msg->skip_reason = "no text part";
      *texts = std::move(collected.texts);
    }
  }
  g_mime_parser_options_free(parser_options);
  return parsed;
}

}  // namespace

Result<SourceMessage> ParseMailMessage(std::string_view raw_bytes, const MailOptions& options) {
  std::string_view raw = raw_bytes;
  if (raw.size() >= 3 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) raw.remove_prefix(3);
  // A leading mbox "From " line is framing, not a header.
  if (raw.compare(0, 5, "From ") == 0) {
    std::size_t nl = raw.find('\n');
    raw.remove_prefix(nl == std::string_view::npos ? raw.size() : nl + 1);
  }
  if (Trim(raw).empty()) return Status(ErrorCode::kParseError, "empty message");

  EnsureGMime();
  SourceMessage msg;
  std::vector<std::string> texts;
  if (!ParseWithGMime(raw, &msg, &texts)) {
    // No header at all: not a MIME message, but maybe still text.
    msg.warnings.clear();
    if (raw.substr(0, 8192).find('\0') != std::string_view::npos) {
      msg.skip_reason = "not a mail message (binary data)";
      return msg;
    }
    AddWarning(&msg.warnings, "no message headers; read as plain text");
    texts.push_back(NormalizeNewlines(ConvertToUtf8(raw, "", &msg.warnings)));
  }

  // The text parts, separated by a blank line.
  std::string body;
  for (std::string& t : texts) {
    std::string piece = TrimBlankLines(t);
    t = std::string();  // release as we go
    if (piece.empty()) continue;
    if (body.empty()) {
      body = std::move(piece);
    } else {
      body += "\n\n";
      body += piece;
    }
  }
  texts.clear();
  if (!CheckUtf8(body)) body = SanitizeUtf8(body);

  if (options.strip_replies) {
    ClientText client = StripReplies(body);
    body = std::string();
    msg.text = std::move(client.text);
    msg.stripped = std::move(client.stripped);
  } else {
    msg.text = std::move(body);
  }
  return msg;
}

void FinishDeferredMessage(SourceMessage* message, const MailOptions& options) {
  if (message->raw_mail.empty()) return;
  std::string raw = std::move(message->raw_mail);
  message->raw_mail.clear();
  Result<SourceMessage> parsed = ParseMailMessage(raw, options);
  if (!parsed.ok()) {
    message->skip_reason = parsed.status().message();
    return;
  }
  SourceMessage& decoded = parsed.value();
  decoded.source = std::move(message->source);
  decoded.index = message->index;
  decoded.byte_offset = message->byte_offset;
  decoded.line = message->line;
  decoded.warnings.insert(decoded.warnings.begin(), message->warnings.begin(), message->warnings.end());
  *message = std::move(decoded);
}

}  // namespace foco
