// Reads the third-party inputs in ../shared/realdata (see its SOURCES.md) with
// ReadPath: every file must be read without crashing and every message
// reported. Skipped (with a warning) when the folder is not there.
#include "source/mail_sources.h"
#include "realdata_counts.h"

#include <catch2/catch.hpp>

#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace foco {
namespace {

namespace fs = std::filesystem;



bool ValidUtf8(const std::string& s) {
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
                                                                  : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

TEST_CASE("every real-world mail input is read and every message reported", "[interop][realdata]") {
  const fs::path root = FOCO_REALDATA;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    WARN("realdata folder not found, test skipped: " << root.string());
    return;
  }

  struct PerFile {
    std::size_t records = 0;
    std::size_t scanned = 0;
    std::set<std::string> skip_reasons;
  };
  std::map<std::string, PerFile> by_file;  // path relative to root
  std::size_t records = 0, scanned = 0, skipped = 0;
  bool all_utf8 = true, all_located = true;

  Status st = ReadPath(root.string(), MailOptions(), [&](SourceMessage&& m) {
    ++records;
    std::string rel = fs::relative(m.source, root).generic_string();
    PerFile& f = by_file[rel];
    ++f.records;
    if (m.skip_reason.empty()) {
      ++scanned;
      ++f.scanned;
    } else {
      ++skipped;
      f.skip_reasons.insert(m.skip_reason);
    }
    all_utf8 = all_utf8 && ValidUtf8(m.text) && ValidUtf8(m.subject) && ValidUtf8(m.from) &&
               ValidUtf8(m.date) && ValidUtf8(m.message_id);
    for (const StrippedBlock& b : m.stripped) all_utf8 = all_utf8 && ValidUtf8(b.text);
    all_located = all_located && !m.source.empty() && m.index >= 1;
    return true;
  });
  REQUIRE(st.ok());
  CHECK(records == scanned + skipped);
  CHECK(all_utf8);
  CHECK(all_located);

  // mboxes: as many records as Python's mailbox module finds.
  for (const auto& [rel, expected] : kPythonMboxCounts) {
    INFO(rel);
    CHECK(by_file[rel].records == expected);
  }

  // One record per .eml (malformed ones included), never "not a mail file";
  // one per Maildir message file (cur/ and new/, Maildir++ folders too).
  std::size_t eml_files = 0, maildir_files = 0, other_files = 0;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    if (!it->is_regular_file()) continue;
    std::string rel = fs::relative(it->path(), root).generic_string();
    std::string parent = it->path().parent_path().filename().string();
    INFO(rel);
    CHECK(by_file[rel].records >= 1);  // nothing is silently ignored
    if (it->path().extension() == ".eml") {
      ++eml_files;
      CHECK(by_file[rel].records == 1);
      CHECK(by_file[rel].skip_reasons.count("not a mail file") == 0);
    } else if (rel.rfind("stalwart-eml/maildir/", 0) == 0 && (parent == "cur" || parent == "new")) {
      ++maildir_files;
      CHECK(by_file[rel].records == 1);
    } else if (kPythonMboxCounts.count(rel) == 0) {
      ++other_files;
      // SOURCES.md, COPYING, chat exports, JSON: reported, not scanned.
      CHECK(by_file[rel].records == 1);
      CHECK(by_file[rel].skip_reasons == std::set<std::string>{"not a mail file"});
    }
  }
  CHECK(eml_files == 53);
  CHECK(maildir_files == 6);

  // Spot checks of what was decoded.
  CHECK(by_file["stalwart-eml/thirdparty/010.eml"].scanned == 1);
  CHECK(by_file["stalwart-eml/malformed/018.eml"].scanned == 1);
  CHECK(by_file["cpython-mbox/mailbox_01.mbox"].skip_reasons == std::set<std::string>{"empty message"});
}

TEST_CASE("real-world messages decode as expected", "[interop][realdata]") {
  const fs::path root = FOCO_REALDATA;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    WARN("realdata folder not found, test skipped: " << root.string());
    return;
  }
  auto first = [&](const std::string& rel) {
    SourceMessage out;
    bool got = false;
    Status st = ReadPath((root / rel).string(), MailOptions(), [&](SourceMessage&& m) {
      out = std::move(m);
      got = true;
      return false;
    });
    CHECK(st.ok());
    CHECK(got);
    return out;
  };
  // Windows-1252 quoted-printable Spanish with a mobile signature.
  SourceMessage bb = first("stalwart-eml/malformed/018.eml");
  REQUIRE_FALSE(bb.stripped.empty());
  CHECK(bb.stripped[0].kind == "signature");
  CHECK(bb.stripped[0].text.rfind("Enviado desde mi BlackBerry® de Vodafone", 0) == 0);
  // RFC 2047 UTF-8 base64 subject.
  CHECK(first("stalwart-eml/thirdparty/010.eml").subject == "こんにちは");
  // UTF-8 BOM before the first From_ line: the first message is kept.
  SourceMessage unmunged = first("mimekit-mbox/unmunged.mbox.txt");
  CHECK(unmunged.byte_offset == 3);
  CHECK(unmunged.subject == "This is a test message with an unmunged From line");
  // A Latin-1 byte inside an encoded word that claims UTF-8.
  CHECK(first("perceval-mbox/mbox_iso8859_encoding.mbox").from.find("Lucía Charlie") != std::string::npos);
}

}  // namespace
}  // namespace foco
