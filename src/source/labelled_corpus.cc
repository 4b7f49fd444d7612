#include "source/labelled_corpus.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace foco {

Result<std::vector<LabelledMessage>> ReadLabelledCorpus(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status(ErrorCode::kNotFound, "cannot read corpus " + path);
  std::vector<LabelledMessage> messages;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = path + ":" + std::to_string(line_number) + ": ";
    nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    if (record.is_discarded() || !record.is_object()) return Status(ErrorCode::kParseError, where + "expected a JSON object");
    if (!record.contains("text") || !record["text"].is_string()) {
      return Status(ErrorCode::kParseError, where + "missing string field \"text\"");
    }
    LabelledMessage message;
    message.line = line_number;
    message.text = record["text"];
    message.id = record.contains("id") && record["id"].is_string() ? record["id"].get<std::string>()
                                                                     : std::to_string(line_number);
    if (record.contains("labels")) {
      if (!record["labels"].is_array()) return Status(ErrorCode::kParseError, where + "labels must be a list of strings");
      for (const auto& label : record["labels"]) {
        if (!label.is_string()) return Status(ErrorCode::kParseError, where + "labels must be a list of strings");
        message.labels.push_back(label);
      }
    }
    if (record.contains("region") && record["region"].is_string()) message.region = record["region"];
    if (record.contains("channel") && record["channel"].is_string()) message.channel = record["channel"];
    messages.push_back(std::move(message));
  }
  return messages;
}

}  // namespace foco
