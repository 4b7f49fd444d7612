#include "normalize/fold.h"

#include <catch2/catch.hpp>

#include "base/utf8.h"

using foco::FoldAccents;
using foco::FoldCase;

TEST_CASE("FoldCase lowercases ASCII and Unicode text", "[fold]") {
  CHECK(FoldCase("MI PRIMO") == "mi primo");
  CHECK(FoldCase("MÁS BARATO") == "más barato");
  CHECK(FoldCase("AÑO") == "año");
}

TEST_CASE("FoldCase composes decomposed input (NFC)", "[fold]") {
  // "más" written as a + combining acute accent.
  CHECK(FoldCase("ma\xCC\x81s") == "más");
}

TEST_CASE("FoldAccents removes diacritics but keeps ñ", "[fold]") {
  CHECK(FoldAccents("acción") == "accion");
  CHECK(FoldAccents("pingüino") == "pinguino");
  CHECK(FoldAccents("año") == "año");
  CHECK(FoldAccents("año") != FoldAccents("ano"));
  CHECK(FoldAccents(FoldCase("NIÑO")) == "niño");
  // n + combining tilde is still ñ after folding.
  CHECK(FoldAccents(FoldCase("an\xCC\x83o")) == "año");
}

TEST_CASE("invalid UTF-8 is repaired, never fatal", "[fold]") {
  CHECK(foco::IsValidUtf8("año"));
  CHECK_FALSE(foco::IsValidUtf8("Luc\xED" "a"));
  CHECK(foco::RepairUtf8("Luc\xED" "a") == "Luc\xEF\xBF\xBD" "a");
  CHECK(foco::RepairUtf8("ok") == "ok");
  CHECK(FoldCase("Luc\xED" "a") == "luc\xEF\xBF\xBD" "a");
}
