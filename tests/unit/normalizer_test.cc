#include "normalize/normalizer.h"

#include <catch2/catch.hpp>

#include "../test_support.h"

namespace {

const foco::Normalizer& TestNormalizer() { return foco::test::FixtureEngine().lexicon().normalizer(); }

std::string Words(const std::string& text) {
  std::string out;
  for (const foco::Token& token : TestNormalizer().Normalize(text).tokens) out += (out.empty() ? "" : " ") + token.word;
  return out;
}

}  // namespace

TEST_CASE("case and accents are folded, ñ is kept", "[normalize]") {
  CHECK(Words("MI PRIMO LO HACE MÁS BARATO") == "mi primo lo hace mas barato");
  CHECK(Words("el año pasado") == "el año pasado");
}

TEST_CASE("stretched letters are squeezed without breaking real doubles", "[normalize]") {
  CHECK(Words("baratooo") == "barato");
  CHECK(Words("baratoooooo!!!") == "barato");
  CHECK(Words("lleva") == "lleva");
  CHECK(Words("acción") == "accion");
  CHECK(Words("leer") == "leer");
  CHECK(Words("carro") == "carro");
  CHECK(Words("siiii") == "si");
  // Doubles of words the dictionary knows only with an accent stay doubles.
  CHECK(Words("alli") == "alli");
  CHECK(Words("allá") == "alla");
}

TEST_CASE("chat spellings are expanded from the lexicon's chat file", "[normalize]") {
  CHECK(Words("xq no q tmb") == "porque no que tambien");
  CHECK(Words("xfa") == "por favor");
  auto tokens = TestNormalizer().Normalize("xfa").tokens;
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].start == 0);
  CHECK(tokens[1].end == 3);
  CHECK((tokens[0].changes & foco::kChatExpanded) != 0);
}

TEST_CASE("typos near the lexicon vocabulary are corrected, real words are not", "[normalize]") {
  CHECK(Words("varato") == "barato");
  CHECK(Words("funsiona") == "funciona");
  CHECK(Words("descuesto") == "descuento");
  CHECK(Words("caso") == "caso");
  CHECK(Words("primero") == "primero");
  auto tokens = TestNormalizer().Normalize("varato").tokens;
  REQUIRE(tokens.size() == 1);
  CHECK(tokens[0].corrected_from == "varato");
  CHECK((tokens[0].changes & foco::kTypoCorrected) != 0);
}

TEST_CASE("inflections carry the lexicon lemmas", "[normalize]") {
  for (const char* form : {"pago", "pagaré", "pagás", "pagaremos", "pague"}) {
    auto tokens = TestNormalizer().Normalize(form).tokens;
    REQUIRE(tokens.size() == 1);
    INFO(form);
    CHECK(std::find(tokens[0].lemmas.begin(), tokens[0].lemmas.end(), "pagar") != tokens[0].lemmas.end());
  }
}

TEST_CASE("verb forms with attached pronouns carry the verb's lemma", "[normalize]") {
  for (const char* form : {"págamelo", "pagarte", "pagándole", "pagadnos"}) {
    auto tokens = TestNormalizer().Normalize(form).tokens;
    REQUIRE(tokens.size() == 1);
    INFO(form);
    CHECK(std::find(tokens[0].lemmas.begin(), tokens[0].lemmas.end(), "pagar") != tokens[0].lemmas.end());
  }
  // Words that only end like a pronoun keep no verb lemma.
  for (const char* word : {"escuela", "hermanos", "pelo"}) {
    INFO(word);
    CHECK(TestNormalizer().Normalize(word).tokens[0].lemmas.empty());
  }
}

TEST_CASE("token offsets slice the original text exactly", "[normalize]") {
  const std::string text = "¿Está MÁS barato? 😀 Sí, ñandú… «año»";
  auto normalized = TestNormalizer().Normalize(text);
  std::vector<std::string> slices;
  for (const foco::Token& token : normalized.tokens) slices.push_back(text.substr(token.start, token.end - token.start));
  CHECK(slices == std::vector<std::string>{"Está", "MÁS", "barato", "Sí", "ñandú", "año"});
}

TEST_CASE("sentences are segmented; wrapped lines are joined, blank lines separate", "[normalize]") {
  auto two = TestNormalizer().Normalize("Hola. Mi primo viene.");
  REQUIRE(two.tokens.size() == 4);
  CHECK(two.tokens[0].sentence != two.tokens[1].sentence);
  CHECK(two.tokens[1].sentence == two.tokens[3].sentence);
  auto wrapped = TestNormalizer().Normalize("te escribo por lo del proyecto\ny que quedo pendiente.");
  CHECK(wrapped.tokens.front().sentence == wrapped.tokens.back().sentence);
  auto paragraphs = TestNormalizer().Normalize("mi primo\n\nlo hace");
  CHECK(paragraphs.tokens.front().sentence != paragraphs.tokens.back().sentence);
  auto punctuated = TestNormalizer().Normalize("gracias.\nmi primo");
  CHECK(punctuated.tokens.front().sentence != punctuated.tokens.back().sentence);
}

TEST_CASE("invalid UTF-8 and NUL bytes never fail and keep offsets", "[normalize]") {
  const char raw[] = "Luc\xED" "a paga\0 barato";  // Latin-1 í, then a NUL byte
  std::string text(raw, sizeof raw - 1);
  auto normalized = TestNormalizer().Normalize(text);
  REQUIRE_FALSE(normalized.tokens.empty());
  CHECK(normalized.tokens.back().word == "barato");
  CHECK(text.substr(normalized.tokens.back().start, 6) == "barato");
}

TEST_CASE("MightMatch lets through only texts with an anchor word", "[normalize]") {
  CHECK(TestNormalizer().MightMatch("mi primo lo hace mas varato"));
  CHECK(TestNormalizer().MightMatch("¿ME HACES UN DESCUENTITO?"));
  CHECK_FALSE(TestNormalizer().MightMatch("El gato duerme en el sofá toda la tarde."));
}

TEST_CASE("SpanishPhoneticKey merges letters that sound alike", "[normalize]") {
  CHECK(foco::SpanishPhoneticKey("varato") == foco::SpanishPhoneticKey("barato"));
  CHECK(foco::SpanishPhoneticKey("funsiona") == foco::SpanishPhoneticKey("funciona"));
  CHECK(foco::SpanishPhoneticKey("llamar") == foco::SpanishPhoneticKey("yamar"));
  CHECK(foco::SpanishPhoneticKey("caro") != foco::SpanishPhoneticKey("carro"));
}
