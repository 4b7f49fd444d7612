// Every must_fire / must_not_fire example of the shipped lexicon is its own
// test case ("lexicon example: <rule> #N", tagged [lexicon-examples] and
// [<category>]), registered when the test binary starts. ctest runs them one
// rule file per process (tests/CMakeLists.txt): the lexicon loads once per
// file instead of once per example, and a failure still names its example.
#include <dirent.h>
#include <yaml-cpp/yaml.h>

#include <deque>
#include <map>

#include <catch2/catch.hpp>

#include "../test_support.h"
#include "engine/lexicon_check.h"

namespace {

struct ExampleCase {
  std::string rule_id;
  std::size_t example_index;
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
  std::vector<foco::ExampleResult> results = foco::CheckRuleExamples(foco::test::ShippedEngine(), example_case.rule_id);
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
    for (const std::string& file : files) {
      YAML::Node document;
      try {
        document = YAML::LoadFile(file);
      } catch (const YAML::Exception&) {
        continue;  // lexicon_test reports broken files
      }
      std::string category = document["category"] ? document["category"].as<std::string>() : "";
      for (const auto& rule : document["rules"]) {
        if (!rule["id"]) continue;
        std::string id = rule["id"].as<std::string>();
        std::size_t fire = rule["must_fire"] ? rule["must_fire"].size() : 0;
        std::size_t not_fire = rule["must_not_fire"] ? rule["must_not_fire"].size() : 0;
        for (std::size_t i = 0; i < fire + not_fire; ++i) {
          std::string name = "lexicon example: " + id + " #" + std::to_string(i + 1) +
                             (i < fire ? " fires" : " does not fire");
          CaseByName()[name] = Cases().size();
          Cases().push_back({id, i});
          tags_by_name[name] = "[lexicon-examples][" + category + "]";
        }
      }
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
