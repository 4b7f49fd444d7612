#include "lexicon/lexicon.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

#include "lexicon/pattern.h"
#include "normalize/fold.h"

namespace foco {
namespace {

// RE2 memory budget for the combined context-cue automaton; each rule's own
// expression keeps RE2's default (8 MB, then RE2 falls back to its NFA).
constexpr int64_t kRe2SetMemory = 64 << 20;
constexpr int64_t kRuleRegexMemory = 3 << 20;
// `foco lexicon lint` warns about patterns whose required words occur
// together in at least this share of ordinary texts.
constexpr double kSlowPatternChance = 0.02;
// Lists may use other lists, to this depth (guards against cycles).
constexpr int kMaxListDepth = 6;

// Words so frequent that anchoring a rule on them would let most texts through
// the prefilter; a rule is anchored on a rarer element when it has one.
const std::set<std::string>& CommonWords() {
  static const std::set<std::string> words = {
      "a", "al", "algo", "como", "con", "cuando", "de", "del", "el", "ella", "en", "es", "esa", "ese",
      "eso", "esta", "este", "esto", "ha", "hay", "la", "las", "le", "les", "lo", "los", "mas", "me",
      "mi", "mis", "muy", "nada", "ni", "no", "nos", "o", "os", "para", "pero", "por", "porque", "que",
      "se", "si", "sin", "su", "sus", "te", "tu", "tus", "un", "una", "uno", "y", "ya", "yo", "ser",
      "estar", "haber", "hacer", "tener", "ir", "poder", "decir", "dar", "ver", "querer", "todo",
      "bien", "tan", "tanto", "usted", "ustedes", "vos", "voy", "va", "fue", "son", "era", "solo"};
  return words;
}

bool IsDirectory(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

bool IsFile(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

std::vector<std::string> YamlFilesIn(const std::string& dir) {
  std::vector<std::string> files;
  DIR* handle = opendir(dir.c_str());
  if (handle == nullptr) return files;
  while (dirent* entry = readdir(handle)) {
    std::string name = entry->d_name;
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".yaml") == 0) files.push_back(dir + "/" + name);
  }
  closedir(handle);
  std::sort(files.begin(), files.end());
  return files;
}

// The words one element of a pattern needs (any one of them), and how often
// text is expected to contain one of them, in occurrences per million words.
struct Anchors {
  bool valid = false;
  double cost = 0;
  std::set<std::string> words, lemmas, prefixes;

  // Either element may occur: their frequencies add up.
  void Merge(const Anchors& other) {
    words.insert(other.words.begin(), other.words.end());
    lemmas.insert(other.lemmas.begin(), other.lemmas.end());
    prefixes.insert(other.prefixes.begin(), other.prefixes.end());
    cost += other.cost;
  }
  std::size_t size() const { return words.size() + lemmas.size() + prefixes.size(); }
};

struct ListDefinition {
  std::vector<PatternSequence> entries;
  std::vector<SourcePosition> positions;
  SourcePosition position;
};

}  // namespace

const std::vector<std::string>& TaxonomyCategories() {
  static const std::vector<std::string> categories = {
      "conditional_payment", "cheaper_alternative", "devalued_effort", "discount_pressure",
      "free_work_request",   "payment_delay",       "threat_or_blackmail", "churn_risk",
      "service_complaint",   "unreasonable_demand"};
  return categories;
}

const char* CueKindName(CueKind kind) {
  switch (kind) {
    case CueKind::kNegation: return "negation";
    case CueKind::kRetraction: return "retraction";
    case CueKind::kHypothetical: return "hypothetical";
    case CueKind::kMention: return "mention";
    case CueKind::kIntensifier: return "intensifier";
    case CueKind::kPseudo: return "pseudo";
  }
  return "unknown";
}

class LexiconBuilder {
 public:
  LexiconBuilder(std::string dir, LexiconOptions options) : dir_(std::move(dir)), options_(std::move(options)) {}

  Result<std::shared_ptr<const Lexicon>> Build() {
    if (!IsDirectory(dir_)) return Status(ErrorCode::kNotFound, "lexicon folder not found: " + dir_);
    auto dictionary = Dictionary::Load(options_.dictionary_dir, options_.dictionaries);
    if (!dictionary.ok()) return dictionary.status();
    dictionary_ = *dictionary;

    lexicon_.reset(new Lexicon());
    lexicon_->dir_ = dir_;
    if (IsFile(dir_ + "/chat.yaml")) LoadChat(dir_ + "/chat.yaml");
    if (IsFile(dir_ + "/word_frequency.tsv")) LoadFrequencies(dir_ + "/word_frequency.tsv");
    auto pattern_normalizer = Normalizer::Create(vocabulary_, dictionary_);
    if (!pattern_normalizer.ok()) return pattern_normalizer.status();
    pattern_normalizer_ = std::move(*pattern_normalizer);

    if (IsFile(dir_ + "/lists.yaml")) LoadListsFile(dir_ + "/lists.yaml");
    std::vector<std::string> rule_files = YamlFilesIn(dir_ + "/rules");
    if (rule_files.empty()) Report({dir_ + "/rules", 0, 0}, "no rule files (*.yaml) found");
    std::vector<YAML::Node> rule_documents;
    for (const std::string& path : rule_files) {
      YAML::Node document;
      if (!LoadYaml(path, &document)) continue;
      if (document["lists"]) LoadLists(path, document["lists"]);
      rule_documents.push_back(document);
      rule_paths_.push_back(path);
    }
    for (std::size_t i = 0; i < rule_documents.size(); ++i) LoadRules(rule_paths_[i], rule_documents[i]);
    if (IsFile(dir_ + "/context.yaml")) LoadCues(dir_ + "/context.yaml");

    if (!diagnostics_.empty()) return Failure();
    CompileAll();
    if (!diagnostics_.empty()) return Failure();

    auto normalizer = Normalizer::Create(std::move(vocabulary_), dictionary_);
    if (!normalizer.ok()) return normalizer.status();
    lexicon_->normalizer_ = std::move(*normalizer);
    return std::shared_ptr<const Lexicon>(std::move(lexicon_));
  }

 private:
  Status Failure() {
    std::string message;
    for (const std::string& line : diagnostics_) message += (message.empty() ? "" : "\n") + line;
    return Status(ErrorCode::kLexiconError, message);
  }

