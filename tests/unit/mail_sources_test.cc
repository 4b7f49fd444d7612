#include "source/mail_sources.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace foco {
namespace {

namespace fs = std::filesystem;

const std::string kMail = std::string(FOCO_TEST_FIXTURES) + "/mail";

// A fresh temporary directory, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/foco_mail_test_XXXXXX";
    char* d = mkdtemp(tmpl);
    REQUIRE(d != nullptr);
    path_ = d;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string Write(const std::string& name, const std::string& bytes) const {
    fs::path p = fs::path(path_) / name;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out << bytes;
    return p.string();
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::vector<SourceMessage> ReadAll(Status (*reader)(const std::string&, const MailOptions&,
                                                    const MessageCallback&),
                                   const std::string& path, Status* status = nullptr,
                                   const MailOptions& options = MailOptions()) {
  std::vector<SourceMessage> out;
  Status st = reader(path, options, [&](SourceMessage&& m) {
    out.push_back(std::move(m));
    return true;
  });
  if (status != nullptr) {
    *status = st;
  } else {
    CHECK(st.ok());
  }
  return out;
}

// Runs `fn` with standard input reading `file`.
template <typename Fn>
void WithStdin(const std::string& file, Fn fn) {
  int saved = dup(0);
  int fd = open(file.c_str(), O_RDONLY);
  REQUIRE(fd >= 0);
  dup2(fd, 0);
  close(fd);
  fn();
  dup2(saved, 0);
  close(saved);
}

// ---------------------------------------------------------------------------
// Format detection.
// ---------------------------------------------------------------------------

TEST_CASE("DetectFormatFromBytes looks at content first", "[mail_sources]") {
  CHECK(DetectFormatFromBytes("From ana@example.com Mon Mar  3 10:15:00 2025\nSubject: x\n", "a.txt") ==
        MailFormat::kMbox);
  CHECK(DetectFormatFromBytes("\xEF\xBB\xBF" "From -\n", "") == MailFormat::kMbox);
  CHECK(DetectFormatFromBytes("Return-Path: <a@b>\nReceived: from x\n  by y\nSubject: hola\n\nbody",
                              "mensaje.dat") == MailFormat::kEml);
  CHECK(DetectFormatFromBytes("Content-Type: multipart/mixed; boundary=\"a\"\n\n--a\n", "") ==
        MailFormat::kEml);
  CHECK(DetectFormatFromBytes("From: a@b\r\nSubject: x\r\n\r\n", "") == MailFormat::kEml);
  // Not mail.
  CHECK(DetectFormatFromBytes("{\"messages\": []}", "export.json") == MailFormat::kNotMail);
  CHECK(DetectFormatFromBytes("12/31/20, 11:25 - Ana: hola\n", "chat.txt") == MailFormat::kNotMail);
  CHECK(DetectFormatFromBytes("name: regla\nfrom: config\n", "rules.yaml") == MailFormat::kNotMail);
  CHECK(DetectFormatFromBytes("X-Custom: 1\nX-Other: 2\n\n", "") == MailFormat::kNotMail);
  CHECK(DetectFormatFromBytes("", "vacio") == MailFormat::kNotMail);
  // The extension decides when the content does not.
  CHECK(DetectFormatFromBytes("texto roto", "roto.EML") == MailFormat::kEml);
  CHECK(DetectFormatFromBytes("", "vacio.mbox") == MailFormat::kMbox);
}

TEST_CASE("DetectFormat on paths", "[mail_sources]") {
  CHECK(*DetectFormat(kMail + "/alternative.eml") == MailFormat::kEml);
  CHECK(*DetectFormat(kMail + "/mboxrd.mbox") == MailFormat::kMbox);
  CHECK(*DetectFormat(kMail + "/maildir") == MailFormat::kMaildir);
  CHECK(*DetectFormat(kMail) == MailFormat::kDirectory);
  CHECK(*DetectFormat(kMail + "/notes.txt") == MailFormat::kNotMail);
  Result<MailFormat> missing = DetectFormat(kMail + "/no-existe.eml");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == ErrorCode::kNotFound);
  CHECK(std::string(MailFormatName(MailFormat::kMaildir)) == "maildir");
}

// ---------------------------------------------------------------------------
// mbox.
// ---------------------------------------------------------------------------

TEST_CASE("ReadMbox: mboxrd fixture", "[mail_sources]") {
  std::string path = kMail + "/mboxrd.mbox";
  std::vector<SourceMessage> ms = ReadAll(ReadMbox, path);
  REQUIRE(ms.size() == 3);
  for (std::size_t i = 0; i < ms.size(); ++i) {
    CHECK(ms[i].source == path);
    CHECK(ms[i].index == i + 1);
    CHECK(ms[i].skip_reason.empty());
  }
  CHECK(ms[0].byte_offset == 0);
  CHECK(ms[0].line == 1);
  CHECK(ms[1].byte_offset == 202);
  CHECK(ms[1].line == 10);
  CHECK(ms[2].byte_offset == 433);
  CHECK(ms[2].line == 20);
  CHECK(ms[0].subject == "Primero");
  // ">From " loses one '>'; ">>From " stays a quote.
  CHECK(ms[0].text == "Primer mensaje.\nFrom Madrid les escribo.");
  REQUIRE(ms[0].stripped.size() == 1);
  CHECK(ms[0].stripped[0].text == ">From here it stays quoted once.");
  // A "From " line followed by a blank line is body text.
  CHECK(ms[1].text ==
        "Segundo mensaje.\nFrom Russia with love\n\n(la línea anterior no separa: la sigue una línea en blanco)");
  CHECK(ms[2].text == "Tercer mensaje.");
}

TEST_CASE("ReadMbox: framing edge cases", "[mail_sources]") {
  TempDir tmp;
  SECTION("BOM before the first From_ line; Netscape separators without blank lines") {
    std::string p = tmp.Write("bom.mbox",
                              "\xEF\xBB\xBF" "From -\nSubject: uno\n\ncuerpo uno\n"
                              "From -\nSubject: dos\n\ncuerpo dos\n");
    std::vector<SourceMessage> ms = ReadAll(ReadMbox, p);
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].byte_offset == 3);
    CHECK(ms[0].subject == "uno");
    CHECK(ms[0].text == "cuerpo uno");
    CHECK(ms[1].byte_offset == 35);
    CHECK(ms[1].line == 5);
    CHECK(ms[1].text == "cuerpo dos");
  }
  SECTION("a From line at the very end is an empty message (as Python counts it)") {
    std::string p = tmp.Write("eof.mbox", "From a\nSubject: x\n\nHola\n\nFrom time to time\n");
    std::vector<SourceMessage> ms = ReadAll(ReadMbox, p);
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].text == "Hola");
    CHECK(ms[1].skip_reason == "empty message");
    CHECK(ms[1].index == 2);
    CHECK(ms[1].byte_offset == 25);
  }
  SECTION("CRLF line ends") {
    std::string p = tmp.Write("crlf.mbox",
                              "From a\r\nSubject: uno\r\n\r\nx\r\n\r\nFrom b\r\nSubject: dos\r\n\r\ny\r\n");
    std::vector<SourceMessage> ms = ReadAll(ReadMbox, p);
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].text == "x");
    CHECK(ms[1].subject == "dos");
    CHECK(ms[1].byte_offset == 29);
  }
  SECTION("text before the first From_ line is kept as a message") {
    std::string p = tmp.Write("pre.mbox", "\n\nSubject: suelto\n\nantes\nFrom a\nSubject: b\n\ndespués\n");
    std::vector<SourceMessage> ms = ReadAll(ReadMbox, p);
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].subject == "suelto");
    CHECK(ms[0].byte_offset == 2);
    CHECK(ms[1].text == "después");
  }
  SECTION("consecutive From lines") {
    std::string p = tmp.Write("two.mbox", "From a\nFrom b\nSubject: s\n\nz\n");
    std::vector<SourceMessage> ms = ReadAll(ReadMbox, p);
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].skip_reason == "empty message");
    CHECK(ms[1].subject == "s");
  }
  SECTION("a message bigger than max_message_bytes is cut, with a warning") {
    std::string big = "From a\nSubject: grande\n\nprincipio\n" + std::string(5000, 'x') + "\nfin\n" +
                      "From b\nSubject: siguiente\n\nok\n";
    std::string p = tmp.Write("big.mbox", big);
    MailOptions options;
    options.max_message_bytes = 1000;
    std::vector<SourceMessage> ms = ReadAll(ReadMbox, p, nullptr, options);
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].text.rfind("principio\n", 0) == 0);
    CHECK(ms[0].text.find("fin") == std::string::npos);
    CHECK(ms[0].warnings.back() == "message larger than 1000 bytes; only the first 1000 bytes read");
    CHECK(ms[1].subject == "siguiente");
    CHECK(ms[1].text == "ok");
  }
  SECTION("lines longer than the read buffer") {
    std::string line(600 * 1024, 'a');
    std::string p = tmp.Write("long.mbox", "From a\nSubject: largo\n\n" + line + "\n\nFrom b\nSubject: b\n\nfin\n");
    std::vector<SourceMessage> ms = ReadAll(ReadMbox, p);
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].text == line);
    CHECK(ms[1].byte_offset == 23 + line.size() + 2);
  }
  SECTION("an empty file has no messages") {
    std::string p = tmp.Write("empty.mbox", "");
    CHECK(ReadAll(ReadMbox, p).empty());
  }
}

