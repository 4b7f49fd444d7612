// Readers for line-oriented inputs: JSON Lines records and plain text.
//
//   std::ifstream in("tickets.jsonl");
//   ReadJsonLines(in, "tickets.jsonl", "text", [](SourceMessage&& m) { ...; return true; });
//
// JSON Lines: one message per non-blank line, the text in `text_field`; a
// line that is not an object or lacks the field is delivered with skip_reason
// set ("line 7: expected a JSON object"), never dropped. `id` becomes
// message_id. Plain text: one message per paragraph (blank-line separated; a
// paragraph longer than 64 KiB is cut at a line break), so memory stays flat
// on files of any size; `line` is the paragraph's first line.
//
// The callback returns false to stop early. Thread safety: no shared state.
#pragma once

#include <functional>
#include <istream>
#include <string>

#include "base/status.h"
#include "source/message.h"

namespace foco {

Status ReadJsonLines(std::istream& in, const std::string& source, const std::string& text_field,
                     const MessageCallback& on_message);
Status ReadPlainText(std::istream& in, const std::string& source, const MessageCallback& on_message);

// "jsonl" when the first non-blank byte of `head` is '{', else "text".
std::string SniffLineFormat(const std::string& head);

}  // namespace foco
