#include "source/reply_strip.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace foco {
namespace {

// ---------------------------------------------------------------------------
// The pattern table: every phrase StripReplies knows lives here.
// ---------------------------------------------------------------------------

enum class Rule {
  kQuote,              // a quoted line
  kAttribution,        // "El … escribió:" / "On … wrote:" (may be wrapped)
  kAttributionStart,   // how a wrapped attribution's first line starts
  kLooseAttribution,   // "… escribió:" anywhere; needs quoted lines after it
  kAttributionEvidence,  // a time or an address: the line was made by a program
  kToEnd,              // a separator: the rest of the text is this kind
  kOutlookFrom,        // "De: …" opening an Outlook header block
  kOutlookSent,        // "Enviado: …" / "Sent: …" / "Fecha: …"
  kOutlookTo,          // "Para: …" / "To: …" / "Asunto: …"
  kRuleAbove,          // "______" drawn above an Outlook header block
  kSignature,          // "-- " delimiter: the signature runs to the next block
  kMobileSignature,    // one line: "Enviado desde mi iPhone"
  kFooter,             // a legal notice (matched on its whole paragraph)
};

struct Pattern {
  Rule rule;
  const char* kind;
  const char* regex;
};

// Devices and apps named in "sent from my …" lines.
#define FOCO_DEVICES                                                              \
  "(iPhone|iPad|iPod|Apple Watch|Android|m[óo]vil|celular|tel[ée]fono|smartphone|" \
  "dispositivo|tablet|tableta|Samsung|Galaxy|Huawei|Xiaomi|Redmi|BlackBerry|"      \
  "Outlook|Correo|Mail|Yahoo|Gmail|Proton ?Mail|Windows|Nokia|Motorola|Sony|LG|"   \
  "HTC|OnePlus|Oppo|Honor|Pixel|mobile|phone|device)"

const Pattern kPatterns[] = {
    {Rule::kQuote, "quote", R"(^[ \t]*>)"},

    // Gmail, Apple Mail, Thunderbird, Yahoo ("En lunes, …"), Roundcube: "El
    // 03/03/25 a las 10:15, Ana escribió:", "On Fri, Feb 28, 2025 at 6:02 PM
    // Ana <a@b> wrote:".
    {Rule::kAttribution, "attribution", R"((?i)^\s*E[ln]\s.{1,400}\s(escribi[óo]|ha\s+escrito)\s*:\s*$)"},
    {Rule::kAttribution, "attribution", R"((?i)^\s*On\s.{1,400}\swrote\s*:\s*$)"},
    {Rule::kAttribution, "attribution", R"((?i)^\s*Em\s.{1,400}\sescreveu\s*:\s*$)"},
    {Rule::kAttribution, "attribution", R"((?i)^\s*Le\s.{1,400}\sa\s+écrit\s*:\s*$)"},
    {Rule::kAttribution, "attribution", R"((?i)^\s*Am\s.{1,400}\sschrieb[^:]{0,60}:\s*$)"},
    {Rule::kAttributionStart, "", R"((?i)^\s*(El|En|On|Em|Le|Am)\s)"},
    {Rule::kLooseAttribution, "attribution",
     R"((?i)(escribi[óo]|ha\s+escrito|wrote|escreveu|a\s+écrit|schrieb)[^:]{0,100}:\s*$)"},
    {Rule::kAttributionEvidence, "", R"([0-9]{1,2}:[0-9]{2}|@)"},

    // Outlook / Thunderbird separators and forwarded messages.
    {Rule::kToEnd, "original_message",
     R"((?i)^\s*-{2,}\s*(Mensaje original|Original Message|Mensagem original|Message d'origine|Ursprüngliche Nachricht)\s*-{2,}\s*$)"},
    {Rule::kToEnd, "forwarded",
     R"((?i)^\s*-{2,}\s*(Mensaje reenviado|Forwarded message|Mensagem encaminhada|Message transféré|Weitergeleitete Nachricht)\s*-{2,}\s*$)"},
    {Rule::kToEnd, "forwarded",
     R"((?i)^\s*(Begin forwarded message|Inicio del mensaje reenviado|Comienzo del mensaje reenviado)\s*:?\s*$)"},

    // Outlook header block ("De: … Enviado: … Para: … Asunto: …").
    {Rule::kOutlookFrom, "original_message", R"((?i)^\s*\*?(De|From|Von|Da)\s*:\*?\s+\S)"},
    {Rule::kOutlookSent, "", R"((?i)^\s*\*?(Enviado(\s+el)?|Enviada|Fecha|Sent|Date|Gesendet|Data)\s*:)"},
    {Rule::kOutlookTo, "", R"((?i)^\s*\*?(Para|To|Asunto|Subject|CC|CCO|An|Betreff|Assunto)\s*:)"},
    {Rule::kRuleAbove, "", R"(^\s*_{8,}\s*$)"},

    // Signatures.
    {Rule::kSignature, "signature", R"(^--[ \t]?\r?$)"},
    {Rule::kMobileSignature, "signature",
     R"((?i)^\s*(Enviado|Enviada|Sent|Enviat)\s+(desde|from|con|with|using|v[ií]a|des de)\s+)"
     R"((mi|my|el|la|un|una|a|an|the)?\s*[^.!?,;:]{0,40})" FOCO_DEVICES R"([^,;:<\n]{0,40}(<[^\n]*)?$)"},
    {Rule::kMobileSignature, "signature",
     R"((?i)^\s*(Get|Obtener|Obtenga|Descargar|Descarga)\s+Outlook\s+(for|para)\s+(iOS|Android)\s*\.?\s*$)"},

    // Legal footers. Matched against the paragraph that starts on the line.
    {Rule::kFooter, "footer",
     R"((?i)^\s*(AVISO|NOTA|ADVERTENCIA)\s+(DE\s+)?(CONFIDENCIALIDAD|LEGAL|IMPORTANTE))"},
    {Rule::kFooter, "footer",
     R"((?i)^\s*(CL[ÁA]USULA\s+DE\s+CONFIDENCIALIDAD|CONFIDENCIALIDAD\s*:|CONFIDENTIALITY\s+(NOTICE|NOTE|STATEMENT)|CONFIDENTIAL(ITY)?\s*:|DISCLAIMER|LEGAL\s+(NOTICE|DISCLAIMER)|PROTECCI[ÓO]N\s+DE\s+DATOS\s*:))"},
    {Rule::kFooter, "footer",
     R"((?i)^\s*(este|el\s+presente)\s+(mensaje|correo|e-?mail|comunicado)[^.]{0,250}confidencial)"},
    {Rule::kFooter, "footer",
     R"((?i)^\s*(la\s+)?informaci[óo]n\s+(contenida\s+|incluida\s+)?en\s+(este|el\s+presente)\s+(mensaje|correo|e-?mail))"},
    {Rule::kFooter, "footer",
     R"((?i)^\s*this\s+(e-?mail|message|communication)[^.]{0,250}(confidential|privileged))"},
    {Rule::kFooter, "footer",
     R"((?i)^\s*the\s+information\s+(contained\s+)?in\s+this\s+(e-?mail|message))"},
    {Rule::kFooter, "footer",
     R"((?i)^\s*si\s+(usted\s+)?(no\s+es|ha\s+recibido)[^.]{0,150}(destinatario|por\s+error))"},
    {Rule::kFooter, "footer",
     R"((?i)^\s*if\s+you\s+(are\s+not|have\s+received)[^.]{0,150}(intended\s+recipient|in\s+error))"},
    {Rule::kFooter, "footer",
     R"((?i)^\s*(en\s+cumplimiento|de\s+acuerdo\s+con|de\s+conformidad\s+con|conforme\s+a|seg[úu]n\s+lo\s+dispuesto|le\s+informamos|responsable\s+del\s+tratamiento))"
     R"(.{0,300}(protecci[óo]n\s+de\s+datos|RGPD|LOPD|2016/679|3/2018|15/1999|LSSI))"},
    {Rule::kFooter, "footer",
     R"((?i)^\s*(antes\s+de\s+imprimir|por\s+favor,?\s+(piense|considere)[^.]{0,60}(medio\s*ambiente|imprimir)|please\s+consider\s+the\s+environment|think\s+before\s+you\s+print))"},
};

#undef FOCO_DEVICES

struct Compiled {
  Rule rule;
  const char* kind;
  std::unique_ptr<RE2> re;
};

struct CompiledTable {
  std::vector<Compiled> patterns;
  // All patterns at once: one pass over a line says which of them match, so a
  // line of ordinary prose costs one scan instead of one per pattern.
  std::unique_ptr<RE2::Set> all;
};

const CompiledTable& Table() {
  static const CompiledTable* table = [] {
    auto* t = new CompiledTable();
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_max_mem(8 << 20);
    RE2::Options set_options = opts;
    set_options.set_max_mem(32 << 20);
    t->all = std::make_unique<RE2::Set>(set_options, RE2::UNANCHORED);
    for (const Pattern& p : kPatterns) {
      auto re = std::make_unique<RE2>(p.regex, opts);
      // A pattern that does not compile is a bug caught by the unit tests
      // (each rule has one); skip it rather than crash in production.
      if (!re->ok() || t->all->Add(p.regex, nullptr) < 0) continue;
      t->patterns.push_back(Compiled{p.rule, p.kind, std::move(re)});
    }
    t->all->Compile();
    return t;
  }();
  return *table;
}

// The first pattern of `rule` that matches `s`, or nullptr. The set's answer
// for the last string asked about is kept: the classifier asks about the same
// line for several rules in a row.
const Compiled* Match(Rule rule, std::string_view s) {
  const CompiledTable& table = Table();
  thread_local std::string last_text;
  thread_local std::vector<int> last_hits;
  thread_local bool has_last = false;
  if (!has_last || last_text != s) {
    last_hits.clear();
    table.all->Match(re2::StringPiece(s.data(), s.size()), &last_hits);
    std::sort(last_hits.begin(), last_hits.end());
    last_text.assign(s.data(), s.size());
    has_last = true;
  }
  for (int index : last_hits) {
    const Compiled& c = table.patterns[static_cast<std::size_t>(index)];
    if (c.rule == rule) return &c;
  }
  return nullptr;
}

bool SameKind(const char* a, const char* b) {
  return a != nullptr && b != nullptr && std::string_view(a) == b;
}

bool Blank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

// ---------------------------------------------------------------------------
// The line classifier.
// ---------------------------------------------------------------------------

class Stripper {
 public:
  explicit Stripper(std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(start, nl - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines_.push_back(line);
      start = nl + 1;
    }
    // A final "\n" does not open another (empty) line.
    if (!text.empty() && text.back() == '\n') lines_.pop_back();
    kind_.assign(lines_.size(), nullptr);
  }

