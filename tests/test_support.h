// Helpers shared by the test files: temporary folders, running the foco binary.
#pragma once

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "engine/engine.h"

namespace foco::test {

inline std::string MakeTempDir() {
  char pattern[] = "/tmp/foco-test-XXXXXX";
  const char* dir = mkdtemp(pattern);
  return dir ? dir : "/tmp";
}

inline void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `foco <arguments>` with `input` on stdin.
inline CommandResult RunFoco(const std::string& arguments, const std::string& input = "") {
  std::string dir = MakeTempDir();
  WriteFile(dir + "/stdin", input);
  std::string command = std::string(FOCO_BINARY) + " " + arguments + " < " + dir + "/stdin > " + dir +
                        "/stdout 2> " + dir + "/stderr";
  int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(dir + "/stdout");
  result.err = ReadFile(dir + "/stderr");
  std::system(("rm -rf " + dir).c_str());
  return result;
}

// The engine over the shipped lexicons, loaded once for all tests.
inline const Engine& ShippedEngine() {
  static std::shared_ptr<const Engine> engine = [] {
    EngineOptions options;
    options.lexicon_dir = FOCO_SOURCE_LEXICONS;
    auto created = Engine::Create(options);
    if (!created.ok()) {
      std::fprintf(stderr, "cannot load shipped lexicons: %s\n", created.status().message().c_str());
      std::abort();
    }
    return *created;
  }();
  return *engine;
}

// A small, stable lexicon under tests/fixtures/lexicon for module tests.
inline const Engine& FixtureEngine() {
  static std::shared_ptr<const Engine> engine = [] {
    EngineOptions options;
    options.lexicon_dir = std::string(FOCO_TEST_FIXTURES) + "/lexicon";
    auto created = Engine::Create(options);
    if (!created.ok()) {
      std::fprintf(stderr, "cannot load fixture lexicon: %s\n", created.status().message().c_str());
      std::abort();
    }
    return *created;
  }();
  return *engine;
}

}  // namespace foco::test