  void Report(const SourcePosition& at, const std::string& problem) {
    std::string where = at.path;
    if (at.line > 0) where += ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
    diagnostics_.push_back(where + ": " + problem);
  }

  SourcePosition PositionOf(const std::string& path, const YAML::Node& node) const {
    YAML::Mark mark = node.Mark();
    return {path, mark.line + 1, mark.column + 1};
  }

  // Where character `column_in_pattern` (1-based) of a scalar's text sits in
  // the file.
  SourcePosition PositionInScalar(const std::string& path, const YAML::Node& node, int column_in_pattern) {
    SourcePosition at = PositionOf(path, node);
    at.column += QuoteShift(at) + column_in_pattern - 1;
    return at;
  }

  // 1 when the scalar starting at `at` is quoted (its text starts one further).
  int QuoteShift(const SourcePosition& at) {
    const std::vector<std::string>& lines = FileLines(at.path);
    if (at.line < 1 || at.line - 1 >= static_cast<int>(lines.size())) return 0;
    const std::string& line = lines[at.line - 1];
    std::size_t byte = 0;
    for (int column = 1; byte < line.size() && column < at.column; ++byte) {
      if ((static_cast<unsigned char>(line[byte]) & 0xC0) != 0x80) ++column;
    }
    return byte < line.size() && (line[byte] == '"' || line[byte] == '\'') ? 1 : 0;
  }

  const std::vector<std::string>& FileLines(const std::string& path) {
    auto found = file_lines_.find(path);
    if (found != file_lines_.end()) return found->second;
    std::vector<std::string>& lines = file_lines_[path];
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  bool LoadYaml(const std::string& path, YAML::Node* document) {
    try {
      *document = YAML::LoadFile(path);
    } catch (const YAML::ParserException& error) {
      Report({path, error.mark.line + 1, error.mark.column + 1}, "YAML syntax: " + error.msg);
      return false;
    } catch (const YAML::BadFile&) {
      Report({path, 0, 0}, "cannot read file");
      return false;
    }
    if (!document->IsMap()) {
      Report({path, 1, 1}, "expected a mapping at the top of the file");
      return false;
    }
    return true;
  }

  bool ReadString(const std::string& path, const YAML::Node& node, const std::string& field, std::string* out) {
    if (!node.IsScalar()) {
      Report(PositionOf(path, node), "'" + field + "' must be a text");
      return false;
    }
    *out = node.Scalar();
    return true;
  }

  bool ReadNumber(const std::string& path, const YAML::Node& node, const std::string& field, double low,
                  double high, double* out) {
    try {
      *out = node.as<double>();
    } catch (const YAML::Exception&) {
      Report(PositionOf(path, node), "'" + field + "' must be a number");
      return false;
    }
    if (*out < low || *out > high) {
      std::ostringstream range;
      range << "'" << field << "' must be between " << low << " and " << high;
      Report(PositionOf(path, node), range.str());
      return false;
    }
    return true;
  }

  bool ReadBool(const std::string& path, const YAML::Node& node, const std::string& field, bool* out) {
    try {
      *out = node.as<bool>();
      return true;
    } catch (const YAML::Exception&) {
      Report(PositionOf(path, node), "'" + field + "' must be true or false");
      return false;
    }
  }

  void CheckFields(const std::string& path, const YAML::Node& map, const std::vector<std::string>& known) {
    for (const auto& entry : map) {
      const std::string key = entry.first.Scalar();
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      std::string list;
      for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
      Report(PositionOf(path, entry.first), "unknown field '" + key + "' (known: " + list + ")");
    }
  }

  // "word<TAB>per million" lines; '#' starts a comment line.
  void LoadFrequencies(const std::string& path) {
    const std::vector<std::string>& lines = FileLines(path);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      if (line.empty() || line[0] == '#') continue;
      std::size_t tab = line.find('\t');
      char* end = nullptr;
      double value = tab == std::string::npos ? -1 : std::strtod(line.c_str() + tab + 1, &end);
      if (tab == 0 || value < 0 || end == line.c_str() + tab + 1 || *end != '\0') {
        int column = tab == std::string::npos ? static_cast<int>(line.size()) + 1 : static_cast<int>(tab) + 2;
        Report({path, static_cast<int>(i) + 1, column}, "expected 'word<TAB>occurrences per million'");
        continue;
      }
      word_frequency_[FoldAccents(FoldCase(line.substr(0, tab)))] = value;
    }
  }

  // Expected occurrences per million words of text. Words missing from the
  // frequency table are rare, except for the few that every text has.
  double WordCost(const std::string& word) const {
    auto found = word_frequency_.find(word);
    double cost = found != word_frequency_.end() ? found->second : 1.0;
    if (CommonWords().count(word)) cost = std::max(cost, 5000.0);
    return cost;
  }

  double LemmaCost(const std::string& lemma) const {
    // A lemma stands for all its inflections.
    return 4 * WordCost(lemma);
  }

  double PrefixCost(const std::string& prefix) const {
    double cost = prefix.size() < 3 ? 20000.0 : 1.0;  // "1*", "re*": almost everything
    for (const auto& [word, frequency] : word_frequency_) {
      if (word.compare(0, prefix.size(), prefix) == 0) cost += frequency;
    }
    return cost;
  }

  void LoadChat(const std::string& path) {
    YAML::Node document;
    if (!LoadYaml(path, &document)) return;
    CheckFields(path, document, {"chat"});
    YAML::Node chat = document["chat"];
    if (!chat || !chat.IsMap()) {
      Report({path, 1, 1}, "expected 'chat:' with a mapping of spellings");
      return;
    }
    for (const auto& entry : chat) {
      std::string key = FoldAccents(FoldCase(entry.first.Scalar()));
      if (!entry.second.IsScalar()) {
        Report(PositionOf(path, entry.second), "a chat spelling maps to a text");
        continue;
      }
      std::vector<std::string> words;
      std::istringstream expansion(entry.second.Scalar());
      for (std::string word; expansion >> word;) words.push_back(FoldAccents(FoldCase(word)));
      if (words.empty()) {
        Report(PositionOf(path, entry.second), "empty expansion for chat spelling '" + key + "'");
        continue;
      }
      vocabulary_.chat[key] = words;
    }
  }

