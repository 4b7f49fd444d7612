// Reads a labelled corpus: JSON Lines of {"id", "text", "labels": [...],
// "region", "channel"} as kept under corpus/ (see corpus/README.md).
//
//   auto corpus = ReadLabelledCorpus("corpus/dev.jsonl");
//   if (!corpus.ok()) ...  // "corpus/dev.jsonl:12: labels must be a list of strings"
//
// A malformed line is an error naming path:line: a corpus is curated data,
// and silently skipping a record would change every figure computed from it.
// Thread safety: no shared state.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace foco {

struct LabelledMessage {
  std::string id;
  std::string text;
  std::vector<std::string> labels;
  std::string region;
  std::string channel;
  std::size_t line = 0;
};

Result<std::vector<LabelledMessage>> ReadLabelledCorpus(const std::string& path);

}  // namespace foco
