// Turning one raw RFC 5322 / MIME message into a SourceMessage.
//
// ParseMailMessage parses the bytes with GMime 3, decodes the headers Foco
// reports (Message-ID, From, Date, Subject; RFC 2047 encoded words and raw
// 8-bit bytes alike), picks the text the client wrote and converts it to UTF-8:
//
//   * multipart/alternative: the text/plain alternative; when there is none,
//     the text/html one turned into text (HtmlToText below).
//   * multipart/mixed, /related, /signed, /report, …: every inline text part,
//     in order, separated by a blank line; every other part (attachments,
//     images, signatures, attached message/rfc822, encrypted parts) is
//     counted in attachments_skipped and not scanned. A text part with a file
//     name or "Content-Disposition: attachment" is an attachment, unless it is
//     the whole body of the message.
//   * quoted-printable, base64 (and uuencode) are decoded; format=flowed is
//     unwrapped.
//   * charsets: see ConvertToUtf8. The text is always valid UTF-8, with "\n"
//     line ends.
//   * unless MailOptions::strip_replies is false, StripReplies (reply_strip.h)
//     removes quoted replies, attributions, signatures and legal footers; what
//     it removes is in SourceMessage::stripped.
//
// Broken input is tolerated: a truncated multipart, a missing end boundary, a
// bad base64 line or an unknown charset still give whatever text can be
// recovered, and a note in SourceMessage::warnings. A message with no text part
// at all (only attachments) comes back with skip_reason "no text part". Input
// with no header at all is read as a plain-text body, with the warning "no
// message headers; read as plain text" — unless it holds NUL bytes, then it
// gets skip_reason "not a mail message (binary data)". A UTF-8 BOM and a
// leading mbox "From " line are ignored.
//
// Example:
//
//   MailOptions options;
//   Result<SourceMessage> m = ParseMailMessage(raw_bytes, options);
//   if (!m.ok()) return m.status();        // kParseError: the input was empty
//   if (!m->skip_reason.empty()) ...       // counted as skipped
//   Scan(m->text);
//
// ParseMailMessage does not fill `source`, `index`, `byte_offset` or `line`;
// the readers in mail_sources.h do.
//
// Preconditions: none on the bytes (any content, any charset). The whole input
// is held in memory (GMime parses a copy of it), so callers bound its size; the
// readers use MailOptions::max_message_bytes.
//
// Thread safety: all functions here may be called from several threads at
// once. GMime is initialised once (std::call_once) on first use and never shut
// down; each call uses its own parser, streams and parser options.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "source/message.h"

namespace foco {

struct MailOptions {
  // Remove quoted replies, signatures and footers (reply_strip.h). When false
  // the whole body is scanned and SourceMessage::stripped stays empty.
  bool strip_replies = true;

  // The readers only frame messages and leave ParseMailMessage to the caller
  // (SourceMessage::raw_mail holds the bytes; call FinishDeferredMessage),
  // so that parsing can run on the scanning threads instead of the reader's.
  bool defer_parsing = false;

  // The readers (mail_sources.h) keep at most this many bytes of one message
  // in memory. The rest of a bigger message (in practice: the tail of a large
  // attachment) is read past, not parsed, and the message gets a warning.
  std::size_t max_message_bytes = std::size_t{32} << 20;

  // Called for a file that is not mail (given directly or met in a walked
  // directory). Returns false to have it reported as "not a mail file"; lets
  // callers read other formats (plain text, JSON Lines) in the same walk.
  std::function<bool(const std::string& path, const MessageCallback& on_message)> read_other_file;
};

// Parses one message. Fails (kParseError, "empty message") only for input that
// is empty or blank; anything else yields a SourceMessage, possibly with
// skip_reason and warnings set.
Result<SourceMessage> ParseMailMessage(std::string_view raw_bytes, const MailOptions& options);

// Parses a message a reader delivered with defer_parsing: fills every field
// from SourceMessage::raw_mail (keeping source, index, offset, line and
// warnings) and clears raw_mail. Does nothing when raw_mail is empty.
void FinishDeferredMessage(SourceMessage* message, const MailOptions& options);

// Converts `bytes` in `declared_charset` (a MIME charset name, "" when the
// message declares none) to valid UTF-8.
//   * "" or us-ascii with 8-bit bytes: UTF-8 if the bytes are valid UTF-8;
//     otherwise ICU's charset detector (ucsdet) guesses, and windows-1252 is
//     used unless it is confident of another charset. A warning says so.
//   * iso-8859-1 / latin1 are read as windows-1252 (its superset, as browsers
//     do). utf-8 with invalid bytes: those bytes become U+FFFD, unless no valid
//     multi-byte sequence exists at all, in which case the text is read as
//     windows-1252 (mislabelled Latin-1). An unknown charset name is treated
//     as undeclared, with a warning.
// Warnings (if `warnings` is not null) are appended in the SourceMessage
// warning style: "unknown charset x-foo, read as windows-1252".
std::string ConvertToUtf8(std::string_view bytes, std::string_view declared_charset,
                          std::vector<std::string>* warnings);

// Turns an already decoded HTML document or fragment (UTF-8) into plain text:
// <script>, <style>, <head>, <title> and comments are dropped, tags removed,
// character references decoded (named ones such as &aacute; &ntilde; &nbsp;
// &euro;, and numeric &#243; &#xF3;), block elements (p, div, br, li, tr, h1…,
// table, hr) end lines, whitespace is collapsed outside <pre>, and the lines
// inside a <blockquote> are prefixed with "> " per level so that StripReplies
// sees them as quoted. &nbsp; becomes an ordinary space. <hr> becomes a line of
// underscores (as Outlook draws above a quoted header block).
// This is not a MIME or HTML validator: any input gives some text.
std::string HtmlToText(std::string_view html);

}  // namespace foco
