// The filter contract (../shared/spec/filter-contract.md), through the binary.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../test_support.h"

using foco::test::RunFoco;
using nlohmann::ordered_json;

namespace {

const std::string kFixtureLexicon = std::string("--lexicon ") + FOCO_TEST_FIXTURES + "/lexicon";

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("filter: one line out per line in, same order, fields preserved", "[cli][filter]") {
  std::string input =
      "{\"id\": \"t-1\", \"text\": \"mi primo lo hace más barato\", \"extra\": [1, 2], \"a\": null}\n"
      "\n"
      "{\"text\": \"buenos días\", \"id\": 7}\n"
      "{\"id\": \"t-3\", \"channel\": \"chat\", \"text\": \"¿me haces un descuentito?\"}\n";
  auto result = RunFoco(kFixtureLexicon + " filter", input);
  CHECK(result.exit_code == 0);
  auto lines = Lines(result.out);
  REQUIRE(lines.size() == 3);  // the blank line is skipped

  ordered_json first = ordered_json::parse(lines[0]);
  std::vector<std::string> keys;
  for (const auto& item : first.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"id", "text", "extra", "a", "foco"});
  CHECK(first["extra"] == ordered_json::parse("[1, 2]"));
  CHECK(first["foco"]["version"] == 1);
  CHECK(first["foco"]["flags"] == ordered_json::parse("[\"cheaper_alternative\"]"));
  const auto& finding = first["foco"]["findings"][0];
  CHECK(finding["category"] == "cheaper_alternative");
  CHECK(finding["rule"] == "cheaper_alternative.familiar_mas_barato");
  CHECK(finding["match"] == "mi primo lo hace más barato");
  std::string text = first["text"];
  CHECK(text.substr(finding["start"].get<std::size_t>(),
                    finding["end"].get<std::size_t>() - finding["start"].get<std::size_t>()) == finding["match"]);

  ordered_json second = ordered_json::parse(lines[1]);
  CHECK(second["id"] == 7);
  CHECK(second["foco"]["score"] == 0);
  CHECK(second["foco"]["flags"].empty());
  CHECK(second["foco"]["findings"].empty());

  ordered_json third = ordered_json::parse(lines[2]);
  CHECK(third["foco"]["flags"][0] == "discount_pressure");
  CHECK(third["foco"]["findings"][0]["match"] == "un descuentito");
}

TEST_CASE("filter: malformed lines yield error lines, processing goes on, exit 1", "[cli][filter]") {
  std::string input =
      "not json\n"
      "[1, 2, 3]\n"
      "{\"id\": \"no-text\"}\n"
      "{\"id\": \"num\", \"text\": 42}\n"
      "{\"id\": \"ok\", \"text\": \"mi primo lo hace más barato\"}\n"
      "{\"id\": \"cut\", \"text\": \"mi pri\n";
  auto result = RunFoco(kFixtureLexicon + " filter", input);
  CHECK(result.exit_code == 1);
  auto lines = Lines(result.out);
  REQUIRE(lines.size() == 6);
  CHECK(lines[0] == R"({"foco":{"version":1,"error":"line 1: expected a JSON object"}})");
  CHECK(lines[1] == R"({"foco":{"version":1,"error":"line 2: expected a JSON object"}})");
  CHECK(lines[2] == R"({"id":"no-text","foco":{"version":1,"error":"line 3: missing string field \"text\""}})");
  CHECK(lines[3] == R"({"id":"num","text":42,"foco":{"version":1,"error":"line 4: missing string field \"text\""}})");
  CHECK(ordered_json::parse(lines[4])["foco"]["flags"][0] == "cheaper_alternative");
  CHECK(lines[5] == R"({"foco":{"version":1,"error":"line 6: expected a JSON object"}})");
}

TEST_CASE("filter: --text-field, --min-confidence 0 and invalid UTF-8", "[cli][filter]") {
  auto result = RunFoco(kFixtureLexicon + " filter --text-field body --min-confidence 0",
                        "{\"body\": \"no necesito descuento\"}\n{\"body\": \"Luc\xED" "a mi primo lo hace mas barato\"}\n");
  CHECK(result.exit_code == 0);
  auto lines = Lines(result.out);
  REQUIRE(lines.size() == 2);
  ordered_json negated = ordered_json::parse(lines[0]);
  REQUIRE(negated["foco"]["findings"].size() == 1);
  CHECK(negated["foco"]["findings"][0]["negated"] == true);
  CHECK(negated["foco"]["findings"][0]["confidence"].get<double>() < 0.5);
  ordered_json repaired = ordered_json::parse(lines[1]);
  std::string body = repaired["body"];
  CHECK(body.rfind("Luc\xEF\xBF\xBD" "a", 0) == 0);
  const auto& finding = repaired["foco"]["findings"][0];
  CHECK(body.substr(finding["start"].get<std::size_t>(),
                    finding["end"].get<std::size_t>() - finding["start"].get<std::size_t>()) == finding["match"]);
}