  void LoadListsFile(const std::string& path) {
    YAML::Node document;
    if (!LoadYaml(path, &document)) return;
    CheckFields(path, document, {"lists"});
    if (!document["lists"]) {
      Report({path, 1, 1}, "expected 'lists:'");
      return;
    }
    LoadLists(path, document["lists"]);
  }

  void LoadLists(const std::string& path, const YAML::Node& lists) {
    if (!lists.IsMap()) {
      Report(PositionOf(path, lists), "'lists' must map list names to lists of words");
      return;
    }
    for (const auto& entry : lists) {
      std::string name = entry.first.Scalar();
      SourcePosition at = PositionOf(path, entry.first);
      auto existing = lists_.find(name);
      if (existing != lists_.end()) {
        const SourcePosition& first = existing->second.position;
        Report(at, "list '@" + name + "' is already defined at " + first.path + ":" + std::to_string(first.line));
        continue;
      }
      if (!entry.second.IsSequence() || entry.second.size() == 0) {
        Report(PositionOf(path, entry.second), "list '@" + name + "' must be a non-empty list of words");
        continue;
      }
      ListDefinition definition;
      definition.position = at;
      for (const auto& item : entry.second) {
        if (!item.IsScalar()) {
          Report(PositionOf(path, item), "list entries are texts");
          continue;
        }
        PatternSequence sequence;
        if (!ParseAt(path, item, item.Scalar(), &sequence)) continue;
        definition.entries.push_back(std::move(sequence));
        definition.positions.push_back(PositionOf(path, item));
      }
      lists_[name] = std::move(definition);
    }
  }

  bool ParseAt(const std::string& path, const YAML::Node& node, const std::string& text, PatternSequence* out) {
    auto parsed = ParsePattern(text);
    if (parsed.ok()) {
      *out = std::move(*parsed);
      return true;
    }
    // "column N: problem" → point at that character in the file.
    const std::string& message = parsed.status().message();
    int column = 1;
    std::string problem = message;
    std::size_t colon = message.find(": ");
    if (message.rfind("column ", 0) == 0 && colon != std::string::npos) {
      column = std::atoi(message.c_str() + 7);
      problem = message.substr(colon + 2);
    }
    Report(PositionInScalar(path, node, column), problem);
    return false;
  }

  void LoadRules(const std::string& path, const YAML::Node& document) {
    CheckFields(path, document, {"category", "lists", "rules"});
    std::string category;
    if (!document["category"]) {
      Report({path, 1, 1}, "missing 'category:' (one of the taxonomy ids)");
      return;
    }
    if (!ReadString(path, document["category"], "category", &category)) return;
    const auto& categories = TaxonomyCategories();
    if (std::find(categories.begin(), categories.end(), category) == categories.end()) {
      Report(PositionOf(path, document["category"]), "unknown category '" + category + "'");
      return;
    }
    YAML::Node rules = document["rules"];
    if (!rules || !rules.IsSequence()) {
      Report({path, 1, 1}, "expected 'rules:' with a list of rules");
      return;
    }
    for (const auto& node : rules) LoadRule(path, category, node);
  }

  void LoadRule(const std::string& path, const std::string& category, const YAML::Node& node) {
    SourcePosition at = PositionOf(path, node);
    if (!node.IsMap()) {
      Report(at, "a rule is a mapping with id, description, message, weight, pattern and examples");
      return;
    }
    CheckFields(path, node, {"id", "description", "message", "weight", "pattern", "patterns", "regex", "anchors",
                             "must_fire", "must_not_fire", "mention_ok", "question_factor"});
    Rule rule;
    rule.category = category;
    rule.position = at;
    for (const char* required : {"id", "description", "message", "weight", "must_fire"}) {
      if (!node[required]) Report(at, std::string("rule is missing '") + required + "'");
    }
    if (!node["id"] || !ReadString(path, node["id"], "id", &rule.id)) return;
    if (!RE2::FullMatch(rule.id, "[a-z_]+\\.[a-z0-9_]+") || rule.id.rfind(category + ".", 0) != 0) {
      Report(PositionOf(path, node["id"]),
             "rule id '" + rule.id + "' must look like '" + category + ".some_name' (lowercase ascii, _)");
    }
    auto first = rule_positions_.find(rule.id);
    if (first != rule_positions_.end()) {
      Report(PositionOf(path, node["id"]), "duplicate rule id '" + rule.id + "' (first defined at " +
                                               first->second.path + ":" + std::to_string(first->second.line) + ")");
    } else {
      rule_positions_[rule.id] = at;
    }
    if (node["description"]) ReadString(path, node["description"], "description", &rule.description);
    if (node["message"]) ReadString(path, node["message"], "message", &rule.message);
    if (node["weight"]) ReadNumber(path, node["weight"], "weight", 0.0, 1.0, &rule.weight);
    if (node["question_factor"]) ReadNumber(path, node["question_factor"], "question_factor", 0.0, 3.0, &rule.question_factor);
    if (node["mention_ok"]) ReadBool(path, node["mention_ok"], "mention_ok", &rule.mention_ok);

    int pattern_fields = !!node["pattern"] + !!node["patterns"] + !!node["regex"];
    if (pattern_fields != 1) {
      Report(at, "a rule needs exactly one of 'pattern', 'patterns' or 'regex'");
    }
    PendingRule pending;
    if (node["pattern"]) {
      AddPattern(path, node["pattern"], &rule, &pending);
    } else if (node["patterns"]) {
      if (!node["patterns"].IsSequence() || node["patterns"].size() == 0) {
        Report(PositionOf(path, node["patterns"]), "'patterns' must be a non-empty list");
      } else {
        for (const auto& item : node["patterns"]) AddPattern(path, item, &rule, &pending);
      }
    } else if (node["regex"]) {
      std::string regex;
      if (ReadString(path, node["regex"], "regex", &regex)) {
        RE2 check(regex, Lexicon::RegexOptions());
        if (!check.ok()) Report(PositionOf(path, node["regex"]), "invalid regex: " + check.error());
        rule.patterns.push_back(regex);
        pending.raw_regex = regex;
      }
      // The prefilter cannot see inside a regex: the rule names the words one
      // of which every match contains, or several such groups, one word of
      // each being in every match.
      YAML::Node anchors = node["anchors"];
      if (anchors) pending.anchors_position = PositionOf(path, anchors);
      auto add_group = [&pending](const YAML::Node& group) {
        pending.regex_anchors.emplace_back();
        for (const auto& anchor : group) {
          if (anchor.IsScalar()) pending.regex_anchors.back().push_back(anchor.Scalar());
        }
      };
      if (!anchors || !anchors.IsSequence() || anchors.size() == 0) {
        Report(PositionOf(path, node["regex"]),
               "a regex rule needs 'anchors:', the words one of which every match contains");
      } else if (!anchors[0].IsSequence()) {
        add_group(anchors);
      } else {
        for (const auto& group : anchors) {
          if (group.IsSequence() && group.size() > 0) {
            add_group(group);
          } else {
            Report(PositionOf(path, group), "each group of 'anchors' must be a non-empty list of words");
          }
        }
      }
    } else if (node["anchors"]) {
      Report(PositionOf(path, node["anchors"]), "'anchors' is only for regex rules (patterns find their own)");
    }
    LoadExamples(path, node, "must_fire", true, &rule.examples);
    LoadExamples(path, node, "must_not_fire", false, &rule.examples);
    if (node["must_fire"] && std::none_of(rule.examples.begin(), rule.examples.end(),
                                          [](const RuleExample& e) { return e.must_fire; })) {
      Report(PositionOf(path, node["must_fire"]), "rule needs at least one must_fire example");
    }
    pending_.push_back(std::move(pending));
    lexicon_->rules_.push_back(std::move(rule));
  }

