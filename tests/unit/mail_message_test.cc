#include "source/mail_message.h"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace foco {
namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(FOCO_TEST_FIXTURES) + "/mail/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

SourceMessage Parse(const std::string& raw, bool strip = true) {
  MailOptions options;
  options.strip_replies = strip;
  Result<SourceMessage> r = ParseMailMessage(raw, options);
  REQUIRE(r.ok());
  return std::move(r).value();
}

SourceMessage ParseFixture(const std::string& name, bool strip = true) { return Parse(Fixture(name), strip); }

bool HasWarning(const SourceMessage& m, const std::string& prefix) {
  for (const std::string& w : m.warnings) {
    if (w.rfind(prefix, 0) == 0) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// Fixtures.
// ---------------------------------------------------------------------------

TEST_CASE("multipart/alternative prefers text/plain, headers decoded", "[mail_message]") {
  SourceMessage m = ParseFixture("alternative.eml");
  CHECK(m.skip_reason.empty());
  CHECK(m.text == "Buenos días:\n\nEl pedido nº 4521 no ha llegado todavía.\nGracias.");
  CHECK(m.from == "Ana Pérez <Ana.Perez@Example.COM>");
  CHECK(m.from_address == "ana.perez@example.com");
  CHECK(m.subject == "Pedido retrasado");
  CHECK(m.date == "Mon, 3 Mar 2025 10:15:00 +0100");
  CHECK(m.message_id == "alt-001@example.com");
  CHECK(m.attachments_skipped == 0);
  CHECK(m.warnings.empty());
  CHECK(m.source.empty());  // the readers fill it
}

TEST_CASE("HTML-only message: entities, scripts, quoted reply", "[mail_message]") {
  SourceMessage m = ParseFixture("html_only.eml");
  CHECK(m.skip_reason.empty());
  CHECK(m.subject == "Reclamación");
  CHECK(m.text ==
        "Quiero una explicación ya.\n"
        "El año pasado pagué 100 € & no recibí nada — ni factura.\n"
        "\n"
        "Lo diré una vez: «quiero el reembolso»");
  REQUIRE(m.stripped.size() == 2);
  CHECK(m.stripped[0].kind == "attribution");
  CHECK(m.stripped[0].text ==
        "El vie, 28 feb 2025 a las 18:02, Soporte <soporte@foco.example> escribió:");
  CHECK(m.stripped[1].kind == "quote");
  CHECK(m.stripped[1].text == "> Estimado cliente:\n> Su pedido está en camino.");
}

TEST_CASE("quoted-printable ISO-8859-1 body and RFC 2047 subject", "[mail_message]") {
  SourceMessage m = ParseFixture("qp_latin1.eml");
  CHECK(m.subject == "Cotización urgente");
  CHECK(m.text ==
        "Necesito la cotización para el año que viene, con una línea muy larga que sigue aquí.\n"
        "¿Pueden enviarla hoy?");
  // The From header carries raw Latin-1 bytes ("García").
  CHECK(m.from == "García, María <maria@example.es>");
  CHECK(m.from_address == "maria@example.es");
  CHECK(HasWarning(m, "undeclared 8-bit text"));
}

TEST_CASE("base64 UTF-8 body and B-encoded subject", "[mail_message]") {
  SourceMessage m = ParseFixture("base64_utf8.eml");
  CHECK(m.subject == "Cancelación");
  CHECK(m.text == "Hola,\n\nMe gustaría cancelar la suscripción. ¿Cómo lo hago?\n\nUn saludo.");
  CHECK(m.warnings.empty());
}

TEST_CASE("undeclared 8-bit windows-1252 body is detected", "[mail_message]") {
  SourceMessage m = ParseFixture("cp1252_undeclared.eml");
  CHECK(m.text ==
        "Buenos días, me han cobrado 120 € de más en la “factura” de enero.\n"
        "Espero su respuesta rápida; si no, pediré la devolución del importe.\n"
        "También quiero que me expliquen por qué el señor de atención al cliente no contestó.");
  CHECK(m.warnings == std::vector<std::string>{"undeclared 8-bit text, read as windows-1252"});
}

TEST_CASE("multipart/mixed: text parts scanned, attachments counted", "[mail_message]") {
  SourceMessage m = ParseFixture("attachment.eml");
  CHECK(m.text == "Les adjunto el contrato firmado.\n\nSegunda parte del texto.");
  CHECK(m.attachments_skipped == 2);  // the PDF and the named notas.txt
  CHECK(m.skip_reason.empty());
}

TEST_CASE("a message with only attachments is skipped, not dropped", "[mail_message]") {
  SourceMessage m = ParseFixture("only_attachment.eml");
  CHECK(m.skip_reason == "no text part");
  CHECK(m.attachments_skipped == 1);
  CHECK(m.subject == "Solo adjunto");
}

TEST_CASE("truncated multipart still yields its text", "[mail_message]") {
  SourceMessage m = ParseFixture("truncated.eml");
  CHECK(m.skip_reason.empty());
  CHECK(m.text == "El mensaje se cortó, pero este texto se lee.");
  CHECK(m.attachments_skipped == 1);
  CHECK(HasWarning(m, "truncated message"));
}

TEST_CASE("Gmail (es) reply: signature, wrapped attribution, quote", "[mail_message]") {
  SourceMessage m = ParseFixture("reply_gmail_es.eml");
  CHECK(m.text == "Sigo sin recibir el pedido. Quiero la devolución del dinero.");
  REQUIRE(m.stripped.size() == 3);
  CHECK(m.stripped[0].kind == "signature");
  CHECK(m.stripped[0].text == "-- \nAna Pérez\nTel. 600 000 000");
  CHECK(m.stripped[1].kind == "attribution");
  CHECK(m.stripped[1].text ==
        "El vie, 28 feb 2025 a las 18:02, Soporte Foco (<soporte@foco.example>)\nescribió:");
  CHECK(m.stripped[2].kind == "quote");
  CHECK(m.stripped[2].text ==
        "> Estimada Ana:\n>\n> Su pedido llegará mañana.\n>\n> Un saludo,\n> Soporte");
}

TEST_CASE("Outlook (es) reply: footer and original message", "[mail_message]") {
  SourceMessage m = ParseFixture("reply_outlook_es.eml");
  CHECK(m.from == "Ruiz, Pablo <pablo.ruiz@empresa.example>");
  CHECK(m.text ==
        "Buenos días,\n\nNo estoy de acuerdo con la respuesta. Voy a poner una reclamación.\n\n"
        "Saludos,\nPablo");
  REQUIRE(m.stripped.size() == 2);
  CHECK(m.stripped[0].kind == "footer");
  CHECK(m.stripped[0].text ==
        "AVISO DE CONFIDENCIALIDAD: Este mensaje y sus anexos son confidenciales y\n"
        "se dirigen exclusivamente a su destinatario.");
  CHECK(m.stripped[1].kind == "original_message");
  CHECK(m.stripped[1].text ==
        "-----Mensaje original-----\n"
        "De: Soporte Foco <soporte@foco.example>\n"
        "Enviado el: lunes, 3 de marzo de 2025 10:15\n"
        "Para: Ruiz, Pablo <pablo.ruiz@empresa.example>\n"
        "Asunto: Incidencia 88\n"
        "\n"
        "Le confirmamos que la incidencia está cerrada.");
}

TEST_CASE("strip_replies = false keeps the whole body", "[mail_message]") {
  SourceMessage m = ParseFixture("reply_outlook_es.eml", /*strip=*/false);
  CHECK(m.stripped.empty());
  CHECK(m.text.rfind("Buenos días,", 0) == 0);
  CHECK(m.text.find("-----Mensaje original-----") != std::string::npos);
  CHECK(m.text.find("AVISO DE CONFIDENCIALIDAD") != std::string::npos);
  const std::string tail = "está cerrada.";
  CHECK(m.text.compare(m.text.size() - tail.size(), tail.size(), tail) == 0);
}

// ---------------------------------------------------------------------------
// Inline messages.
// ---------------------------------------------------------------------------

TEST_CASE("empty input is an error, headerless text is read as text", "[mail_message]") {
  Result<SourceMessage> empty = ParseMailMessage("", MailOptions());
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().code() == ErrorCode::kParseError);
  CHECK(empty.status().message() == "empty message");
  CHECK_FALSE(ParseMailMessage("\n\n \n", MailOptions()).ok());

  SourceMessage plain = Parse("hola, esto no tiene cabeceras\n");
  CHECK(plain.skip_reason.empty());
  CHECK(plain.text == "hola, esto no tiene cabeceras");
  CHECK(plain.warnings == std::vector<std::string>{"no message headers; read as plain text"});

  SourceMessage binary = Parse(std::string("\x01\x02\x00\x03 zip", 8));
  CHECK(binary.skip_reason == "not a mail message (binary data)");
}

TEST_CASE("a leading mbox From_ line and a UTF-8 BOM are ignored", "[mail_message]") {
  SourceMessage m = Parse("\xEF\xBB\xBF" "From ana@example.com Mon Mar  3 10:15:00 2025\n"
                          "Subject: Hola\n\nCuerpo.\n");
  CHECK(m.subject == "Hola");
  CHECK(m.text == "Cuerpo.");
  CHECK(m.warnings.empty());
}

TEST_CASE("message without Content-Type is text/plain, CRLF line ends", "[mail_message]") {
  SourceMessage m = Parse("From: ana@example.com\r\nSubject: x\r\n\r\nl\xC3\xADnea 1\r\nl\xC3\xADnea 2\r\n");
  CHECK(m.text == "línea 1\nlínea 2");
  CHECK(m.from == "ana@example.com");
  CHECK(m.from_address == "ana@example.com");
}

TEST_CASE("alternative with an empty text/plain falls back to HTML", "[mail_message]") {
  SourceMessage m = Parse(
      "Content-Type: multipart/alternative; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\n \n"
      "--b\nContent-Type: text/html; charset=utf-8\n\n<p>S&oacute;lo HTML</p>\n"
      "--b--\n");
  CHECK(m.text == "Sólo HTML");
}

TEST_CASE("alternative inside mixed, related HTML with an inline image", "[mail_message]") {
  SourceMessage m = Parse(
      "Content-Type: multipart/mixed; boundary=m\n\n"
      "--m\nContent-Type: multipart/alternative; boundary=a\n\n"
      "--a\nContent-Type: text/plain; charset=utf-8\n\nTexto plano.\n"
      "--a\nContent-Type: multipart/related; boundary=r\n\n"
      "--r\nContent-Type: text/html\n\n<p>HTML</p>\n"
      "--r\nContent-Type: image/png\nContent-ID: <img1>\n\nPNG\n"
      "--r--\n"
      "--a--\n"
      "--m\nContent-Type: message/rfc822\n\nSubject: adjunto\n\nmensaje adjunto\n"
      "--m--\n");
  CHECK(m.text == "Texto plano.");
  CHECK(m.attachments_skipped == 1);  // the attached message; the image belongs to the unused HTML
}

TEST_CASE("Outlook HTML reply: the header block and the original are stripped", "[mail_message]") {
  SourceMessage m = Parse(
      "Content-Type: text/html; charset=utf-8\n\n"
      "<html><body><div class=WordSection1><p class=MsoNormal>No acepto la oferta.<o:p></o:p></p>"
      "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
      "<div style='border:none;border-top:solid #E1E1E1 1.0pt'><p class=MsoNormal>"
      "<b>De:</b> Soporte &lt;soporte@foco.example&gt; <br><b>Enviado el:</b> lunes, 3 de marzo de 2025 10:15<br>"
      "<b>Para:</b> Pablo &lt;pablo@example.com&gt;<br><b>Asunto:</b> Oferta<o:p></o:p></p></div>"
      "<p class=MsoNormal>Le ofrecemos un descuento.</p></div></body></html>\n");
  CHECK(m.text == "No acepto la oferta.");
  REQUIRE(m.stripped.size() == 1);
  CHECK(m.stripped[0].kind == "original_message");
  CHECK(m.stripped[0].text ==
        "De: Soporte <soporte@foco.example>\nEnviado el: lunes, 3 de marzo de 2025 10:15\n"
        "Para: Pablo <pablo@example.com>\nAsunto: Oferta\n\nLe ofrecemos un descuento.");
}

TEST_CASE("Gmail HTML reply with a signature", "[mail_message]") {
  SourceMessage m = Parse(
      "Content-Type: text/html; charset=utf-8\n\n"
      "<div dir=\"ltr\">Quiero darme de baja.<br clear=\"all\"><div><br></div>"
      "<span class=\"gmail_signature_prefix\">-- </span><br>"
      "<div dir=\"ltr\" class=\"gmail_signature\">Ana P&eacute;rez<br>Tel. 600</div></div><br>"
      "<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">On Mon, Mar 3, 2025 at 10:15 AM "
      "Soporte &lt;<a href=\"mailto:s@foco.example\">s@foco.example</a>&gt; wrote:<br></div>"
      "<blockquote class=\"gmail_quote\">Hola</blockquote></div>\n");
  CHECK(m.text == "Quiero darme de baja.");
  REQUIRE(m.stripped.size() == 3);
  CHECK(m.stripped[0].kind == "signature");
  CHECK(m.stripped[0].text == "--\n--\nAna Pérez\nTel. 600");
  CHECK(m.stripped[1].kind == "attribution");
  CHECK(m.stripped[2].text == "> Hola");
}

TEST_CASE("HTML part with its charset only in a <meta> tag", "[mail_message]") {
  SourceMessage m = Parse(
      "Content-Type: text/html\n\n"
      "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
      "</head><body>Cotizaci\xF3n</body></html>\n");
  CHECK(m.text == "Cotización");
  CHECK(m.warnings.empty());
}

TEST_CASE("format=flowed is unwrapped", "[mail_message]") {
  SourceMessage m = Parse(
      "Content-Type: text/plain; charset=utf-8; format=flowed\n\n"
      "Esta l\xC3\xADnea sigue \nen la siguiente.\n"
      "> cita que \n> sigue\n",
      /*strip=*/false);
  CHECK(m.text == "Esta línea sigue en la siguiente.\n> cita que sigue");

  SourceMessage delsp = Parse(
      "Content-Type: text/plain; format=flowed; delsp=yes\n\npala \nbra\n", false);
  CHECK(delsp.text == "palabra");
}

TEST_CASE("From header forms", "[mail_message]") {
  CHECK(Parse("From: \"Pérez, Ana\" <ANA@Example.com>\n\nx\n").from == "Pérez, Ana <ANA@Example.com>");
  CHECK(Parse("From: \"Pérez, Ana\" <ANA@Example.com>\n\nx\n").from_address == "ana@example.com");
  // Mailing-list archive obfuscation.
  SourceMessage list = Parse("From: ana at example.com (Ana)\n\nx\n");
  CHECK(list.from_address == "ana@example.com");
  // An encoded word that says UTF-8 but holds Latin-1.
  CHECK(Parse("From: =?UTF-8?Q?Luc=eda?= <l@example.com>\n\nx\n").from == "Lucía <l@example.com>");
  CHECK(Parse("Subject: =?utf-8?q?Cotizaci=F3n?=\n\nx\n").subject == "Cotización");
}

TEST_CASE("declared but unknown charset", "[mail_message]") {
  SourceMessage m = Parse("Content-Type: text/plain; charset=x-foo\n\nCami\xF3n\n");
  CHECK(m.text == "Camión");
  CHECK(m.warnings == std::vector<std::string>{"unknown charset x-foo, read as windows-1252"});
}

TEST_CASE("ParseMailMessage can run on several threads at once", "[mail_message]") {
  const std::string raw = Fixture("html_only.eml");
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 50; ++k) {
        Result<SourceMessage> r = ParseMailMessage(raw, MailOptions());
        if (r.ok() && r->subject == "Reclamación") ++ok[static_cast<std::size_t>(t)];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  CHECK(ok == std::vector<int>{50, 50, 50, 50});
}

// ---------------------------------------------------------------------------
// ConvertToUtf8 and HtmlToText.
// ---------------------------------------------------------------------------

TEST_CASE("ConvertToUtf8", "[mail_message]") {
  std::vector<std::string> w;
  CHECK(ConvertToUtf8("plain ascii", "", &w) == "plain ascii");
  CHECK(ConvertToUtf8("a\xC3\xB1o", "", &w) == "año");  // undeclared but valid UTF-8
  CHECK(w.empty());
  // ISO-8859-1 is read as its superset windows-1252 (0x80 is the euro sign).
  CHECK(ConvertToUtf8("10 \x80 a\xF1o", "ISO-8859-1", &w) == "10 € año");
  CHECK(ConvertToUtf8("\xA4", "iso-8859-15", &w) == "€");
  CHECK(ConvertToUtf8("\xF0\xD2\xC9\xD7\xC5\xD4", "koi8-r", &w) == "Привет");
  CHECK(ConvertToUtf8("\x82\xA0", "Shift_JIS", &w) == "あ");
  CHECK(ConvertToUtf8("\"a\xE9\"", "\"windows-1252\"", &w) == "\"aé\"");
  CHECK(w.empty());

  // Declared UTF-8 with one stray byte: replaced, the rest kept.
  CHECK(ConvertToUtf8("a\xC3\xB1o \xFF", "utf-8", &w) == "año \xEF\xBF\xBD");
  CHECK(w == std::vector<std::string>{"invalid utf-8 bytes replaced with U+FFFD"});
  w.clear();
  // Declared UTF-8 but really Latin-1.
  CHECK(ConvertToUtf8("a\xF1o", "UTF-8", &w) == "año");
  CHECK(w == std::vector<std::string>{"text declared utf-8 is not utf-8, read as windows-1252"});
  w.clear();
  CHECK(ConvertToUtf8("Cami\xF3n", "us-ascii", &w) == "Camión");
  CHECK(w == std::vector<std::string>{"8-bit text declared us-ascii, read as windows-1252"});
  CHECK(ConvertToUtf8("x\xE9", "", nullptr) == "xé");  // warnings are optional
}

TEST_CASE("HtmlToText", "[mail_message]") {
  CHECK(HtmlToText("<p>Hola</p><p>Adi&oacute;s</p>") == "Hola\n\nAdiós");
  CHECK(HtmlToText("<div>Hola</div><div><br></div><div>Adi&oacute;s</div>") == "Hola\n\nAdiós");
  CHECK(HtmlToText("uno<br>dos<br><br>tres") == "uno\ndos\n\ntres");
  CHECK(HtmlToText("a&nbsp;&nbsp;b &amp; c &lt;d&gt; &quot;e&quot; &#243; &#xF3; &#150; &euro;") ==
        "a b & c <d> \"e\" ó ó – €");
  CHECK(HtmlToText("&aacute;&eacute;&iacute;&oacute;&uacute;&ntilde;&Ntilde;&uuml;&iquest;&iexcl;") ==
        "áéíóúñÑü¿¡");
  CHECK(HtmlToText("&unknown; & &#;") == "&unknown; & &#;");
  CHECK(HtmlToText("<script>alert('<b>x</b>')</script><style>p{}</style>texto") == "texto");
  CHECK(HtmlToText("<SCRIPT type=x>a</SCRIPT >visible") == "visible");
  CHECK(HtmlToText("<!-- <p>no</p> -->s&iacute;") == "sí");
  CHECK(HtmlToText("<a href=\"x>y\" title='>'>enlace</a>") == "enlace");
  CHECK(HtmlToText("3 < 4 y 5 > 4") == "3 < 4 y 5 > 4");
  CHECK(HtmlToText("  mucho \n\t  espacio  ") == "mucho espacio");
  CHECK(HtmlToText("<pre>a  b\n  c</pre>") == "a  b\n  c");
  CHECK(HtmlToText("<table><tr><td>uno</td><td>dos</td></tr><tr><td>tres</td></tr></table>") ==
        "uno dos\ntres");
  CHECK(HtmlToText("Yo<blockquote>Cita<br>dos<blockquote>doble</blockquote></blockquote>Fin") ==
        "Yo\n> Cita\n> dos\n> > doble\nFin");
  CHECK(HtmlToText("arriba<hr>abajo") == "arriba\n________________________________\nabajo");
  CHECK(HtmlToText("Texto<div class=\"gmail_signature\">Ana</div>") == "Texto\n--\nAna");
  CHECK(HtmlToText("<head><title>T</title></head><body>cuerpo</body>") == "cuerpo");
  CHECK(HtmlToText("sin cerrar <b") == "sin cerrar");
  CHECK(HtmlToText("") == "");
}

}  // namespace
}  // namespace foco