TEST_CASE("filter: a broken lexicon is a fatal error with exit 2", "[cli][filter]") {
  std::string dir = foco::test::MakeTempDir();
  mkdir((dir + "/rules").c_str(), 0755);
  foco::test::WriteFile(dir + "/rules/churn_risk.yaml", "category: churn_risk\nrules:\n  - id: churn_risk.x\n    weight: [\n");
  auto result = RunFoco("--lexicon " + dir + " filter", "{\"text\": \"hola\"}\n");
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(result.err.rfind("foco: " + dir + "/rules/churn_risk.yaml:5:1: YAML syntax: ", 0) == 0);
}

TEST_CASE("lexicon lint and test: exit codes and path:line:col", "[cli][lexicon]") {
  auto lint = RunFoco(kFixtureLexicon + " lexicon lint");
  CHECK(lint.exit_code == 0);
  CHECK(lint.out.find(": ok: 4 rules in 3 categories") != std::string::npos);
  auto test = RunFoco(kFixtureLexicon + " lexicon test");
  CHECK(test.exit_code == 0);
  CHECK(test.out.find("0 failed") != std::string::npos);

  std::string dir = foco::test::MakeTempDir();
  mkdir((dir + "/rules").c_str(), 0755);
  foco::test::WriteFile(dir + "/rules/churn_risk.yaml",
                        "category: churn_risk\nrules:\n  - id: churn_risk.otras_opciones\n    description: d\n"
                        "    message: m\n    weight: 0.8\n    pattern: \"evaluando otras (opciones|agencias\"\n"
                        "    must_fire: [\"estamos evaluando otras opciones\"]\n");
  auto broken = RunFoco("--lexicon " + dir + " lexicon lint");
  CHECK(broken.exit_code == 2);
  CHECK(broken.err == "foco: " + dir + "/rules/churn_risk.yaml:7:31: unbalanced '(': missing ')'\n");

  foco::test::WriteFile(dir + "/rules/churn_risk.yaml",
                        "category: churn_risk\nrules:\n  - id: churn_risk.otras_opciones\n    description: d\n"
                        "    message: m\n    weight: 0.8\n    pattern: \"evaluando otras (opciones|agencias)\"\n"
                        "    must_fire: [\"estamos evaluando otras opciones\", \"buscamos otro proveedor\"]\n");
  auto failing = RunFoco("--lexicon " + dir + " lexicon test");
  CHECK(failing.exit_code == 1);
  CHECK(failing.out.find(dir + "/rules/churn_risk.yaml:8:53: churn_risk.otras_opciones: must_fire \"buscamos otro "
                               "proveedor\" did not fire") != std::string::npos);
  CHECK(failing.out.find("1 passed, 1 failed") != std::string::npos);
}