  struct PendingRule {
    std::vector<PatternSequence> sequences;
    std::vector<SourcePosition> positions;
    std::string raw_regex;
    std::vector<std::vector<std::string>> regex_anchors;  // groups: one word of each is in every match
    SourcePosition anchors_position;
  };

  void AddPattern(const std::string& path, const YAML::Node& node, Rule* rule, PendingRule* pending) {
    std::string text;
    if (!ReadString(path, node, "pattern", &text)) return;
    PatternSequence sequence;
    if (!ParseAt(path, node, text, &sequence)) return;
    rule->patterns.push_back(text);
    pending->sequences.push_back(std::move(sequence));
    pending->positions.push_back(PositionOf(path, node));
  }

  // Rule and cue examples: `Example` is RuleExample or CueExample.
  template <typename Example>
  void LoadExamples(const std::string& path, const YAML::Node& node, const char* field, bool positive,
                    std::vector<Example>* examples) {
    YAML::Node list = node[field];
    if (!list) return;
    if (!list.IsSequence()) {
      Report(PositionOf(path, list), std::string("'") + field + "' must be a list of texts");
      return;
    }
    for (const auto& item : list) {
      if (!item.IsScalar()) {
        Report(PositionOf(path, item), "examples are texts");
        continue;
      }
      examples->push_back({item.Scalar(), positive, PositionOf(path, item)});
    }
  }

  void LoadScopeBreaks(const std::string& path, const YAML::Node& breaks) {
    if (!breaks) return;
    if (!breaks.IsSequence()) {
      Report(PositionOf(path, breaks), "'scope_breaks' must be a list of words or phrases");
      return;
    }
    for (const auto& item : breaks) {
      if (!item.IsScalar() || item.Scalar().empty()) {
        Report(PositionOf(path, item), "a scope break is a word or a phrase");
        continue;
      }
      std::vector<std::string> words;
      std::istringstream phrase(item.Scalar());
      for (std::string word; phrase >> word;) {
        for (const std::string& normalized : NormalizeWord(word)) words.push_back(normalized);
      }
      lexicon_->scope_breaks_.push_back(std::move(words));
    }
  }

  void LoadCues(const std::string& path) {
    YAML::Node document;
    if (!LoadYaml(path, &document)) return;
    CheckFields(path, document, {"cues", "scope_breaks"});
    LoadScopeBreaks(path, document["scope_breaks"]);
    YAML::Node cues = document["cues"];
    if (!cues || !cues.IsSequence()) {
      Report({path, 1, 1}, "expected 'cues:' with a list of cues");
      return;
    }
    std::set<std::string> ids;
    for (const auto& node : cues) {
      SourcePosition at = PositionOf(path, node);
      if (!node.IsMap()) {
        Report(at, "a cue is a mapping with id, kind, pattern, direction and scope");
        continue;
      }
      CheckFields(path, node, {"id", "kind", "pattern", "direction", "scope", "factor", "previous_sentence", "must_apply",
                                 "must_not_apply"});
      Cue cue;
      cue.position = at;
      for (const char* required : {"id", "kind", "pattern"}) {
        if (!node[required]) Report(at, std::string("cue is missing '") + required + "'");
      }
      if (!node["id"] || !node["kind"] || !node["pattern"]) continue;
      ReadString(path, node["id"], "id", &cue.id);
      if (!ids.insert(cue.id).second) Report(PositionOf(path, node["id"]), "duplicate cue id '" + cue.id + "'");
      std::string kind;
      ReadString(path, node["kind"], "kind", &kind);
      static const std::map<std::string, std::pair<CueKind, double>> kinds = {
          {"negation", {CueKind::kNegation, 0.15}},     {"retraction", {CueKind::kRetraction, 0.15}},
          {"hypothetical", {CueKind::kHypothetical, 0.5}}, {"mention", {CueKind::kMention, 0.25}},
          {"intensifier", {CueKind::kIntensifier, 1.1}}, {"pseudo", {CueKind::kPseudo, 1.0}}};
      auto found_kind = kinds.find(kind);
      if (found_kind == kinds.end()) {
        Report(PositionOf(path, node["kind"]),
               "unknown cue kind '" + kind + "' (known: negation, retraction, hypothetical, mention, intensifier, pseudo)");
        continue;
      }
      cue.kind = found_kind->second.first;
      cue.factor = found_kind->second.second;
      if (node["factor"]) ReadNumber(path, node["factor"], "factor", 0.0, 2.0, &cue.factor);
      if (node["direction"]) {
        std::string direction;
        ReadString(path, node["direction"], "direction", &direction);
        if (direction == "forward") cue.direction = CueDirection::kForward;
        else if (direction == "backward") cue.direction = CueDirection::kBackward;
        else if (direction == "both") cue.direction = CueDirection::kBoth;
        else Report(PositionOf(path, node["direction"]), "direction must be forward, backward or both");
      }
      if (node["previous_sentence"]) {
        ReadBool(path, node["previous_sentence"], "previous_sentence", &cue.previous_sentence);
        if (cue.previous_sentence && cue.direction == CueDirection::kForward) {
          Report(PositionOf(path, node["previous_sentence"]), "previous_sentence needs direction backward or both");
        }
      }
      if (node["scope"]) {
        double scope = 0;
        if (ReadNumber(path, node["scope"], "scope", 0, 30, &scope)) cue.scope = static_cast<int>(scope);
      }
      ReadString(path, node["pattern"], "pattern", &cue.pattern);
      LoadExamples(path, node, "must_apply", true, &cue.examples);
      LoadExamples(path, node, "must_not_apply", false, &cue.examples);
      PatternSequence sequence;
      if (!ParseAt(path, node["pattern"], cue.pattern, &sequence)) continue;
      cue_sequences_.push_back(std::move(sequence));
      lexicon_->cues_.push_back(std::move(cue));
    }
  }

