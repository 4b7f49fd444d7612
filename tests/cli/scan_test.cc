// foco scan through the binary: formats, only-the-client's-words, counts, exit codes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../test_support.h"

using foco::test::RunFoco;
using nlohmann::json;

namespace {

const std::string kLexicon = std::string("--lexicon ") + FOCO_TEST_FIXTURES + "/lexicon";
const std::string kReplies = std::string(FOCO_TEST_FIXTURES) + "/scan/replies.mbox";

std::vector<json> Records(const std::string& out) {
  std::vector<json> records;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) records.push_back(json::parse(line));
  return records;
}

}  // namespace

TEST_CASE("scan: red flags only in quoted text, Outlook blocks, signatures or forwards give no finding",
          "[cli][scan]") {
  auto result = RunFoco(kLexicon + " scan --format jsonl --with-text --show-stripped " + kReplies);
  REQUIRE(result.exit_code == 0);
  auto records = Records(result.out);
  REQUIRE(records.size() == 6);
  // 1: the client's own haggling is flagged; the quoted provider lines are stripped.
  CHECK(records[0]["flags"] == json::parse(R"(["cheaper_alternative", "discount_pressure"])"));
  CHECK(records[0]["stripped"][0]["kind"] == "attribution");
  CHECK(records[0]["stripped"][1]["kind"] == "quote");
  // 2: "si me funciona te lo pago" sits in a "-----Mensaje original-----" block.
  CHECK(records[1]["flags"].empty());
  CHECK(records[1]["text"] == "¡Quedó precioso! Gracias por la rapidez.");
  CHECK(records[1]["stripped"][0]["kind"] == "original_message");
  // 5: only in the signature; 6: only in a forwarded message.
  CHECK(records[4]["flags"].empty());
  CHECK(records[4]["stripped"][0]["kind"] == "signature");
  CHECK(records[5]["flags"].empty());
  CHECK(records[5]["stripped"][0]["kind"] == "forwarded");
}

TEST_CASE("scan: --all-text scans quoted text too", "[cli][scan]") {
  auto result = RunFoco(kLexicon + " scan --format jsonl --all-text " + kReplies);
  auto records = Records(result.out);
  REQUIRE(records.size() == 6);
  CHECK(records[1]["flags"] == json::parse(R"(["conditional_payment"])"));
  CHECK(records[4]["flags"] == json::parse(R"(["cheaper_alternative"])"));
}

TEST_CASE("scan: JSON Lines records carry the message fields and exact offsets", "[cli][scan]") {
  auto result = RunFoco(kLexicon + " scan --format jsonl --with-text " + kReplies);
  auto records = Records(result.out);
  REQUIRE(records.size() == 6);
  const json& first = records[0];
  CHECK(first["source"] == kReplies);
  CHECK(first["index"] == 1);
  CHECK(first["message_id"] == "c1@ejemplo.mx");
  CHECK(first["from"] == "Jorge Ramírez <jorge@ejemplo.mx>");
  CHECK(first["date"] == "Mon, 3 Mar 2025 10:15:00 -0600");
  CHECK(first["subject"] == "Re: Cotización del sitio");
  CHECK(first["score"].get<double>() > 0.9);
  std::string text = first["text"];
  for (const json& finding : first["findings"]) {
    std::size_t start = finding["start"], end = finding["end"];
    CHECK(text.substr(start, end - start) == finding["match"].get<std::string>());
  }
  CHECK(records[1]["from"] == "Lucía Gómez <lucia@ejemplo.es>");  // RFC 2047, ISO-8859-1
  CHECK(records[2]["text"] == "Che, te pago la otra semana, ahorita no tengo la guita.");  // base64 text/plain part
}

TEST_CASE("scan: --exclude-from skips the provider's own mail and the counts add up", "[cli][scan]") {
  auto result = RunFoco(kLexicon + " scan --exclude-from estudio.mx " + kReplies);
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("Messages: 7 read, 6 scanned, 1 skipped, 1 flagged") == std::string::npos);
  CHECK(result.out.find("Messages: 6 read, 5 scanned, 1 skipped, 1 flagged") != std::string::npos);
  CHECK(result.out.find("skipped: 1 excluded sender") != std::string::npos);
  CHECK(result.out.find("From:    Jorge Ramírez <jorge@ejemplo.mx>") != std::string::npos);
  CHECK(result.out.find("Subject: Re: Cotización del sitio") != std::string::npos);
}