  ClientText Run() {
    Classify();
    AbsorbBlankLines();
    return Build();
  }

 private:
  std::size_t size() const { return lines_.size(); }
  bool IsBlank(std::size_t i) const { return Blank(lines_[i]); }
  bool IsQuote(std::size_t i) const { return Match(Rule::kQuote, lines_[i]) != nullptr; }

  std::size_t NextNonBlank(std::size_t i) const {
    while (i < size() && IsBlank(i)) ++i;
    return i;
  }

  // An attribution starting at line i: sets *end (one past its last line),
  // *strong (printed by a program: contains a time or an address) and returns
  // true. An attribution line counts only if quoted lines follow it, or if it
  // is strong (then the unmarked rest of the text is the quoted message).
  bool Attribution(std::size_t i, std::size_t* end, bool* strong) const {
    std::string joined(lines_[i]);
    for (std::size_t k = 0; k < 3 && i + k < size(); ++k) {
      if (k > 0) {
        if (IsBlank(i + k) || IsQuote(i + k)) break;
        joined += ' ';
        joined.append(lines_[i + k]);
      }
      if (joined.size() > 500) break;
      bool strict = Match(Rule::kAttribution, joined) != nullptr;
      bool loose = !strict && k == 0 && Match(Rule::kLooseAttribution, joined) != nullptr;
      if (strict || loose) {
        *end = i + k + 1;
        std::size_t next = NextNonBlank(*end);
        bool quoted_after = next < size() && IsQuote(next);
        *strong = strict && Match(Rule::kAttributionEvidence, joined) != nullptr;
        if (quoted_after || *strong) return true;
        return false;
      }
      // Only a line that opens like an attribution may continue on the next.
      if (k == 0 && Match(Rule::kAttributionStart, lines_[i]) == nullptr) break;
    }
    return false;
  }

