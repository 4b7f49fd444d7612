// `foco scan` end to end over ../shared/realdata: no crash, one record per
// .eml, Python's count per mbox, and counts that add up. Skipped (with a
// warning) when the folder is not there.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../test_support.h"
#include "realdata_counts.h"

TEST_CASE("foco scan reads every real-world input and reports every message", "[interop][realdata][cli]") {
  namespace fs = std::filesystem;
  const std::string root = FOCO_REALDATA;
  if (!fs::is_directory(root)) {
    WARN("skipped: " << root << " is not present");
    return;
  }
  auto result = foco::test::RunFoco(std::string("--lexicon ") + FOCO_TEST_FIXTURES + "/lexicon scan --format jsonl --progress never " + root);
  INFO(result.err);
  CHECK((result.exit_code == 0 || result.exit_code == 1));  // nothing in there is an error
  std::map<std::string, std::size_t> records_per_file;
  std::size_t records = 0, skipped = 0;
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    auto record = nlohmann::json::parse(line);
    std::string source = record["source"];
    ++records_per_file[fs::relative(source, root).string()];
    ++records;
    if (record.contains("skipped")) ++skipped;
  }
  for (const auto& [file, expected] : foco::kPythonMboxCounts) {
    INFO(file);
    CHECK(records_per_file[file] == expected);
  }
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".eml") continue;
    INFO(entry.path());
    CHECK(records_per_file[fs::relative(entry.path(), root).string()] == 1);
  }
  std::ostringstream summary;
  summary << "Messages: " << records << " read, " << records - skipped << " scanned, " << skipped << " skipped";
  CHECK(result.err.find(summary.str()) != std::string::npos);
}