TEST_CASE("ReadMbox streams many messages", "[mail_sources]") {
  TempDir tmp;
  std::string data;
  std::vector<std::uint64_t> offsets;
  for (int i = 0; i < 3000; ++i) {
    offsets.push_back(data.size());
    data += "From x@example.com Mon Mar  3 10:15:00 2025\nFrom: x@example.com\nSubject: m" +
            std::to_string(i) + "\n\nTexto " + std::to_string(i) + "\n>From escapado\n\n";
  }
  std::string p = tmp.Write("many.mbox", data);
  std::size_t n = 0;
  bool all_ok = true;
  Status st = ReadMbox(p, MailOptions(), [&](SourceMessage&& m) {
    all_ok = all_ok && m.index == n + 1 && m.byte_offset == offsets[n] &&
             m.subject == "m" + std::to_string(n) &&
             m.text == "Texto " + std::to_string(n) + "\nFrom escapado";
    ++n;
    return true;
  });
  CHECK(st.ok());
  CHECK(n == 3000);
  CHECK(all_ok);
}

TEST_CASE("the callback stops the reading", "[mail_sources]") {
  std::size_t n = 0;
  Status st = ReadMbox(kMail + "/mboxrd.mbox", MailOptions(), [&](SourceMessage&&) { return ++n < 2; });
  CHECK(st.ok());
  CHECK(n == 2);

  n = 0;
  st = ReadPath(kMail, MailOptions(), [&](SourceMessage&&) { return ++n < 5; });
  CHECK(st.ok());
  CHECK(n == 5);
}