  // "De: …" followed, within the next six non-blank lines, by a date field
  // and a recipient or subject field.
  bool OutlookHeader(std::size_t i) const {
    if (Match(Rule::kOutlookFrom, lines_[i]) == nullptr) return false;
    bool sent = false, to = false;
    std::size_t seen = 0;
    for (std::size_t j = i + 1; j < size() && seen < 6; ++j) {
      if (IsBlank(j)) continue;
      ++seen;
      if (Match(Rule::kOutlookSent, lines_[j])) sent = true;
      else if (Match(Rule::kOutlookTo, lines_[j])) to = true;
      if (sent && to) return true;
    }
    return false;
  }

  const char* ToEndSeparator(std::size_t i) const {
    const Compiled* c = Match(Rule::kToEnd, lines_[i]);
    return c ? c->kind : nullptr;
  }

  bool ParagraphStart(std::size_t i) const { return i == 0 || IsBlank(i - 1); }

  // The paragraph starting at line i, lines joined with spaces (bounded).
  std::string Paragraph(std::size_t i) const {
    std::string p;
    for (std::size_t j = i; j < size() && !IsBlank(j) && p.size() < 700; ++j) {
      if (!p.empty()) p += ' ';
      p.append(lines_[j]);
    }
    return p;
  }

  bool Footer(std::size_t i) const {
    return ParagraphStart(i) && Match(Rule::kFooter, Paragraph(i)) != nullptr;
  }

