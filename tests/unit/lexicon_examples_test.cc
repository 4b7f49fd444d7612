// Every must_fire / must_not_fire example of the shipped lexicon is its own
// test case ("lexicon example: <rule> #N", tagged [lexicon-examples] and
// [<category>]), and so is every must_apply / must_not_apply example of a
// context cue ("context cue example: <cue> #N", tagged [context]); all are
// registered when the test binary starts. ctest runs them one lexicon file
// per process (tests/CMakeLists.txt): the lexicon loads once per file instead
// of once per example, and a failure still names its example.
#include <dirent.h>
#include <yaml-cpp/yaml.h>

#include <deque>
#include <map>

#include <catch2/catch.hpp>

#include "../test_support.h"
#include "engine/lexicon_check.h"

namespace {

struct ExampleCase {
  std::string id;  // a rule's, or a cue's
  std::size_t example_index;
  bool is_cue;
};

std::vector<ExampleCase>& Cases() {
  static std::vector<ExampleCase> cases;
  return cases;
}

std::map<std::string, std::size_t>& CaseByName() {
  static std::map<std::string, std::size_t> by_name;
  return by_name;
}

void RunExampleCase() {
  const std::string name = Catch::getResultCapture().getCurrentTestName();
  const ExampleCase& example_case = Cases()[CaseByName().at(name)];
  if (example_case.is_cue) {
    std::vector<foco::CueExampleResult> results = foco::CheckCueExamples(foco::test::ShippedEngine(), example_case.id);
    REQUIRE(example_case.example_index < results.size());
    const foco::CueExampleResult& result = results[example_case.example_index];
    INFO(result.example->position.path << ":" << result.example->position.line << ": "
         << (result.example->must_apply ? "must_apply" : "must_not_apply") << " \"" << result.example->text << "\" "
         << result.detail);
    CHECK(result.passed);
    return;
  }
  std::vector<foco::ExampleResult> results = foco::CheckRuleExamples(foco::test::ShippedEngine(), example_case.id);
  REQUIRE(example_case.example_index < results.size());
  const foco::ExampleResult& result = results[example_case.example_index];
  INFO(result.example->position.path << ":" << result.example->position.line << ": "
       << (result.example->must_fire ? "must_fire" : "must_not_fire") << " \"" << result.example->text << "\" "
       << result.detail);
  CHECK(result.passed);
}

// Rule ids and their examples are read from the YAML files directly (cheap:
// no dictionaries) to register the cases before main runs; the order matches
// CheckRuleExamples (must_fire, then must_not_fire).
struct Registrar {
  Registrar() {
    std::vector<std::string> files;
    std::string rules_dir = std::string(FOCO_SOURCE_LEXICONS) + "/rules";
    if (DIR* dir = opendir(rules_dir.c_str())) {
      while (dirent* entry = readdir(dir)) {
        std::string name = entry->d_name;
        if (name.size() > 5 && name.substr(name.size() - 5) == ".yaml") files.push_back(rules_dir + "/" + name);
      }
      closedir(dir);
    }
    std::sort(files.begin(), files.end());
    std::map<std::string, std::string> tags_by_name;
    // One case per example of `node` (a rule or a cue), positives first.
    auto add_cases = [&tags_by_name](const YAML::Node& node, const char* positive_list, const char* negative_list,
                                     const std::string& prefix, const char* positive, const char* negative,
                                     const std::string& tag, bool is_cue) {
      if (!node["id"]) return;
      std::string id = node["id"].as<std::string>();
      std::size_t positives = node[positive_list] ? node[positive_list].size() : 0;
      std::size_t negatives = node[negative_list] ? node[negative_list].size() : 0;
      for (std::size_t i = 0; i < positives + negatives; ++i) {
        std::string name = prefix + id + " #" + std::to_string(i + 1) + (i < positives ? positive : negative);
        CaseByName()[name] = Cases().size();
        Cases().push_back({id, i, is_cue});
        tags_by_name[name] = tag;
      }
    };
    for (const std::string& file : files) {
      YAML::Node document;
      try {
        document = YAML::LoadFile(file);
      } catch (const YAML::Exception&) {
        continue;  // lexicon_test reports broken files
      }
      std::string category = document["category"] ? document["category"].as<std::string>() : "";
      for (const auto& rule : document["rules"]) {
        add_cases(rule, "must_fire", "must_not_fire", "lexicon example: ", " fires", " does not fire",
                  "[lexicon-examples][" + category + "]", false);
      }
    }
    // Cue examples, in CheckCueExamples' order (must_apply, then must_not_apply).
    try {
      YAML::Node context = YAML::LoadFile(std::string(FOCO_SOURCE_LEXICONS) + "/context.yaml");
      for (const auto& cue : context["cues"]) {
        add_cases(cue, "must_apply", "must_not_apply", "context cue example: ", " applies", " does not apply",
                  "[lexicon-examples][context]", true);
      }
    } catch (const YAML::Exception&) {
      // lexicon_test reports a broken context.yaml
    }
    static std::deque<std::string> tags;  // Catch keeps pointers to the tag text
    for (const auto& entry : CaseByName()) {
      tags.push_back(tags_by_name[entry.first]);
      Catch::AutoReg(Catch::makeTestInvoker(&RunExampleCase), CATCH_INTERNAL_LINEINFO, "",
                     Catch::NameAndTags{entry.first.c_str(), tags.back().c_str()});
    }
  }
};

Registrar registrar;

}  // namespace