TEST_CASE("ReadMbox errors", "[mail_sources]") {
  Status st;
  ReadAll(ReadMbox, kMail + "/no-existe.mbox", &st);
  CHECK(st.code() == ErrorCode::kNotFound);
  ReadAll(ReadMbox, kMail + "/maildir", &st);
  CHECK(st.code() == ErrorCode::kInvalidArgument);
}

// ---------------------------------------------------------------------------
// Single files, Maildir, directories, stdin.
// ---------------------------------------------------------------------------

TEST_CASE("ReadEmlFile", "[mail_sources]") {
  std::string path = kMail + "/qp_latin1.eml";
  std::vector<SourceMessage> ms = ReadAll(ReadEmlFile, path);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].source == path);
  CHECK(ms[0].index == 1);
  CHECK(ms[0].byte_offset == 0);
  CHECK(ms[0].subject == "Cotización urgente");

  TempDir tmp;
  std::vector<SourceMessage> empty = ReadAll(ReadEmlFile, tmp.Write("vacio.eml", ""));
  REQUIRE(empty.size() == 1);
  CHECK(empty[0].skip_reason == "empty message");

  MailOptions small;
  small.max_message_bytes = 64;
  std::vector<SourceMessage> cut =
      ReadAll(ReadEmlFile, tmp.Write("big.eml", "Subject: s\n\n" + std::string(200, 'y')), nullptr, small);
  REQUIRE(cut.size() == 1);
  CHECK(cut[0].text == std::string(52, 'y'));
  CHECK(cut[0].warnings.back() == "message larger than 64 bytes; only the first 64 bytes read");

  Status st;
  ReadAll(ReadEmlFile, kMail + "/no-existe.eml", &st);
  CHECK(st.code() == ErrorCode::kNotFound);
}