  // ---- compilation --------------------------------------------------------

  // Lists are expanded wherever they are used: remember each word's form.
  const std::vector<std::string>& NormalizeWord(const std::string& word) {
    auto found = normalized_words_.find(word);
    if (found != normalized_words_.end()) return found->second;
    return normalized_words_.emplace(word, pattern_normalizer_->NormalizeLexiconWord(word)).first->second;
  }

  std::string WordRegex(const std::string& word) { return RE2::QuoteMeta(word) + "(?:=[^ ]+)? "; }

  std::string CompileSequence(const PatternSequence& sequence, const SourcePosition& at, int depth,
                              bool collect_vocabulary) {
    std::string regex;
    for (const PatternElement& element : sequence) regex += CompileElement(element, at, depth, collect_vocabulary);
    return regex;
  }

  std::string CompileElement(const PatternElement& element, const SourcePosition& at, int depth,
                             bool collect_vocabulary) {
    switch (element.kind) {
      case PatternElement::Kind::kWord: {
        std::string regex;
        for (const std::string& word : NormalizeWord(element.text)) {
          if (collect_vocabulary) vocabulary_.words.insert(word);
          regex += WordRegex(word);
        }
        return regex;
      }
      case PatternElement::Kind::kLemma: {
        std::string lemma = FoldAccents(FoldCase(element.text));
        vocabulary_.lemmas.insert(lemma);
        if (collect_vocabulary) vocabulary_.words.insert(lemma);
        return "[^ =|]+(?:=[^ =]+)*=" + RE2::QuoteMeta(lemma) + "(?:=[^ =]+)* ";
      }
      case PatternElement::Kind::kPrefix: {
        std::string prefix = FoldAccents(FoldCase(element.text));
        return RE2::QuoteMeta(prefix) + "[^ =]*(?:=[^ ]+)? ";
      }
      case PatternElement::Kind::kGap:
        return "(?:[^ |][^ ]* ){" + std::to_string(element.min_words) + "," + std::to_string(element.max_words) + "}";
      case PatternElement::Kind::kSentenceStart:
        return "";  // handled where the pattern's expression begins
      case PatternElement::Kind::kGroup: {
        std::vector<const PatternSequence*> alternatives;
        for (const PatternSequence& alternative : element.alternatives) alternatives.push_back(&alternative);
        std::vector<SourcePosition> positions(alternatives.size(), at);
        return CompileAlternatives(alternatives, positions, depth, collect_vocabulary) + (element.optional ? "?" : "");
      }
      case PatternElement::Kind::kList: {
        const ListDefinition* list = FindList(element.text, at, element, depth);
        if (list == nullptr) return "(?:\\x00)";  // never matches; the error is reported
        // A list compiles to the same expression wherever it is used; its
        // words join the vocabulary the first time vocabulary is collected.
        auto known = list_regexes_.find(element.text);
        bool vocabulary_known = list_vocabulary_collected_.count(element.text) > 0;
        if (known != list_regexes_.end() && (vocabulary_known || !collect_vocabulary)) return known->second;
        std::vector<const PatternSequence*> entries;
        for (const PatternSequence& entry : list->entries) entries.push_back(&entry);
        std::string regex = CompileAlternatives(entries, list->positions, depth + 1, collect_vocabulary);
        list_regexes_[element.text] = regex;
        if (collect_vocabulary) list_vocabulary_collected_.insert(element.text);
        return regex;
      }
    }
    return "";
  }

  // "(?:a|b c|…)". Alternatives that are one plain word share one lemma
  // suffix, "(?:pago|abono|…)(?:=[^ ]+)? ", instead of one each: RE2 then
  // factors their common prefixes, which keeps rules with long word lists
  // small and fast.
  std::string CompileAlternatives(const std::vector<const PatternSequence*>& alternatives,
                                  const std::vector<SourcePosition>& positions, int depth, bool collect_vocabulary) {
    std::vector<std::string> single_words;
    std::vector<std::string> others;
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
      const PatternSequence& sequence = *alternatives[i];
      if (sequence.size() == 1 && sequence[0].kind == PatternElement::Kind::kWord) {
        const std::vector<std::string>& words = NormalizeWord(sequence[0].text);
        if (words.size() == 1) {
          if (collect_vocabulary) vocabulary_.words.insert(words[0]);
          single_words.push_back(RE2::QuoteMeta(words[0]));
          continue;
        }
      }
      others.push_back(CompileSequence(sequence, positions[i], depth, collect_vocabulary));
    }
    std::sort(single_words.begin(), single_words.end());
    single_words.erase(std::unique(single_words.begin(), single_words.end()), single_words.end());
    std::string regex = "(?:";
    if (!single_words.empty()) {
      regex += "(?:";
      for (std::size_t i = 0; i < single_words.size(); ++i) regex += (i > 0 ? "|" : "") + single_words[i];
      regex += ")(?:=[^ ]+)? ";
    }
    for (const std::string& other : others) regex += (regex.size() > 3 ? "|" : "") + other;
    return regex + ")";
  }