  bool SignatureDelimiter(std::size_t i) const {
    return Match(Rule::kSignature, lines_[i]) != nullptr;
  }
  bool MobileSignature(std::size_t i) const {
    return lines_[i].size() <= 160 && Match(Rule::kMobileSignature, lines_[i]) != nullptr;
  }

  // Where a signature or footer that started before `from` ends.
  std::size_t NextBlockStart(std::size_t from) const {
    for (std::size_t j = from; j < size(); ++j) {
      if (IsBlank(j)) continue;
      std::size_t end;
      bool strong;
      if (IsQuote(j) || ToEndSeparator(j) || OutlookHeader(j) || Attribution(j, &end, &strong) ||
          SignatureDelimiter(j) || MobileSignature(j) || Footer(j)) {
        return j;
      }
    }
    return size();
  }

  void Mark(std::size_t from, std::size_t to, const char* kind) {
    for (std::size_t j = from; j < to && j < size(); ++j) kind_[j] = kind;
  }

  // A "______" rule line just above line i (blank lines allowed between)
  // goes with the block that starts at i.
  std::size_t WithRuleAbove(std::size_t i) const {
    std::size_t j = i;
    while (j > 0 && IsBlank(j - 1)) --j;
    if (j > 0 && kind_[j - 1] == nullptr && Match(Rule::kRuleAbove, lines_[j - 1])) return j - 1;
    return i;
  }

  void Classify() {
    bool kept_text_seen = false;
    std::size_t i = 0;
    while (i < size()) {
      if (IsBlank(i)) {
        ++i;
        continue;
      }
      if (IsQuote(i)) {
        kind_[i++] = "quote";
        continue;
      }
      if (const char* k = ToEndSeparator(i)) {
        Mark(WithRuleAbove(i), size(), k);
        return;
      }
      if (OutlookHeader(i)) {
        Mark(WithRuleAbove(i), size(), "original_message");
        return;
      }
      std::size_t end;
      bool strong;
      if (Attribution(i, &end, &strong)) {
        Mark(i, end, "attribution");
        std::size_t next = NextNonBlank(end);
        if (next < size() && !IsQuote(next)) {
          // A program-made attribution with the quoted message unmarked
          // (typically HTML mail turned into text): the rest is the quote.
          Mark(next, size(), "quote");
          return;
        }
        i = end;
        continue;
      }
      if (SignatureDelimiter(i)) {
        std::size_t stop = NextBlockStart(i + 1);
        Mark(i, stop, "signature");
        i = stop;
        continue;
      }
      if (MobileSignature(i)) {
        kind_[i++] = "signature";
        continue;
      }
      if (kept_text_seen && Footer(i)) {
        std::size_t stop = NextBlockStart(i + 1);
        Mark(i, stop, "footer");
        i = stop;
        continue;
      }
      kept_text_seen = true;
      ++i;
    }
  }

