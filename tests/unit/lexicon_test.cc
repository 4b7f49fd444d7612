#include "lexicon/lexicon.h"

#include <catch2/catch.hpp>

#include "../test_support.h"

using foco::test::MakeTempDir;
using foco::test::WriteFile;

namespace {

const char* kGoodRule = R"(category: cheaper_alternative
rules:
  - id: cheaper_alternative.primo
    description: A cousin does it cheaper.
    message: Compara con un primo.
    weight: 0.9
    pattern: "mi primo <0-3> (mas|muy) barato"
    must_fire: ["mi primo lo hace mas barato"]
)";

// Writes a lexicon folder with one rules file and returns the load error.
std::string LoadError(const std::string& rules_yaml, const std::string& extra_file = "",
                      const std::string& extra_content = "") {
  std::string dir = MakeTempDir();
  mkdir((dir + "/rules").c_str(), 0755);
  WriteFile(dir + "/rules/cheaper_alternative.yaml", rules_yaml);
  if (!extra_file.empty()) WriteFile(dir + "/" + extra_file, extra_content);
  auto lexicon = foco::Lexicon::Load(dir);
  std::string message = lexicon.ok() ? "" : lexicon.status().message();
  // Report paths relative to the temporary folder, so messages can be compared.
  for (std::size_t at = message.find(dir + "/"); at != std::string::npos; at = message.find(dir + "/")) {
    message.erase(at, dir.size() + 1);
  }
  if (!lexicon.ok()) CHECK(lexicon.status().code() == foco::ErrorCode::kLexiconError);
  std::system(("rm -rf " + dir).c_str());
  return message;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("a valid lexicon loads and compiles", "[lexicon]") {
  CHECK(LoadError(kGoodRule) == "");
}

TEST_CASE("an unknown list is reported at its column with a suggestion", "[lexicon]") {
  std::string rules = Replace(kGoodRule, "mi primo <0-3>", "mi @familar <0-3>");
  std::string lists = "lists:\n  familiar: [primo, prima]\n";
  CHECK(LoadError(rules, "lists.yaml", lists) ==
        "rules/cheaper_alternative.yaml:7:18: unknown list '@familar' (did you mean '@familiar'?)");
}

TEST_CASE("a pattern syntax error points into the pattern", "[lexicon]") {
  CHECK(LoadError(Replace(kGoodRule, "(mas|muy)", "(mas|muy")) ==
        "rules/cheaper_alternative.yaml:7:30: unbalanced '(': missing ')'");
}

TEST_CASE("YAML syntax errors name path:line:col", "[lexicon]") {
  CHECK(LoadError(Replace(kGoodRule, "weight: 0.9", "weight: [0.9")).rfind(
            "rules/cheaper_alternative.yaml:", 0) == 0);
  CHECK(LoadError(Replace(kGoodRule, "weight: 0.9", "weight: [0.9")).find("YAML syntax: ") != std::string::npos);
}

TEST_CASE("field problems are reported one per line", "[lexicon]") {
  CHECK(LoadError(Replace(kGoodRule, "weight: 0.9", "weight: 1.5")) ==
        "rules/cheaper_alternative.yaml:6:13: 'weight' must be between 0 and 1");
  CHECK(LoadError(Replace(kGoodRule, "weight: 0.9", "wieght: 0.9")) ==
        "rules/cheaper_alternative.yaml:6:5: unknown field 'wieght' (known: id, description, message, weight, "
        "pattern, patterns, regex, anchors, must_fire, must_not_fire, mention_ok, question_factor)\n"
        "rules/cheaper_alternative.yaml:3:5: rule is missing 'weight'");
  CHECK(LoadError(Replace(kGoodRule, "id: cheaper_alternative.primo", "id: churn_risk.primo")) ==
        "rules/cheaper_alternative.yaml:3:9: rule id 'churn_risk.primo' must look like "
        "'cheaper_alternative.some_name' (lowercase ascii, _)");
  CHECK(LoadError(Replace(kGoodRule, "category: cheaper_alternative", "category: cheap")) ==
        "rules/cheaper_alternative.yaml:1:11: unknown category 'cheap'");
}

TEST_CASE("duplicate rule ids point at the first definition", "[lexicon]") {
  std::string twice = std::string(kGoodRule) + R"(  - id: cheaper_alternative.primo
    description: Again.
    message: Otra vez.
    weight: 0.5
    pattern: "primo"
    must_fire: ["primo"]
)";
  CHECK(LoadError(twice) ==
        "rules/cheaper_alternative.yaml:9:9: duplicate rule id 'cheaper_alternative.primo' (first defined at "
        "rules/cheaper_alternative.yaml:3)");
}

