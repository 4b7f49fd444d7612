// foco eval / foco calibrate through the binary, and the quality regression gate.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "../test_support.h"
#include "score/calibration.h"

using foco::test::RunFoco;

namespace {
const std::string kFixtureLexicon = std::string("--lexicon ") + FOCO_TEST_FIXTURES + "/lexicon";
const std::string kFixtureCorpus = std::string(FOCO_TEST_FIXTURES) + "/labelled.jsonl";
}  // namespace

TEST_CASE("eval counts true/false positives and negatives per category", "[cli][eval]") {
  auto result = RunFoco(kFixtureLexicon + " --raw-scores eval --format json " + kFixtureCorpus);
  REQUIRE(result.exit_code == 0);
  auto report = nlohmann::json::parse(result.out);
  CHECK(report["messages"] == 6);
  CHECK(report["clean_messages"] == 2);
  // f3 is a false positive of discount_pressure; f5 a false negative (no rule).
  CHECK(report["categories"]["discount_pressure"]["tp"] == 1);
  CHECK(report["categories"]["discount_pressure"]["fp"] == 1);
  CHECK(report["categories"]["payment_delay"]["fn"] == 1);
  CHECK(report["micro"]["tp"] == 3);
  CHECK(report["micro"]["fp"] == 1);
  CHECK(report["micro"]["fn"] == 1);
  CHECK(report["micro"]["precision"].get<double>() == Approx(0.75));
  CHECK(report["micro"]["recall"].get<double>() == Approx(0.75));
  CHECK(report["clean_flagged"] == 1);
  CHECK(report["confusion"]["none"]["discount_pressure"] == 1);
  CHECK(report["confusion"]["payment_delay"]["none"] == 1);
  CHECK(report["rules"]["discount_pressure.descuento"]["hits"] == 2);
  CHECK(report["rules"]["discount_pressure.descuento"]["precision"].get<double>() == Approx(0.5));
  REQUIRE(report["false_positives"].size() == 1);
  CHECK(report["false_positives"][0]["id"] == "f3");
  REQUIRE(report["false_negatives"].size() == 1);
  CHECK(report["false_negatives"][0]["id"] == "f5");
  CHECK(report["reliability"].size() == 10);
}

TEST_CASE("eval rejects a malformed corpus with path:line", "[cli][eval]") {
  std::string dir = foco::test::MakeTempDir();
  foco::test::WriteFile(dir + "/bad.jsonl", "{\"text\": \"hola\", \"labels\": []}\n{\"text\": \"x\", \"labels\": \"churn_risk\"}\n");
  auto result = RunFoco(kFixtureLexicon + " eval " + dir + "/bad.jsonl");
  CHECK(result.exit_code == 2);
  CHECK(result.err == "foco: " + dir + "/bad.jsonl:2: labels must be a list of strings\n");
}

TEST_CASE("calibrate writes a monotone curve that the engine then loads", "[cli][eval]") {
  std::string dir = foco::test::MakeTempDir();
  auto result = RunFoco(kFixtureLexicon + " calibrate -o " + dir + "/calibration.json " + kFixtureCorpus);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("wrote " + dir + "/calibration.json") == 0);
  auto calibration = foco::Calibration::Load(dir + "/calibration.json");
  REQUIRE(calibration.ok());
  const auto& curve = calibration->curve();
  REQUIRE_FALSE(curve.empty());
  for (std::size_t i = 1; i < curve.size(); ++i) CHECK(curve[i].second >= curve[i - 1].second);
  // The discount rule was right once in two: it must now score lower than before.
  CHECK(calibration->rule_adjustments().at("discount_pressure.descuento") < 1.0);
  auto calibrated = RunFoco(kFixtureLexicon + " --calibration " + dir + "/calibration.json eval --format json " +
                            kFixtureCorpus);
  REQUIRE(calibrated.exit_code == 0);
  CHECK(nlohmann::json::parse(calibrated.out)["ece"].get<double>() <= 0.5);
}

TEST_CASE("calibrate --holdout pulls the curve towards precision on unseen messages", "[cli][eval]") {
  std::string dir = foco::test::MakeTempDir();
  // On these held-out messages the cousin rule is wrong every time.
  std::string holdout;
  for (int i = 0; i < 6; ++i) {
    holdout += "{\"id\": \"h" + std::to_string(i) + "\", \"text\": \"mi primo lo hace más barato, dice la canción\", "
               "\"labels\": []}\n";
  }
  foco::test::WriteFile(dir + "/holdout.jsonl", holdout);
  auto plain = RunFoco(kFixtureLexicon + " calibrate -o " + dir + "/plain.json " + kFixtureCorpus);
  auto held = RunFoco(kFixtureLexicon + " calibrate -o " + dir + "/held.json --holdout " + dir + "/holdout.jsonl " +
                      kFixtureCorpus);
  REQUIRE(plain.exit_code == 0);
  REQUIRE(held.exit_code == 0);
  CHECK(held.out.find("and 6 held-out messages of " + dir + "/holdout.jsonl") != std::string::npos);
  auto without = foco::Calibration::Load(dir + "/plain.json");
  auto with = foco::Calibration::Load(dir + "/held.json");
  REQUIRE(without.ok());
  REQUIRE(with.ok());
  CHECK(with->Apply("cheaper_alternative.familiar_mas_barato", 0.9) <
        without->Apply("cheaper_alternative.familiar_mas_barato", 0.9));
}

TEST_CASE("Calibration::Apply interpolates the curve after the rule adjustment", "[score][calibration]") {
  foco::Calibration calibration;
  CHECK(calibration.Apply("any", 0.7) == Approx(0.7));
  calibration.set_curve({{0.2, 0.1}, {0.6, 0.5}, {0.9, 0.9}});
  calibration.set_rule_adjustment("weak", 0.5);
  CHECK(calibration.Apply("other", 0.1) == Approx(0.1));
  CHECK(calibration.Apply("other", 0.4) == Approx(0.3));
  CHECK(calibration.Apply("other", 0.75) == Approx(0.7));
  CHECK(calibration.Apply("other", 1.0) == Approx(0.9));
  CHECK(calibration.Apply("weak", 0.8) == Approx(0.3));
}

// The regression gate: micro-F1 on the held-out test split may not fall more
// than 0.02 below the figure recorded in corpus/quality.json.
TEST_CASE("quality gate: test-split micro-F1 does not regress", "[quality]") {
  auto recorded = nlohmann::json::parse(foco::test::ReadFile(std::string(FOCO_CORPUS) + "/quality.json"));
  double floor = recorded["test"]["micro_f1"].get<double>() - 0.02;
  auto result = RunFoco("--lexicon " + std::string(FOCO_SOURCE_LEXICONS) + " eval --format json " +
                        std::string(FOCO_CORPUS) + "/test.jsonl");
  REQUIRE(result.exit_code == 0);
  double micro_f1 = nlohmann::json::parse(result.out)["micro"]["f1"].get<double>();
  INFO("micro-F1 " << micro_f1 << ", recorded " << recorded["test"]["micro_f1"]);
  CHECK(micro_f1 >= floor);
}