TEST_CASE("ReadMaildir reads cur/ and new/ and Maildir++ subfolders", "[mail_sources]") {
  std::vector<SourceMessage> ms = ReadAll(ReadMaildir, kMail + "/maildir");
  std::vector<std::string> got;
  for (const SourceMessage& m : ms) {
    CHECK(m.index == 1);
    CHECK(m.skip_reason.empty());
    got.push_back(fs::relative(m.source, kMail + "/maildir").string() + " " + m.subject);
  }
  CHECK(got == std::vector<std::string>{
                   "cur/1700000001.M1P1.host:2,S Uno",
                   "new/1700000002.M2P2.host Dos",
                   "cur/1700000003.M3P3.host:2,RS Tres",
                   ".Archivo/cur/1600000000.M0P0.host:2,S Archivado",
               });
  Status st;
  ReadAll(ReadMaildir, kMail, &st);
  CHECK(st.code() == ErrorCode::kInvalidArgument);
}

TEST_CASE("ReadPath walks a directory and reports every file", "[mail_sources]") {
  std::map<std::string, std::vector<std::string>> by_file;  // relative path -> skip reasons
  Status st = ReadPath(kMail, MailOptions(), [&](SourceMessage&& m) {
    by_file[fs::relative(m.source, kMail).string()].push_back(m.skip_reason);
    return true;
  });
  REQUIRE(st.ok());
  std::map<std::string, std::vector<std::string>> expected = {
      {".gitattributes", {"not a mail file"}},
      {"alternative.eml", {""}},
      {"attachment.eml", {""}},
      {"base64_utf8.eml", {""}},
      {"cp1252_undeclared.eml", {""}},
      {"html_only.eml", {""}},
      {"maildir/.Archivo/cur/1600000000.M0P0.host:2,S", {""}},
      {"maildir/cur/1700000001.M1P1.host:2,S", {""}},
      {"maildir/cur/1700000003.M3P3.host:2,RS", {""}},
      {"maildir/new/1700000002.M2P2.host", {""}},
      {"mboxrd.mbox", {"", "", ""}},
      {"notes.txt", {"not a mail file"}},
      {"only_attachment.eml", {"no text part"}},
      {"qp_latin1.eml", {""}},
      {"reply_gmail_es.eml", {""}},
      {"reply_outlook_es.eml", {""}},
      {"truncated.eml", {""}},
  };
  CHECK(by_file == expected);
}

TEST_CASE("ReadPath on single paths and links", "[mail_sources]") {
  CHECK(ReadAll(ReadPath, kMail + "/mboxrd.mbox").size() == 3);
  CHECK(ReadAll(ReadPath, kMail + "/maildir").size() == 4);
  std::vector<SourceMessage> notes = ReadAll(ReadPath, kMail + "/notes.txt");
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].skip_reason == "not a mail file");
  Status st;
  ReadAll(ReadPath, kMail + "/no-existe", &st);
  CHECK(st.code() == ErrorCode::kNotFound);

  TempDir tmp;
  tmp.Write("a/m.eml", "Subject: dentro\n\nx\n");
  fs::create_symlink(fs::path(tmp.path()) / "a", fs::path(tmp.path()) / "b_link_dir");
  fs::create_symlink(fs::path(tmp.path()) / "a/m.eml", fs::path(tmp.path()) / "c_link.eml");
  fs::create_symlink(fs::path(tmp.path()) / "nada", fs::path(tmp.path()) / "d_broken");
  std::vector<SourceMessage> ms = ReadAll(ReadPath, tmp.path());
  REQUIRE(ms.size() == 4);
  CHECK(ms[0].subject == "dentro");
  CHECK(ms[1].skip_reason == "symbolic link to a directory not followed");
  CHECK(ms[2].subject == "dentro");
  CHECK(ms[3].skip_reason == "cannot read file: broken symbolic link");
}

TEST_CASE("ReadPath reads standard input", "[mail_sources]") {
  std::vector<SourceMessage> ms;
  WithStdin(kMail + "/mboxrd.mbox", [&] { ms = ReadAll(ReadPath, "-"); });
  REQUIRE(ms.size() == 3);
  CHECK(ms[0].source == "-");
  CHECK(ms[2].byte_offset == 433);

  WithStdin(kMail + "/base64_utf8.eml", [&] { ms = ReadAll(ReadPath, "-"); });
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].source == "-");
  CHECK(ms[0].subject == "Cancelación");

  WithStdin(kMail + "/notes.txt", [&] { ms = ReadAll(ReadPath, "-"); });
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].skip_reason.empty());
  CHECK(ms[0].text == "Lista de la compra: pan, leche.\nNo es un correo.");
}

}  // namespace
}  // namespace foco
