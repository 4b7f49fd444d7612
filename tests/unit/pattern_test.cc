#include "lexicon/pattern.h"

#include <catch2/catch.hpp>

using foco::ParsePattern;
using foco::PatternElement;

namespace {
std::string ErrorOf(const std::string& pattern) {
  auto parsed = ParsePattern(pattern);
  return parsed.ok() ? "" : parsed.status().message();
}
}  // namespace

TEST_CASE("patterns parse into words, groups, lists, lemmas, prefixes and gaps", "[pattern]") {
  auto parsed = ParsePattern("mi @familiar <0-4> [me|te] lo {hacer} (mas|muy) barat*");
  REQUIRE(parsed.ok());
  const auto& elements = *parsed;
  REQUIRE(elements.size() == 8);
  CHECK(elements[0].kind == PatternElement::Kind::kWord);
  CHECK(elements[1].kind == PatternElement::Kind::kList);
  CHECK(elements[1].text == "familiar");
  CHECK(elements[2].kind == PatternElement::Kind::kGap);
  CHECK(elements[2].min_words == 0);
  CHECK(elements[2].max_words == 4);
  CHECK(elements[3].kind == PatternElement::Kind::kGroup);
  CHECK(elements[3].optional);
  CHECK(elements[3].alternatives.size() == 2);
  CHECK(elements[5].kind == PatternElement::Kind::kLemma);
  CHECK(elements[5].text == "hacer");
  CHECK_FALSE(elements[6].optional);
  CHECK(elements[7].kind == PatternElement::Kind::kPrefix);
  CHECK(elements[7].text == "barat");
}

TEST_CASE("pattern errors name the column and the problem", "[pattern]") {
  CHECK(ErrorOf("mi (primo|prima") == "column 4: unbalanced '(': missing ')'");
  CHECK(ErrorOf("mi [primo") == "column 4: unbalanced '[': missing ']'");
  CHECK(ErrorOf("mi primo)") == "column 9: unbalanced ')'");
  CHECK(ErrorOf("mi primo | prima") == "column 10: '|' outside a group: write (a|b)");
  CHECK(ErrorOf("(a|)") == "column 4: empty alternative in group");
  CHECK(ErrorOf("mi <x> primo") == "column 4: a gap is <N> or <M-N> with whole numbers");
  CHECK(ErrorOf("mi <5-2> primo") == "column 4: gap <5-2>: the minimum is larger than the maximum");
  CHECK(ErrorOf("mi <50> primo") == "column 4: gap <50> is larger than 20 words");
  CHECK(ErrorOf("mi @ primo") == "column 4: '@' must be followed by a list name");
  CHECK(ErrorOf("te lo {pagar") == "column 7: unbalanced '{': missing '}'");
  CHECK(ErrorOf("(a]") == "column 3: ']' closes a group opened with '('");
  CHECK(ErrorOf("más = barato") == "column 5: unexpected '='");
  CHECK(ErrorOf("   ") == "column 1: empty pattern");
  CHECK(ErrorOf("me lo ^ deja") == "column 7: '^' (start of a sentence) may only begin a pattern");
  CHECK(ParsePattern("^ me lo deja").ok());
}