TEST_CASE("lexicon test runs the context cues' examples and names each failure", "[cli][lexicon]") {
  auto cues_only = RunFoco(kFixtureLexicon + " lexicon test --rule context");
  CHECK(cues_only.exit_code == 0);
  CHECK(cues_only.out == "2 passed, 0 failed\n");

  std::string dir = foco::test::MakeTempDir();
  mkdir((dir + "/rules").c_str(), 0755);
  foco::test::WriteFile(dir + "/rules/cheaper_alternative.yaml",
                        "category: cheaper_alternative\nrules:\n  - id: cheaper_alternative.primo\n    description: d\n"
                        "    message: m\n    weight: 0.9\n    pattern: \"mi primo lo hace mas barato\"\n"
                        "    must_fire: [\"mi primo lo hace más barato\"]\n");
  foco::test::WriteFile(dir + "/context.yaml",
                        "cues:\n"
                        "  - id: negation.nunca_diria\n    kind: negation\n    pattern: \"nunca te diria que\"\n"
                        "    scope: 1\n"
                        "    must_apply:\n"
                        "      - \"nunca te diría que mi primo lo hace más barato\"\n"
                        "      - \"nunca te diría que, la verdad, mi primo lo hace más barato\"\n"
                        "    must_not_apply:\n"
                        "      - \"nunca te diría que no\"\n"
                        "      - \"nunca te diría que mi primo lo hace más barato\"\n");
  auto failing = RunFoco("--lexicon " + dir + " lexicon test --rule context");
  CHECK(failing.exit_code == 1);
  CHECK(failing.out == dir + "/context.yaml:8:9: negation.nunca_diria: must_apply \"nunca te diría que, la verdad, mi "
                             "primo lo hace más barato\" the cue changed no finding\n" +
                         dir + "/context.yaml:10:9: negation.nunca_diria: must_not_apply \"nunca te diría que no\" no "
                               "rule finds anything in it, so the cue has nothing to change\n" +
                         dir + "/context.yaml:11:9: negation.nunca_diria: must_not_apply \"nunca te diría que mi primo "
                               "lo hace más barato\" the cue changed a finding but must not\n"
                               "1 passed, 3 failed\n");
  auto one_cue = RunFoco("--lexicon " + dir + " lexicon test --rule negation.nunca_diria");
  CHECK(one_cue.out.find("1 passed, 3 failed") != std::string::npos);
  auto everything = RunFoco("--lexicon " + dir + " lexicon test");
  CHECK(everything.out.find("2 passed, 3 failed") != std::string::npos);
}

TEST_CASE("version and help", "[cli]") {
  auto version = RunFoco("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("foco ", 0) == 0);
  auto help = RunFoco("--help");
  CHECK(help.exit_code == 0);
  for (const char* command : {"scan", "filter", "explain", "lexicon"}) CHECK(help.out.find(command) != std::string::npos);
  auto filter_help = RunFoco("filter --help");
  CHECK(filter_help.exit_code == 0);
  CHECK(filter_help.out.find("--text-field") != std::string::npos);
  auto unknown = RunFoco("frobnicate");
  CHECK(unknown.exit_code == 2);
}

TEST_CASE("filter: quoted replies and signatures in the text are not the client's words", "[cli][filter]") {
  std::string input =
      "{\"text\": \"Perfecto, gracias.\\n\\nEl lun, 3 mar 2025 a las 9:02, Ana <ana@example.com> escribió:\\n> mi primo lo "
      "hace más barato\"}\n"
      "{\"text\": \"Listo.\\n-- \\nJorge\\nmi primo lo hace más barato\"}\n"
      "{\"text\": \"Hola.\\nmi primo lo hace más barato\"}\n";
  auto result = RunFoco(kFixtureLexicon + " filter", input);
  auto lines = Lines(result.out);
  REQUIRE(lines.size() == 3);
  CHECK(ordered_json::parse(lines[0])["foco"]["findings"].empty());
  CHECK(ordered_json::parse(lines[1])["foco"]["findings"].empty());
  ordered_json third = ordered_json::parse(lines[2]);
  REQUIRE(third["foco"]["findings"].size() == 1);
  const auto& finding = third["foco"]["findings"][0];
  CHECK(finding["start"] == 6);
  CHECK(finding["match"] == "mi primo lo hace más barato");
}

TEST_CASE("explain shows tokens with offsets, corrections, the rule and the arithmetic", "[cli][explain]") {
  auto result = RunFoco(kFixtureLexicon + " explain --color never \"Mi primo lo hace más varatooo\"");
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("  22-30   s0  varatooo → barato  [squeezed,typo] (typo of 'varato' corrected)") !=
        std::string::npos);
  CHECK(result.out.find("cheaper_alternative.familiar_mas_barato") != std::string::npos);
  CHECK(result.out.find("raw = weight 0.9 × typo-corrected 0.85 = 0.765") != std::string::npos);
  auto quoted = RunFoco(kFixtureLexicon +
                        " explain --color never \"Gracias.\n\nEl lun, 3 mar 2025 a las 9:02, Ana <a@b.c> escribió:\n> si "
                        "me funciona te lo pago\"");
  CHECK(quoted.exit_code == 1);
  CHECK(quoted.out.find("Not the client's words (ignored):\n  attribution: El lun, 3 mar 2025") == 0);
  CHECK(quoted.out.find("  quote: > si me funciona te lo pago") != std::string::npos);
  auto json = RunFoco(kFixtureLexicon + " explain --json \"si funsiona te lo pago\"");
  auto parsed = nlohmann::json::parse(json.out);
  CHECK(parsed["tokens"][1]["corrected_from"] == "funsiona");
  CHECK(parsed["foco"]["flags"][0] == "conditional_payment");
}