TEST_CASE("an invalid raw regex is reported", "[lexicon]") {
  std::string rules = Replace(kGoodRule, "pattern: \"mi primo <0-3> (mas|muy) barato\"",
                              "regex: \"(mi primo\"\n    anchors: [primo]");
  CHECK(LoadError(rules) == "rules/cheaper_alternative.yaml:7:12: invalid regex: missing ): (mi primo");
}

TEST_CASE("a regex rule must name its anchors", "[lexicon]") {
  std::string rules = Replace(kGoodRule, "pattern: \"mi primo <0-3> (mas|muy) barato\"", "regex: \" mi primo \"");
  CHECK(LoadError(rules) ==
        "rules/cheaper_alternative.yaml:7:12: a regex rule needs 'anchors:', the words one of which every match contains");
  CHECK(LoadError(Replace(rules, "regex: \" mi primo \"", "regex: \" mi primo \"\n    anchors: [primo]")) == "");
}

// Loads a lexicon folder with one rules file; the test owns the folder.
std::shared_ptr<const foco::Lexicon> LoadLexicon(const std::string& rules_yaml, const std::string& dir) {
  mkdir((dir + "/rules").c_str(), 0755);
  WriteFile(dir + "/rules/cheaper_alternative.yaml", rules_yaml);
  auto lexicon = foco::Lexicon::Load(dir);
  INFO((lexicon.ok() ? std::string() : lexicon.status().message()));
  REQUIRE(lexicon.ok());
  return *lexicon;
}

