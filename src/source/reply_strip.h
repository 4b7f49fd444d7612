// Separating what the client wrote from what a mail client added around it.
//
// A reply usually carries the message it answers (quoted with ">", or as an
// Outlook "-----Mensaje original-----" block), an attribution line ("El vie,
// 28 feb 2025 a las 18:02, Ana <ana@example.com> escribió:"), a signature, a
// "Enviado desde mi iPhone" line and sometimes a legal footer. None of that is
// the client's own words in this message, so Foco does not scan it. StripReplies
// removes those blocks and returns them alongside the kept text, so nothing is
// silently lost: callers show them with `--show-stripped` / `foco explain`.
//
// Example:
//
//   ClientText ct = StripReplies(
//       "Sí, confirmo el pedido.\n"
//       "\n"
//       "El lun, 3 mar 2025 a las 10:15, Ana <ana@example.com> escribió:\n"
//       "> ¿Confirma el pedido?\n");
//   // ct.text     == "Sí, confirmo el pedido."
//   // ct.stripped == {{"attribution", "El lun, 3 mar 2025 ... escribió:"},
//   //                 {"quote", "> ¿Confirma el pedido?"}}
//
// What is recognised (Spanish and English styles; the patterns live in one
// table in reply_strip.cc):
//   kind "quote"            lines starting with ">" (any depth, leading blanks
//                           allowed); blank lines between quoted lines belong
//                           to the same block. Also the unmarked rest of the
//                           text after an attribution line that is not
//                           followed by ">" lines (HTML mail turned into text).
//   kind "attribution"      "El … escribió:", "On … wrote:" (Gmail, Apple Mail,
//                           Thunderbird, Yahoo), also wrapped over up to three
//                           lines; a looser "… escribió:" / "… wrote:" line is
//                           an attribution only when quoted lines follow it.
//   kind "original_message" "-----Mensaje original-----", "-----Original
//                           Message-----", or an Outlook header block
//                           ("De: … Enviado: … Para: … Asunto:", "From: … Sent:
//                           … To: … Subject:", with an optional "____" rule
//                           above it): from there to the end of the text.
//   kind "forwarded"        "---------- Mensaje reenviado ----------",
//                           "---------- Forwarded message ---------", "Begin
//                           forwarded message:", "Inicio del mensaje
//                           reenviado:": from there to the end of the text.
//   kind "signature"        a "-- " (or "--") line and everything after it up
//                           to the next recognised block; a single mobile line
//                           such as "Enviado desde mi iPhone", "Sent from my
//                           Samsung Galaxy", "Obtener Outlook para Android".
//   kind "footer"           a legal / confidentiality notice ("Este mensaje es
//                           confidencial…", "AVISO DE CONFIDENCIALIDAD", "This
//                           e-mail is confidential…", RGPD/LOPD notices, "Antes
//                           de imprimir…") up to the next recognised block. A
//                           footer is only recognised after some kept text, so
//                           a message that opens with such words is kept.
//
// The kept text has "\n" line ends, no leading or trailing blank lines, and at
// most one blank line in a row. Each stripped block's text is the removed lines
// joined with "\n", without leading or trailing blank lines. Blocks are in text
// order; adjacent lines of the same kind form one block.
//
// Preconditions: `text` is UTF-8 (invalid bytes are kept as they are, but may
// keep a pattern from matching). "\r\n" line ends are accepted.
// Thread safety: StripReplies is a pure function; call it from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "source/message.h"

namespace foco {

// What remains of a message body once replies, signatures and footers are out.
struct ClientText {
  std::string text;                     // what the client wrote
  std::vector<StrippedBlock> stripped;  // what was removed, in text order
};

ClientText StripReplies(std::string_view text);

// The same text with everything StripReplies would remove blanked out (bytes
// replaced by spaces, line breaks kept), so offsets into the result are
// offsets into `text`. Used where findings must point into the original
// (foco filter, JSON Lines). Texts with no sign of a reply, signature or
// footer are returned unchanged without running the classifier.
std::string MaskReplies(std::string_view text);

}  // namespace foco