  // Blank lines between two lines of the same removed kind join that block.
  void AbsorbBlankLines() {
    std::size_t i = 0;
    while (i < size()) {
      if (!IsBlank(i) || kind_[i] != nullptr) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < size() && IsBlank(j) && kind_[j] == nullptr) ++j;
      if (i > 0 && j < size() && SameKind(kind_[i - 1], kind_[j])) {
        Mark(i, j, kind_[j]);
      }
      i = j;
    }
  }

  ClientText Build() const {
    ClientText out;
    std::size_t i = 0;
    bool pending_blank = false;
    while (i < size()) {
      if (kind_[i] == nullptr) {
        if (IsBlank(i)) {
          pending_blank = !out.text.empty();
        } else {
          if (!out.text.empty()) out.text += pending_blank ? "\n\n" : "\n";
          pending_blank = false;
          out.text.append(lines_[i]);
        }
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < size() && SameKind(kind_[j], kind_[i])) ++j;
      // The block's text, without leading or trailing blank lines.
      std::size_t a = i, b = j;
      while (a < b && IsBlank(a)) ++a;
      while (b > a && IsBlank(b - 1)) --b;
      if (a < b) {
        StrippedBlock block;
        block.kind = kind_[i];
        for (std::size_t k = a; k < b; ++k) {
          if (k > a) block.text += '\n';
          block.text.append(lines_[k]);
        }
        out.stripped.push_back(std::move(block));
      }
      i = j;
    }
    return out;
  }

  std::vector<std::string_view> lines_;
  std::vector<const char*> kind_;  // nullptr: kept; else the StrippedBlock kind
};

}  // namespace

ClientText StripReplies(std::string_view text) { return Stripper(text).Run(); }

namespace {

// Cheap signs that a text may hold something StripReplies removes.
bool MayHoldReplies(std::string_view text) {
  static const char* const kSigns[] = {"\n>", "escribi", "wrote", "-----", "\n-- ", "De:", "From:", "Enviado",
                                       "Sent from", "onfidencial", "ONFIDENCIAL", "onfidential", "ONFIDENTIAL",
                                       "___", "Reenviado", "reenviado", "orwarded", "Get Outlook", "imprimir", "print"};
  if (!text.empty() && text.front() == '>') return true;
  for (const char* sign : kSigns) {
    if (text.find(sign) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::string MaskReplies(std::string_view text) {
  std::string masked(text);
  if (!MayHoldReplies(text)) return masked;
  ClientText client = StripReplies(text);
  std::size_t search_from = 0;
  for (const StrippedBlock& block : client.stripped) {
    // Blocks are whole lines of the original; find each one after the last.
    std::string_view first_line = std::string_view(block.text).substr(0, block.text.find('\n'));
    if (first_line.empty()) continue;
    std::size_t start = text.find(first_line, search_from);
    if (start == std::string_view::npos) continue;
    std::size_t end = start;
    std::size_t block_pos = 0;
    // Walk the block line by line, allowing "\r\n" in the original.
    while (block_pos < block.text.size() && end < text.size()) {
      std::size_t block_eol = block.text.find('\n', block_pos);
      if (block_eol == std::string::npos) block_eol = block.text.size();
      std::string_view line = std::string_view(block.text).substr(block_pos, block_eol - block_pos);
      if (text.compare(end, line.size(), line) != 0) break;
      end += line.size();
      while (end < text.size() && (text[end] == '\r' || text[end] == '\n' || text[end] == ' ' || text[end] == '\t') &&
             block_eol < block.text.size()) {
        if (text[end] == '\n') {
          ++end;
          break;
        }
        ++end;
      }
      block_pos = block_eol + 1;
    }
    for (std::size_t i = start; i < end; ++i) {
      if (masked[i] != '\n') masked[i] = ' ';
    }
    search_from = end;
  }
  return masked;
}

}  // namespace foco