  const ListDefinition* FindList(const std::string& name, const SourcePosition& at, const PatternElement& element,
                                 int depth) {
    auto found = lists_.find(name);
    if (found == lists_.end()) {
      std::string hint;
      std::size_t best = 3;
      for (const auto& entry : lists_) {
        std::size_t distance = LooseDistance(name, entry.first);
        if (distance < best) {
          best = distance;
          hint = " (did you mean '@" + entry.first + "'?)";
        }
      }
      ReportInPattern(at, element, "unknown list '@" + name + "'" + hint);
      return nullptr;
    }
    if (depth >= kMaxListDepth) {
      ReportInPattern(at, element, "list '@" + name + "' nests lists too deeply (a cycle?)");
      return nullptr;
    }
    return &found->second;
  }

  static std::size_t LooseDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        std::size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = above;
      }
    }
    return row[b.size()];
  }

  void ReportInPattern(const SourcePosition& at, const PatternElement& element, const std::string& problem) {
    SourcePosition where = at;
    where.column += QuoteShift(at) + static_cast<int>(element.offset);
    Report(where, problem);
  }

  Anchors AnchorsOfSequence(const PatternSequence& sequence, int depth) {
    Anchors best;
    for (const PatternElement& element : sequence) {
      Anchors candidate = AnchorsOfElement(element, depth);
      if (!candidate.valid) continue;
      if (!best.valid || candidate.cost < best.cost ||
          (candidate.cost == best.cost && candidate.size() < best.size())) {
        best = candidate;
      }
    }
    return best;
  }

  Anchors AnchorsOfElement(const PatternElement& element, int depth) {
    Anchors anchors;
    switch (element.kind) {
      case PatternElement::Kind::kWord: {
        const std::vector<std::string>& words = NormalizeWord(element.text);
        if (words.empty()) return anchors;
        anchors.valid = true;
        anchors.words.insert(words.front());
        anchors.cost = WordCost(words.front());
        return anchors;
      }
      case PatternElement::Kind::kLemma: {
        std::string lemma = FoldAccents(FoldCase(element.text));
        anchors.valid = true;
        anchors.lemmas.insert(lemma);
        anchors.cost = LemmaCost(lemma);
        return anchors;
      }
      case PatternElement::Kind::kPrefix: {
        std::string prefix = FoldAccents(FoldCase(element.text));
        anchors.valid = true;
        anchors.prefixes.insert(prefix);
        anchors.cost = PrefixCost(prefix);
        return anchors;
      }
      case PatternElement::Kind::kGap:
      case PatternElement::Kind::kSentenceStart:
        return anchors;
      case PatternElement::Kind::kGroup: {
        if (element.optional) return anchors;
        anchors.valid = true;
        for (const PatternSequence& alternative : element.alternatives) {
          Anchors inner = AnchorsOfSequence(alternative, depth);
          if (!inner.valid) return Anchors();
          anchors.Merge(inner);
        }
        return anchors;
      }
      case PatternElement::Kind::kList: {
        auto found = lists_.find(element.text);
        if (found == lists_.end() || depth >= kMaxListDepth) return anchors;
        // Lists are used by many patterns: work their anchors out once.
        auto known = list_anchors_.find(element.text);
        if (known != list_anchors_.end()) return known->second;
        anchors.valid = true;
        for (const PatternSequence& entry : found->second.entries) {
          Anchors inner = AnchorsOfSequence(entry, depth + 1);
          if (!inner.valid) {
            anchors = Anchors();
            break;
          }
          anchors.Merge(inner);
        }
        list_anchors_[element.text] = anchors;
        return anchors;
      }
    }
    return anchors;
  }

  // Every pattern expression starts at a word boundary (the space before a
  // word); "^" asks for the start of a sentence: the text's start or a "|".
  static std::string SequenceStart(const PatternSequence& sequence) {
    bool sentence_start = !sequence.empty() && sequence.front().kind == PatternElement::Kind::kSentenceStart;
    return sentence_start ? "(?:^ |\\| )" : " ";
  }

  // Every element of the sequence that must occur adds its feature; a group
  // with a single alternative, "(antes de que (termine|acabe))", is a sequence
  // too, so each of its words is required, not just one of them.
  void AddRequiredFeatures(const PatternSequence& sequence, int depth, std::vector<std::uint32_t>* conjunction) {
    std::vector<const PatternElement*> required;
    FlattenRequired(sequence, &required);
    for (const PatternElement* element : required) {
      std::uint32_t feature;
      if (FeatureOfElement(*element, depth, &feature)) conjunction->push_back(feature);
    }
  }

  // The prefilter feature of one element; false when it has none. A list's
  // feature is worked out once: lists are long and used by many patterns.
  bool FeatureOfElement(const PatternElement& element, int depth, std::uint32_t* feature) {
    bool is_list = element.kind == PatternElement::Kind::kList;
    if (is_list) {
      auto known = list_features_.find(element.text);
      if (known != list_features_.end()) {
        *feature = known->second;
        return true;
      }
    }
    Anchors anchors = AnchorsOfElement(element, depth);
    if (!anchors.valid) return false;
    *feature = FeatureOf(anchors);
    if (is_list) list_features_[element.text] = *feature;
    return true;
  }

  // The prefilter's conditions for one pattern: any one of the returned
  // conjunctions must hold. One conjunction takes a feature per required
  // element; but when an element is a group of phrases, "(ni tu ni yo|ni lo
  // tuyo ni lo mio)", one word per phrase is a weak test, so the most frequent
  // such group is split into one conjunction per phrase, with all its words.
  std::vector<std::vector<std::uint32_t>> RequiredConjunctions(const PatternSequence& sequence) {
    constexpr std::size_t kMaxSplit = 24;
    std::vector<const PatternElement*> required;
    FlattenRequired(sequence, &required);
    std::vector<std::uint32_t> base;
    std::vector<std::pair<const PatternElement*, std::uint32_t>> splittable;  // group, its feature
    for (const PatternElement* element : required) {
      std::uint32_t feature;
      if (!FeatureOfElement(*element, 0, &feature)) continue;
      base.push_back(feature);
      if (element->kind != PatternElement::Kind::kGroup || element->alternatives.size() < 2 ||
          element->alternatives.size() > kMaxSplit) {
        continue;
      }
      for (const PatternSequence& alternative : element->alternatives) {
        std::vector<const PatternElement*> words;
        FlattenRequired(alternative, &words);
        if (words.size() >= 2) {
          splittable.emplace_back(element, feature);
          break;
        }
      }
    }
    if (base.empty()) return {};
    // Split the group that makes the prefilter most selective, if any does.
    std::vector<std::vector<std::uint32_t>> best = {base};
    double best_chance = PassChance(best);
    for (const auto& [group, group_feature] : splittable) {
      std::vector<std::uint32_t> rest = base;
      rest.erase(std::remove(rest.begin(), rest.end(), group_feature), rest.end());
      std::vector<std::vector<std::uint32_t>> conjunctions;
      for (const PatternSequence& alternative : group->alternatives) {
        std::vector<std::uint32_t> conjunction = rest;
        AddRequiredFeatures(alternative, 0, &conjunction);
        conjunctions.push_back(std::move(conjunction));
      }
      double chance = PassChance(conjunctions);
      if (chance < best_chance) {
        best = std::move(conjunctions);
        best_chance = chance;
      }
    }
    return best;
  }

  // Rough chance that a text of a few sentences meets one of the conjunctions,
  // from the features' word frequencies, taken as independent.
  double PassChance(const std::vector<std::vector<std::uint32_t>>& conjunctions) const {
    constexpr double kWordsPerText = 20;
    double total = 0;
    for (const std::vector<std::uint32_t>& conjunction : conjunctions) {
      double chance = 1;
      for (std::uint32_t feature : conjunction) chance *= 1 - std::exp(-kWordsPerText * feature_costs_[feature] / 1e6);
      total += chance;
    }
    return std::min(total, 1.0);
  }

  // The elements that must occur, with single-alternative groups opened up.
  static void FlattenRequired(const PatternSequence& sequence, std::vector<const PatternElement*>* required) {
    for (const PatternElement& element : sequence) {
      if (element.kind == PatternElement::Kind::kGroup && !element.optional && element.alternatives.size() == 1) {
        FlattenRequired(element.alternatives.front(), required);
      } else if (element.kind != PatternElement::Kind::kGap && element.kind != PatternElement::Kind::kSentenceStart &&
                 !(element.kind == PatternElement::Kind::kGroup && element.optional)) {
        required->push_back(&element);
      }
    }
  }

  // One prefilter feature per distinct set of anchor words / lemmas / prefixes.
  std::uint32_t FeatureOf(const Anchors& anchors) {
    std::string key;
    for (const std::string& word : anchors.words) key += "w:" + word + "\n";
    for (const std::string& lemma : anchors.lemmas) key += "l:" + lemma + "\n";
    for (const std::string& prefix : anchors.prefixes) key += "p:" + prefix + "\n";
    auto found = feature_ids_.find(key);
    if (found != feature_ids_.end()) return found->second;
    std::uint32_t id = vocabulary_.feature_count++;
    feature_ids_[key] = id;
    feature_costs_.push_back(anchors.cost);
    for (const std::string& word : anchors.words) vocabulary_.feature_words[word].push_back(id);
    for (const std::string& lemma : anchors.lemmas) vocabulary_.feature_lemmas[lemma].push_back(id);
    for (const std::string& prefix : anchors.prefixes) vocabulary_.feature_prefixes.emplace_back(prefix, id);
    return id;
  }

  // Rarest feature first, no repeats: the prefilter indexes each conjunction
  // by its first feature, and a rare one is seldom present, so most texts
  // never look at the conjunction at all.
  void SortByRarity(std::vector<std::uint32_t>* conjunction) const {
    std::sort(conjunction->begin(), conjunction->end(), [this](std::uint32_t a, std::uint32_t b) {
      return feature_costs_[a] != feature_costs_[b] ? feature_costs_[a] < feature_costs_[b] : a < b;
    });
    conjunction->erase(std::unique(conjunction->begin(), conjunction->end()), conjunction->end());
  }

  // The prefilter's requirements added since the last call stand for this
  // pattern: a text that meets one of them runs this expression only.
  // Call it after pushing them.
  void AddPatternRegex(const std::string& regex, std::size_t rule_index) {
    lexicon_->pattern_rules_.push_back(rule_index);
    lexicon_->pattern_regexes_.push_back(std::make_unique<Lexicon::LazyRegex>());
    lexicon_->pattern_regexes_.back()->source = regex;
    lexicon_->requirement_patterns_.resize(vocabulary_.requirements.size(), lexicon_->pattern_rules_.size() - 1);
  }

  // A pattern (or a regex rule's anchors) made only of frequent words sends a
  // large share of all texts down the slow path.
  void WarnIfSlow(const std::vector<std::vector<std::uint32_t>>& conjunctions, const SourcePosition& where) {
    double chance = PassChance(conjunctions);
    if (chance < kSlowPatternChance) return;
    lexicon_->warnings_.push_back(
        {where, "pattern needs only frequent words: about " + std::to_string(static_cast<int>(chance * 100 + 0.5)) +
                    "% of texts reach its expression; require a less common word"});
  }

  void CompileAll() {
    RE2::Options re2_options = Lexicon::RegexOptions();
    re2_options.set_max_mem(kRe2SetMemory);

    lexicon_->cue_set_ = std::make_unique<RE2::Set>(re2_options, RE2::UNANCHORED);

    for (std::size_t i = 0; i < lexicon_->rules_.size(); ++i) {
      Rule& rule = lexicon_->rules_[i];
      const PendingRule& pending = pending_[i];
      std::string regex;
      if (!pending.raw_regex.empty()) {
        regex = pending.raw_regex;
        std::vector<std::uint32_t> conjunction;
        for (const std::vector<std::string>& group : pending.regex_anchors) {
          Anchors anchors;
          for (const std::string& word : group) {
            PatternElement element;
            bool prefix = word.size() > 1 && word.back() == '*';
            element.kind = prefix ? PatternElement::Kind::kPrefix : PatternElement::Kind::kWord;
            element.text = prefix ? word.substr(0, word.size() - 1) : word;
            Anchors one = AnchorsOfElement(element, 0);
            if (one.valid) anchors.Merge(one);
            anchors.valid = anchors.valid || one.valid;
          }
          if (anchors.valid) conjunction.push_back(FeatureOf(anchors));
        }
        if (!conjunction.empty()) {
          WarnIfSlow({conjunction}, pending.anchors_position);
          SortByRarity(&conjunction);
          vocabulary_.requirements.push_back(std::move(conjunction));
        }
        AddPatternRegex(regex, i);
      } else {
        for (std::size_t p = 0; p < pending.sequences.size(); ++p) {
          if (p > 0) regex += "|";
          std::string pattern_regex =
              SequenceStart(pending.sequences[p]) + CompileSequence(pending.sequences[p], pending.positions[p], 0, true);
          regex += pattern_regex;
          std::vector<std::vector<std::uint32_t>> conjunctions = RequiredConjunctions(pending.sequences[p]);
          if (conjunctions.empty()) {
            Report(pending.positions[p], "pattern has no required word (only optional parts and gaps)");
            continue;
          }
          SourcePosition where = pending.positions[p];
          where.column += QuoteShift(where);
          WarnIfSlow(conjunctions, where);
          for (std::vector<std::uint32_t>& conjunction : conjunctions) {
            SortByRarity(&conjunction);
            vocabulary_.requirements.push_back(std::move(conjunction));
          }
          AddPatternRegex("(?:" + pattern_regex + ")", i);
        }
        regex = "(?:" + regex + ")";
      }
      rule.compiled_regex = regex;

      lexicon_->rule_index_[rule.id] = i;
    }
    for (std::size_t i = 0; i < lexicon_->cues_.size(); ++i) {
      Cue& cue = lexicon_->cues_[i];
      cue.compiled_regex = SequenceStart(cue_sequences_[i]) + CompileSequence(cue_sequences_[i], cue.position, 0, false);
      AddToSet(lexicon_->cue_set_.get(), &lexicon_->cue_regexes_, cue.compiled_regex, cue.position);
    }
    if (!diagnostics_.empty()) return;
    if (!lexicon_->cue_set_->Compile()) Report({dir_, 0, 0}, "the cues are too large to compile together");
  }

  void AddToSet(RE2::Set* set, std::vector<std::unique_ptr<Lexicon::LazyRegex>>* regexes, const std::string& regex,
                const SourcePosition& at) {
    std::string error;
    if (set->Add(regex, &error) < 0) Report(at, "cannot compile: " + error);
    regexes->push_back(std::make_unique<Lexicon::LazyRegex>());
    regexes->back()->source = regex;
  }

  std::string dir_;
  LexiconOptions options_;
  std::shared_ptr<const Dictionary> dictionary_;
  std::unique_ptr<Lexicon> lexicon_;
  std::unique_ptr<Normalizer> pattern_normalizer_;
  Vocabulary vocabulary_;
  std::map<std::string, ListDefinition> lists_;
  std::map<std::string, SourcePosition> rule_positions_;
  std::vector<std::string> rule_paths_;
  std::vector<PendingRule> pending_;
  std::vector<PatternSequence> cue_sequences_;
  std::map<std::string, std::vector<std::string>> file_lines_;
  std::vector<std::string> diagnostics_;
  std::map<std::string, std::uint32_t> feature_ids_;
  std::unordered_map<std::string, std::vector<std::string>> normalized_words_;
  std::vector<double> feature_costs_;  // how common each feature is likely to be (per million words)
  std::unordered_map<std::string, double> word_frequency_;  // folded word → per million
  std::unordered_map<std::string, Anchors> list_anchors_;   // list name → its anchors
  std::unordered_map<std::string, std::uint32_t> list_features_;  // list name → its prefilter feature
  std::unordered_map<std::string, std::string> list_regexes_;     // list name → its expression
  std::set<std::string> list_vocabulary_collected_;
};