TEST_CASE("scan: exit status 0 found, 1 nothing found, 2 errors", "[cli][scan]") {
  std::string dir = foco::test::MakeTempDir();
  foco::test::WriteFile(dir + "/clean.txt", "Buenos días.\n\nTodo bien por aquí.\n");
  foco::test::WriteFile(dir + "/flag.txt", "Hola.\n\nOye, mi primo lo hace\nmás barato.\n");
  foco::test::WriteFile(dir + "/broken.jsonl", "{\"text\": \"hola\"}\nnot json\n");
  CHECK(RunFoco(kLexicon + " scan " + dir + "/clean.txt").exit_code == 1);
  auto found = RunFoco(kLexicon + " scan --color never " + dir + "/flag.txt");
  CHECK(found.exit_code == 0);
  CHECK(found.out.find(dir + "/flag.txt:3: cheaper_alternative 0.90 cheaper_alternative.familiar_mas_barato") == 0);
  auto broken = RunFoco(kLexicon + " scan " + dir + "/broken.jsonl " + dir + "/flag.txt");
  CHECK(broken.exit_code == 2);  // an error, even though something was found
  CHECK(broken.err.find(dir + "/broken.jsonl:2: skipped: line 2: expected a JSON object") != std::string::npos);
  CHECK(broken.out.find("Messages: 4 read, 3 scanned, 1 skipped, 1 flagged") != std::string::npos);
  auto missing = RunFoco(kLexicon + " scan " + dir + "/nope.mbox " + dir + "/flag.txt");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("nope.mbox") != std::string::npos);
  CHECK(missing.out.find("cheaper_alternative") != std::string::npos);  // the run went on
}

TEST_CASE("scan: CSV has a header and one row per finding", "[cli][scan]") {
  auto result = RunFoco(kLexicon + " scan --format csv --only-flagged " + kReplies);
  std::istringstream in(result.out);
  std::string header, row;
  std::getline(in, header);
  CHECK(header == "source,index,line,message_id,from,date,subject,score,flags,category,rule,confidence,start,end,match,skipped");
  std::getline(in, row);
  CHECK(row.rfind(kReplies + ",1,1,c1@ejemplo.mx,Jorge Ramírez <jorge@ejemplo.mx>,\"Mon, 3 Mar 2025 10:15:00 -0600\",", 0) == 0);
  CHECK(result.out.find(",cheaper_alternative,cheaper_alternative.familiar_mas_barato,") != std::string::npos);
  CHECK(result.out.find(",\"mi primo, que sabe de compus, me lo hace más barato\",") != std::string::npos);
}

TEST_CASE("scan: output order is the same with one thread or several", "[cli][scan]") {
  std::string dir = foco::test::MakeTempDir();
  std::string lines;
  for (int i = 0; i < 1200; ++i) {
    lines += "{\"id\": \"m" + std::to_string(i) + "\", \"text\": \"" +
             (i % 7 == 0 ? std::string("mi primo lo hace más barato") : std::string("hola, ¿cómo va todo?")) + "\"}\n";
  }
  foco::test::WriteFile(dir + "/many.jsonl", lines);
  auto one = RunFoco(kLexicon + " scan -j 1 --format jsonl " + dir + "/many.jsonl");
  auto three = RunFoco(kLexicon + " scan -j 3 --format jsonl " + dir + "/many.jsonl");
  CHECK(one.exit_code == 0);
  CHECK(one.out == three.out);
  CHECK(Records(one.out).size() == 1200);
}

TEST_CASE("scan: standard input as JSON Lines, mbox or text", "[cli][scan]") {
  auto jsonl = RunFoco(kLexicon + " scan --format jsonl -", "{\"id\": \"x\", \"text\": \"si me funciona te lo pago\"}\n");
  CHECK(jsonl.exit_code == 0);
  CHECK(Records(jsonl.out).at(0)["flags"][0] == "conditional_payment");
  auto mbox = RunFoco(kLexicon + " scan --format jsonl -", foco::test::ReadFile(kReplies));
  CHECK(Records(mbox.out).size() == 6);
  auto text = RunFoco(kLexicon + " scan -", "hola\n\nmi primo lo hace más barato\n");
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("-:3: cheaper_alternative") != std::string::npos);
}

TEST_CASE("scan: a line of several megabytes is read in bounded pieces", "[cli][scan]") {
  std::string dir = foco::test::MakeTempDir();
  std::string huge;
  for (int i = 0; i < 600000; ++i) huge += "hola ";
  huge += "mi primo lo hace más barato ";
  for (int i = 0; i < 1000; ++i) huge += "adiós ";
  foco::test::WriteFile(dir + "/huge.txt", huge + "\n\notra cosa\n");
  auto result = RunFoco(kLexicon + " scan --format jsonl " + dir + "/huge.txt");
  CHECK(result.exit_code == 0);
  auto records = Records(result.out);
  REQUIRE(records.size() > 30);  // about 3 MB in 64 KiB pieces
  std::size_t flagged = 0;
  for (const json& record : records) {
    if (!record["flags"].empty()) ++flagged;
  }
  CHECK(records.front()["warnings"][0] == "line 1 is longer than 65536 bytes: read in pieces");
  CHECK(flagged == 1);
  CHECK(records.back()["line"] == 3);
}
