// A message as the readers hand it to the engine: where it came from, who sent
// it, and the text to scan. Readers (mail files, JSON Lines, plain text) all
// produce this shape, so the stages after them never know the input format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace foco {

// A piece of text that a reader removed because the client did not write it in
// this message (quoted reply, signature, ...). Kept so users can see it
// (`--show-stripped`, `foco explain`).
struct StrippedBlock {
  std::string kind;  // "quote", "attribution", "original_message", "forwarded", "signature", "footer"
  std::string text;
};

struct SourceMessage {
  std::string source;         // file path, or "-" for standard input
  std::size_t index = 0;      // 1-based position of the message inside its source
  std::uint64_t byte_offset = 0;  // where the message starts in the source file
  std::size_t line = 0;       // 1-based first line, for line-oriented sources (0: unknown)

  std::string message_id;     // without angle brackets
  std::string from;           // decoded display form: "Ana Pérez <ana@example.com>"
  std::string from_address;   // just the address, lowercase: "ana@example.com"
  std::string date;           // as written in the Date header
  std::string subject;        // RFC 2047 decoded

  std::string text;           // UTF-8 text to scan: what the client wrote
  std::vector<StrippedBlock> stripped;  // what was removed from the text, in order
  int attachments_skipped = 0;          // non-text parts not scanned

  // Non-empty when the message could not be scanned at all ("no text part",
  // "unreadable MIME: ..."); such a message is counted as skipped, never dropped.
  std::string skip_reason;
  // The undecoded message while its parsing is deferred (MailOptions::defer_parsing).
  std::string raw_mail;

  // Recoverable problems met while decoding ("truncated multipart", "unknown
  // charset x-foo, read as windows-1252"). The message is still scanned.
  std::vector<std::string> warnings;
};

// Receives each message a reader finds; returns false to stop reading.
using MessageCallback = std::function<bool(SourceMessage&&)>;

}  // namespace foco