Lexicon::~Lexicon() = default;

Result<std::shared_ptr<const Lexicon>> Lexicon::Load(const std::string& dir, const LexiconOptions& options) {
  return LexiconBuilder(dir, options).Build();
}

RE2::Options Lexicon::RegexOptions() {
  RE2::Options options;
  // Per-rule budget for the compiled program and its DFA cache: rules that
  // inline long word lists are large, and a scan may end up compiling them
  // all; past the budget RE2 matches with its slower NFA instead.
  options.set_max_mem(kRuleRegexMemory);
  options.set_log_errors(false);
  // Byte-wise matching: the normalized text is UTF-8, and pattern words are
  // UTF-8 too, so literal bytes match literal bytes; "[^ ]" then is one byte
  // instead of a multi-byte UTF-8 automaton, which makes compiling and
  // matching several times faster.
  options.set_encoding(RE2::Options::EncodingLatin1);
  return options;
}

const RE2& Lexicon::Compiled(const LazyRegex& lazy) {
  std::call_once(lazy.compiled, [&lazy] { lazy.regex = std::make_unique<RE2>(lazy.source, RegexOptions()); });
  return *lazy.regex;
}

const RE2& Lexicon::pattern_regex(std::size_t pattern_index) const { return Compiled(*pattern_regexes_[pattern_index]); }
const RE2& Lexicon::cue_regex(std::size_t cue_index) const { return Compiled(*cue_regexes_[cue_index]); }

