#include "normalize/dictionary.h"

#include <hunspell/hunspell.hxx>
#include <sys/stat.h>

#include <algorithm>

namespace foco {
namespace {
bool FileExists(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}
}  // namespace

Result<std::shared_ptr<Dictionary>> Dictionary::Load(const std::string& dir,
                                                     const std::vector<std::string>& names) {
  std::shared_ptr<Dictionary> dictionary(new Dictionary());
  for (const std::string& name : names) {
    std::string aff = dir + "/" + name + ".aff";
    std::string dic = dir + "/" + name + ".dic";
    if (!FileExists(aff) || !FileExists(dic)) continue;
    dictionary->spellers_.push_back(std::make_unique<Hunspell>(aff.c_str(), dic.c_str()));
    dictionary->loaded_names_.push_back(name);
  }
  if (dictionary->spellers_.empty()) {
    std::string wanted;
    for (const std::string& name : names) wanted += (wanted.empty() ? "" : ", ") + name;
    return Status(ErrorCode::kNotFound, "no Hunspell dictionary found in " + dir + " (wanted " +
                                            wanted + "; install the hunspell-es package)");
  }
  return dictionary;
}

Dictionary::~Dictionary() = default;

bool Dictionary::IsWord(std::string_view lowercase_word) const {
  std::string word(lowercase_word);
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& speller : spellers_) {
    if (speller->spell(word)) return true;
  }
  return false;
}

std::vector<std::string> Dictionary::Stems(std::string_view lowercase_word) const {
  std::string word(lowercase_word);
  std::vector<std::string> stems;
  std::lock_guard<std::mutex> lock(mutex_);
  // The first dictionary that knows the word gives its stems: regional
  // dictionaries share the general vocabulary, and asking all triples the cost.
  for (const auto& speller : spellers_) {
    for (std::string& stem : speller->stem(word)) {
      if (std::find(stems.begin(), stems.end(), stem) == stems.end()) stems.push_back(std::move(stem));
    }
    if (!stems.empty()) break;
  }
  return stems;
}

}  // namespace foco
