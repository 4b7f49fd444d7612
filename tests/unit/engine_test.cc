#include "engine/engine.h"

#include <catch2/catch.hpp>

#include "../test_support.h"

using foco::test::FixtureEngine;
using foco::test::ShippedEngine;

namespace {

bool Flags(const foco::Engine& engine, const std::string& text, const std::string& category) {
  foco::Analysis analysis = engine.Analyze(text);
  return std::find(analysis.flags.begin(), analysis.flags.end(), category) != analysis.flags.end();
}

}  // namespace

TEST_CASE("the classic cheaper-alternative phrase survives case, accents, typos and inserted words", "[engine]") {
  for (const char* text : {"Mi primo lo hace más barato", "MI PRIMO LO HACE MAS BARATO", "mi primo me lo hace mas varato",
                           "mi primo, que sabe de compus, lo hace más barato"}) {
    INFO(text);
    CHECK(Flags(ShippedEngine(), text, "cheaper_alternative"));
  }
  CHECK_FALSE(Flags(ShippedEngine(), "Mi primo viene de visita", "cheaper_alternative"));
  CHECK(ShippedEngine().Analyze("Mi primo viene de visita").findings.empty());
}

TEST_CASE("conditional payment, and the same words in an innocent sense", "[engine]") {
  CHECK(Flags(ShippedEngine(), "si funsiona te lo pago", "conditional_payment"));
  CHECK(Flags(ShippedEngine(), "Si me funciona te lo pago", "conditional_payment"));
  CHECK(ShippedEngine().Analyze("Si me funciona el internet mañana te mando los archivos").findings.empty());
}

TEST_CASE("findings' byte offsets slice exactly to the match", "[engine]") {
  const std::string text = "Hola 😀, ¿qué tal? Ñoño: mi primo, que sabe de compus, lo hace más barato.";
  foco::Analysis analysis = FixtureEngine().Analyze(text);
  REQUIRE(analysis.findings.size() == 1);
  const foco::Finding& finding = analysis.findings[0];
  CHECK(text.substr(finding.start, finding.end - finding.start) == finding.match);
  CHECK(finding.match == "mi primo, que sabe de compus, lo hace más barato");
}

TEST_CASE("exact matches score higher than typo-corrected ones", "[engine][score]") {
  foco::Analysis exact = FixtureEngine().Analyze("mi primo lo hace más barato");
  foco::Analysis typo = FixtureEngine().Analyze("mi primo lo hace mas varato");
  REQUIRE(exact.findings.size() == 1);
  REQUIRE(typo.findings.size() == 1);
  CHECK(exact.findings[0].confidence > typo.findings[0].confidence);
}

TEST_CASE("negation near the phrase suppresses the finding", "[engine][score]") {
  foco::AnalyzeOptions every;
  every.min_confidence = 0;
  foco::Analysis negated = FixtureEngine().Analyze("no necesito descuento, gracias", every);
  REQUIRE(negated.findings.size() == 1);
  CHECK(negated.findings[0].negated);
  CHECK(negated.findings[0].confidence < 0.5);
  CHECK(FixtureEngine().Analyze("no necesito descuento, gracias").findings.empty());
  CHECK_FALSE(FixtureEngine().Analyze("¿me haces un descuento?").findings.empty());
  CHECK(FixtureEngine().Analyze("nunca te diría que está muy caro").findings.empty());
}

TEST_CASE("a scope break ends a negation's reach: what follows it stands", "[engine][score]") {
  CHECK(FixtureEngine().Analyze("no pido descuento").findings.empty());
  for (const char* text : {"no pido, pero descuento sí", "no pido, sin embargo descuento sí"}) {
    INFO(text);
    foco::Analysis analysis = FixtureEngine().Analyze(text);
    REQUIRE(analysis.findings.size() == 1);
    CHECK_FALSE(analysis.findings[0].negated);
  }
}

TEST_CASE("a joke retraction reaches back one sentence; 'no es broma' cancels it", "[engine][score]") {
  CHECK(FixtureEngine().Analyze("Mi primo lo hace más barato, es una broma").findings.empty());
  CHECK(FixtureEngine().Analyze("Mi primo lo hace más barato. Es una broma.").findings.empty());
  CHECK(FixtureEngine().Analyze("Mi primo lo hace más barato. Hola. Es una broma.").findings.size() == 1);
  foco::Analysis serious = FixtureEngine().Analyze("Mi primo lo hace más barato. No es una broma.");
  REQUIRE(serious.findings.size() == 1);
  CHECK_FALSE(serious.findings[0].negated);
  const auto& factors = serious.findings[0].factors;
  CHECK(std::any_of(factors.begin(), factors.end(),
                    [](const foco::AppliedFactor& factor) { return factor.name == "pseudo:pseudo.no_es_broma"; }));
}

TEST_CASE("talk about a phrase is a low-confidence mention", "[engine][score]") {
  foco::AnalyzeOptions every;
  every.min_confidence = 0;
  for (const char* text : {"Evita frases como mi primo lo hace más barato en tus correos",
                           "El curso dice: \"mi primo lo hace más barato\" es señal de alerta",
                           "Frase típica: 'mi primo lo hace más barato', y ahí empieza el regateo",
                           "Cuenta que al final mi primo «lo hace más barato» y no vuelve"}) {
    INFO(text);
    foco::Analysis analysis = FixtureEngine().Analyze(text, every);
    REQUIRE(analysis.findings.size() == 1);
    CHECK(analysis.findings[0].mention);
    CHECK(analysis.findings[0].confidence < 0.5);
  }
}

TEST_CASE("a question can change a rule's confidence when the rule says so", "[engine][score]") {
  foco::Analysis statement = FixtureEngine().Analyze("esto está muy caro.");
  foco::Analysis question = FixtureEngine().Analyze("¿por qué está tan caro?");
  REQUIRE(statement.findings.size() == 1);
  REQUIRE(question.findings.size() == 1);
  CHECK(question.findings[0].confidence > statement.findings[0].confidence);
}

TEST_CASE("the message score combines categories by noisy-or", "[engine][score]") {
  foco::Analysis analysis = FixtureEngine().Analyze("Mi primo lo hace más barato. ¿Me haces descuento?");
  REQUIRE(analysis.flags.size() == 2);
  double none = 1.0;
  for (const foco::Finding& finding : analysis.findings) none *= 1.0 - finding.confidence;
  CHECK(analysis.score == Approx(1.0 - none));
  CHECK(analysis.flags[0] == "cheaper_alternative");  // 0.9 beats 0.8
}

TEST_CASE("texts without anchors skip matching and give nothing", "[engine]") {
  foco::Explanation explanation = FixtureEngine().Explain("El gato duerme en el sofá.");
  CHECK(explanation.matches.prefiltered_out);
  CHECK(explanation.analysis.findings.empty());
}

TEST_CASE("any bytes are accepted", "[engine]") {
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise += static_cast<char>((i * 131) % 256);
  noise += " mi primo lo hace mas barato \xFF\xFE";
  foco::Analysis analysis = FixtureEngine().Analyze(noise);
  REQUIRE(analysis.findings.size() == 1);
  CHECK(analysis.findings[0].match == "mi primo lo hace mas barato");
  CHECK(FixtureEngine().Analyze("").findings.empty());
  CHECK(FixtureEngine().Analyze(std::string(1 << 20, 'a')).findings.empty());
}
