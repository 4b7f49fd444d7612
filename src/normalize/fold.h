// Unicode folding of single words and whole texts (ICU).
//
// Matching compares words after FoldCase + FoldAccents: "MÁS" → "más" → "mas",
// while "AÑO" → "año" keeps its ñ, so "año" and "ano" stay different words.
//
// All functions accept any bytes: invalid UTF-8 sequences become U+FFFD.
// Thread safety: pure functions, safe from any thread.
#pragma once

#include <string>
#include <string_view>

namespace foco {

// NFC, then Unicode full case folding ("STRASSE" and "straße" fold alike).
std::string FoldCase(std::string_view utf8);

// Removes diacritics except the tilde of ñ/Ñ: "acción" → "accion", "pingüino"
// → "pinguino", "año" → "año". Expects NFC input (FoldCase output).
std::string FoldAccents(std::string_view utf8);

}  // namespace foco
