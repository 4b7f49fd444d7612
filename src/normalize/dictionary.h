// Spanish spelling knowledge from the Hunspell es dictionaries (hunspell-es).
//
//   auto dictionary = Dictionary::Load("/usr/share/hunspell", {"es_ES", "es_MX"});
//   if (!dictionary.ok()) return dictionary.status();
//   (*dictionary)->IsWord("pagaré");        // true
//   (*dictionary)->Stems("pagás");          // {"pagar"}
//
// Words are passed lowercase, with their accents (Hunspell knows "pagaré", not
// "pagare"). A word is known when any loaded dictionary knows it.
//
// Thread safety: all methods may be called from many threads; Hunspell itself
// is not thread-safe, so calls are serialized. Callers on hot paths cache the
// answers (Normalizer does), since a miss costs about a microsecond.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

class Hunspell;

namespace foco {

class Dictionary {
 public:
  // Loads `<dir>/<name>.aff` and `.dic` for each name. Fails with kNotFound
  // when none of them can be loaded; names that are missing are skipped.
  static Result<std::shared_ptr<Dictionary>> Load(const std::string& dir,
                                                  const std::vector<std::string>& names);
  ~Dictionary();

  bool IsWord(std::string_view lowercase_word) const;
  // Lemmas (dictionary stems) of the word, lowercase with accents, deduplicated.
  std::vector<std::string> Stems(std::string_view lowercase_word) const;
  const std::vector<std::string>& loaded_names() const { return loaded_names_; }

 private:
  Dictionary() = default;
  std::vector<std::unique_ptr<Hunspell>> spellers_;
  std::vector<std::string> loaded_names_;
  mutable std::mutex mutex_;
};

}  // namespace foco
