// Reading mail from files, folders and standard input, one message at a time.
//
// The readers here find the messages in a source (a single .eml file, an mbox,
// a Maildir, a directory tree, or "-" for standard input), hand each one to
// ParseMailMessage (mail_message.h) and pass the resulting SourceMessage to a
// callback. They stream: an mbox is read in fixed-size chunks and at most
// MailOptions::max_message_bytes of one message is held in memory, so a 1 GB
// mbox is read in bounded memory.
//
// Nothing is dropped. Every message found produces exactly one callback, with
// `source`, `index` (1-based within its source) and `byte_offset` set (and
// `line` for mbox messages). A message that cannot be scanned still produces a
// callback, with `skip_reason` set ("empty message", "no text part", "not a
// mail file", "cannot read file: …"): the caller counts it as skipped, so
// read = scanned + skipped always holds.
//
// Example:
//
//   MailOptions options;
//   std::size_t scanned = 0, skipped = 0;
//   Status st = ReadPath("buzon.mbox", options, [&](SourceMessage&& m) {
//     if (!m.skip_reason.empty()) {
//       ++skipped;  // report m.source, m.index, m.byte_offset, m.skip_reason
//     } else {
//       ++scanned;  // scan m.text
//     }
//     return true;  // false stops the reading early (not an error)
//   });
//   if (!st.ok()) ...  // the path itself could not be read
//
// Formats and how they are recognised (by content first, not by name):
//   * mbox: the data starts with "From " (after an optional UTF-8 BOM). Both
//     mboxo and mboxrd are read: ">From " lines (any number of '>') lose one
//     '>'. A "From " line at the start of a line separates messages when the
//     next line is a header field ("Name: value") or the end of the file (a
//     "From " line followed by a blank or ordinary line is body text, as in
//     "From Russia with love\n\n"). This gives the same message count as
//     Python's `mailbox.mbox` on real mboxo files (including "From -"
//     Netscape separators not preceded by a blank line) while keeping an
//     unescaped body line from splitting a message in most cases. Unlike
//     Python, a UTF-8 BOM before the first "From " line is skipped (the first
//     message is kept), and any text before the first "From " line is
//     delivered as a message of its own. A "From " line at the very end gives
//     an "empty message" record. Content-Length headers are ignored. The blank
//     line that precedes a separator is framing and is not part of the message.
//   * .eml: the data starts with RFC 5322 header lines (each "Name: value" or
//     a folded continuation) including at least one usual mail header written
//     with a capital (From, To, Subject, Date, Message-ID, Received,
//     Content-Type, …) — or the file name ends in ".eml". One file is one
//     message (index 1, offset 0).
//   * Maildir: a directory with a cur/ and a new/ (or tmp/) subdirectory. The
//     messages are the files in cur/ and new/ (tmp/ holds deliveries in
//     progress and is not read; names starting with '.' are not messages),
//     and those of Maildir++ subfolders (".Folder", ".Folder.Sub", …), each
//     folder in name order. Each file is one message (index 1, offset 0).
//     Other entries of a Maildir (dovecot-uidlist, maildirfolder, courier
//     keyword folders, …) are its bookkeeping and are not read.
//   * any other directory: walked recursively, entries in name order; every
//     regular file in it is recognised as above. Symbolic links to files are
//     followed; symbolic links to directories are not (a record says so).
//   * any other file: one record with skip_reason "not a mail file". A file
//     that cannot be opened inside a walked directory gives a record with
//     skip_reason "cannot read file: <reason>".
//   * "-": standard input, read as an mbox if it starts with "From ", else as
//     one message (text without headers is then read as a plain-text body).
//
// Errors: the functions return a non-ok Status only when the path given to
// them cannot be read at all (kNotFound, kIoError, kInvalidArgument for the
// wrong kind of path). Once reading has started, problems become records: a
// read error in the middle of an mbox gives a record with skip_reason "read
// error: …" at the offset reached, and reading stops there with Status::Ok().
// A callback returning false stops everything and the function returns
// Status::Ok().
//
// Preconditions: `on_message` is callable; options.max_message_bytes > 0 (it
// bounds the memory used for one message, plus a few copies while parsing).
//
// Thread safety: the functions keep no shared state; several sources may be
// read in parallel from different threads. The callback is called on the
// calling thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "source/mail_message.h"
#include "source/message.h"

namespace foco {

enum class MailFormat {
  kEml,        // one message per file
  kMbox,       // many messages separated by "From " lines
  kMaildir,    // a Maildir (or Maildir++) folder
  kDirectory,  // some other directory, walked recursively
  kNotMail,    // a file that is none of the above
};

const char* MailFormatName(MailFormat format);

// Recognises a file from its first bytes (`head`: up to 64 KiB is enough) and
// its name (only the extension is used, as a fallback: ".eml", ".mbox",
// ".mbx"). Never returns kMaildir or kDirectory.
MailFormat DetectFormatFromBytes(std::string_view head, std::string_view file_name);

// Recognises what is at `path` (see the list above). kNotFound if nothing is
// there; kIoError if it cannot be read. Does not accept "-".
Result<MailFormat> DetectFormat(const std::string& path);

// Reads an mbox file, or standard input when `path_or_stdin` is "-".
Status ReadMbox(const std::string& path_or_stdin, const MailOptions& options,
                const MessageCallback& on_message);

// Reads a single message file, or standard input when `path_or_stdin` is "-".
Status ReadEmlFile(const std::string& path_or_stdin, const MailOptions& options,
                   const MessageCallback& on_message);

// Reads a Maildir folder and its Maildir++ subfolders.
Status ReadMaildir(const std::string& dir, const MailOptions& options,
                   const MessageCallback& on_message);

// Reads standard input as mail (an mbox, or one message) when the caller has
// already read its first bytes (`already_read`) to decide the format.
Status ReadStdinMail(std::string already_read, const MailOptions& options, const MessageCallback& on_message);

// Reads whatever is at `path` ("-" for standard input), recognising formats
// as described above and walking directories recursively.
Status ReadPath(const std::string& path, const MailOptions& options,
                const MessageCallback& on_message);

}  // namespace foco