TEST_CASE("regex anchors in groups: the prefilter needs a word of each group", "[lexicon]") {
  std::string dir = MakeTempDir();
  auto lexicon = LoadLexicon(Replace(kGoodRule, "pattern: \"mi primo <0-3> (mas|muy) barato\"",
                                     "regex: ' (pedi|compre)\\S* \\d+ .* llegaron \\d+ '\n"
                                     "    anchors:\n      - [\"ped*\", compre]\n      - [llegaron]"),
                             dir);
  CHECK(lexicon->normalizer().MightMatch("Pedí 100 cajas y llegaron 80"));
  CHECK(lexicon->normalizer().MightMatch("pedimos 100 y llegaron 80"));  // "ped*" is a prefix
  CHECK_FALSE(lexicon->normalizer().MightMatch("Ya llegaron los 80 invitados"));
  CHECK_FALSE(lexicon->normalizer().MightMatch("Compré 100 cajas ayer"));
  std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("regex anchors made only of frequent words get a lint warning at the anchors", "[lexicon]") {
  std::string dir = MakeTempDir();
  WriteFile(dir + "/word_frequency.tsv", "y\t28000\nya\t3000\nprimo\t20\n");
  std::string regex_rule = "regex: ' (eso es|es) \\S+ y ya'\n    anchors:\n      - [y, ya]";
  auto slow = LoadLexicon(Replace(kGoodRule, "pattern: \"mi primo <0-3> (mas|muy) barato\"", regex_rule), dir);
  REQUIRE(slow->warnings().size() == 1);
  CHECK(slow->warnings()[0].position.line == 9);
  CHECK(slow->warnings()[0].position.column == 7);
  CHECK(slow->warnings()[0].message.rfind("pattern needs only frequent words", 0) == 0);
  auto anchored = LoadLexicon(Replace(kGoodRule, "pattern: \"mi primo <0-3> (mas|muy) barato\"",
                                      "regex: ' mi primo .* y ya'\n    anchors:\n      - [primo]"),
                              dir);
  CHECK(anchored->warnings().empty());
  // A phrase pattern of frequent words gets the same warning, at the pattern.
  auto phrase = LoadLexicon(Replace(kGoodRule, "\"mi primo <0-3> (mas|muy) barato\"", "\"y ya\""), dir);
  REQUIRE(phrase->warnings().size() == 1);
  CHECK(phrase->warnings()[0].position.line == 7);
  CHECK(phrase->warnings()[0].position.column == 15);
  std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("an empty anchor group is reported", "[lexicon]") {
  std::string rules = Replace(kGoodRule, "pattern: \"mi primo <0-3> (mas|muy) barato\"",
                              "regex: \" mi primo \"\n    anchors:\n      - [primo]\n      - []");
  CHECK(LoadError(rules) == "rules/cheaper_alternative.yaml:10:9: each group of 'anchors' must be a non-empty list of words");
}

TEST_CASE("a group of phrases needs all the words of one phrase", "[lexicon]") {
  std::string dir = MakeTempDir();
  auto lexicon = LoadLexicon(
      Replace(kGoodRule, "\"mi primo <0-3> (mas|muy) barato\"", "\"(ni tu ni yo|partimos la diferencia)\""), dir);
  CHECK(lexicon->normalizer().MightMatch("Bueno, partimos la diferencia y listo"));
  CHECK(lexicon->normalizer().MightMatch("ni tú ni yo"));
  // One word of each phrase is not enough.
  CHECK_FALSE(lexicon->normalizer().MightMatch("No la partimos nunca, ni la tocamos"));
  std::system(("rm -rf " + dir).c_str());
}

TEST_CASE("a malformed word frequency line names its position", "[lexicon]") {
  CHECK(LoadError(kGoodRule, "word_frequency.tsv", "# comment\nde\t40583\nla 33258\n") ==
        "word_frequency.tsv:3:9: expected 'word<TAB>occurrences per million'");
  CHECK(LoadError(kGoodRule, "word_frequency.tsv", "de\tmucho\n") ==
        "word_frequency.tsv:1:4: expected 'word<TAB>occurrences per million'");
}

TEST_CASE("a pattern with only optional parts is rejected", "[lexicon]") {
  CHECK(LoadError(Replace(kGoodRule, "\"mi primo <0-3> (mas|muy) barato\"", "\"[mi primo] <2>\"")) ==
        "rules/cheaper_alternative.yaml:7:14: pattern has no required word (only optional parts and gaps)");
}

TEST_CASE("a missing lexicon folder is kNotFound", "[lexicon]") {
  auto lexicon = foco::Lexicon::Load("/nonexistent/lexicons");
  REQUIRE_FALSE(lexicon.ok());
  CHECK(lexicon.status().code() == foco::ErrorCode::kNotFound);
  CHECK(lexicon.status().message() == "lexicon folder not found: /nonexistent/lexicons");
}

TEST_CASE("the shipped lexicon covers every taxonomy category", "[lexicon]") {
  const foco::Lexicon& lexicon = foco::test::ShippedEngine().lexicon();
  for (const std::string& category : foco::TaxonomyCategories()) {
    INFO(category);
    CHECK(std::any_of(lexicon.rules().begin(), lexicon.rules().end(),
                      [&category](const foco::Rule& rule) { return rule.category == category; }));
  }
}

TEST_CASE("context.yaml: scope breaks and cue examples are checked where they are written", "[lexicon]") {
  CHECK(LoadError(kGoodRule, "context.yaml", "scope_breaks: pero\ncues: []\n") ==
        "context.yaml:1:15: 'scope_breaks' must be a list of words or phrases");
  CHECK(LoadError(kGoodRule, "context.yaml",
                  "cues:\n  - id: negation.no\n    kind: negation\n    pattern: \"no pido\"\n    must_apply: \"no pido\"\n") ==
        "context.yaml:5:17: 'must_apply' must be a list of texts");
  CHECK(LoadError(kGoodRule, "context.yaml",
                  "cues:\n  - id: negation.no\n    kind: negation\n    pattern: \"no pido\"\n    must_aply: [\"no pido\"]\n") ==
        "context.yaml:5:5: unknown field 'must_aply' (known: id, kind, pattern, direction, scope, factor, "
        "previous_sentence, must_apply, must_not_apply)");
  CHECK(LoadError(kGoodRule, "context.yaml",
                  "cues:\n  - id: retraction.broma\n    kind: retraction\n    pattern: \"es broma\"\n"
                  "    previous_sentence: true\n") ==
        "context.yaml:5:24: previous_sentence needs direction backward or both");
  CHECK(LoadError(kGoodRule, "context.yaml",
                  "cues:\n  - id: retraction.broma\n    kind: retraction\n    pattern: \"es broma\"\n"
                  "    direction: backward\n    previous_sentence: si\n") ==
        "context.yaml:6:24: 'previous_sentence' must be true or false");
}
