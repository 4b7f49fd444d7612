// One entry point for everything `foco scan` reads.
//
//   InputOptions options;
//   options.exclude_senders = {"miempresa.com"};
//   Status status = ReadInput("export/", options, [](SourceMessage&& m) { ...; return true; });
//
// Recognises, by content first and name second: mbox, .eml, Maildir,
// directories (walked recursively), JSON Lines (one object per line, the text
// in `text_field`), and plain text (by paragraphs); "-" is standard input.
// Other files (binary data, .json documents) are reported as skipped, never
// silently ignored. Messages from an excluded sender are delivered with
// skip_reason "excluded sender: <address>" so that the counts still add up
// (with MailOptions::defer_parsing the sender is known only after
// FinishDeferredMessage: the caller applies the exclusion then).
//
// Errors: non-ok only when `path` itself cannot be read; problems inside it
// become skipped records (see mail_sources.h).
// Thread safety: no shared state; the callback runs on the calling thread.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "source/mail_message.h"
#include "source/message.h"

namespace foco {

struct InputOptions {
  MailOptions mail;
  std::string text_field = "text";
  // Addresses ("ana@example.com") or domains ("example.com", which also covers
  // its subdomains) whose messages are not scanned: the provider's own side.
  std::vector<std::string> exclude_senders;
};

Status ReadInput(const std::string& path, const InputOptions& options, const MessageCallback& on_message);

// Marks a message as skipped because its sender is excluded.
void ExcludeMessage(SourceMessage* message);

// Whether `address` is covered by one of `excluded` (addresses or domains).
bool IsExcludedSender(const std::string& address, const std::vector<std::string>& excluded);

// Whether a skip reason means something went wrong (an unreadable file or
// message) rather than a message with nothing to scan or a non-mail file.
bool IsErrorSkip(const std::string& skip_reason);

}  // namespace foco