const Rule* Lexicon::FindRule(const std::string& id) const {
  auto found = rule_index_.find(id);
  return found == rule_index_.end() ? nullptr : &rules_[found->second];
}

Result<std::string> LocateLexicons(const std::string& requested, const std::string& executable_path) {
  auto has_rules = [](const std::string& dir) { return IsDirectory(dir + "/rules"); };
  if (!requested.empty()) {
    if (!IsDirectory(requested)) return Status(ErrorCode::kNotFound, "lexicon folder not found: " + requested);
    return requested;
  }
  if (const char* from_environment = std::getenv("FOCO_LEXICONS")) {
    if (has_rules(from_environment)) return std::string(from_environment);
  }
  std::string exe_dir = ".";
  char resolved[4096];
  ssize_t length = readlink("/proc/self/exe", resolved, sizeof(resolved) - 1);
  if (length > 0) {
    resolved[length] = '\0';
    exe_dir = resolved;
  } else if (!executable_path.empty()) {
    exe_dir = executable_path;
  }
  exe_dir = exe_dir.substr(0, exe_dir.find_last_of('/') == std::string::npos ? 0 : exe_dir.find_last_of('/'));
  for (const std::string& candidate :
       {exe_dir + "/../share/foco/lexicons", exe_dir + "/../lexicons", exe_dir + "/lexicons"}) {
    if (has_rules(candidate)) return candidate;
  }
  if (has_rules(FOCO_SOURCE_LEXICONS)) return std::string(FOCO_SOURCE_LEXICONS);
  return Status(ErrorCode::kNotFound, "no lexicon folder found; pass --lexicon DIR or set FOCO_LEXICONS");
}

}  // namespace foco
