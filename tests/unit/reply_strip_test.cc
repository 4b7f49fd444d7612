#include "source/reply_strip.h"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

namespace foco {
namespace {

using Blocks = std::vector<std::pair<std::string, std::string>>;  // kind, text

Blocks Kinds(const ClientText& ct) {
  Blocks out;
  for (const StrippedBlock& b : ct.stripped) out.emplace_back(b.kind, b.text);
  return out;
}

TEST_CASE("StripReplies keeps a message without replies as it is", "[reply_strip]") {
  ClientText ct = StripReplies("Hola,\n\nquiero darme de baja.\nGracias.\n");
  CHECK(ct.text == "Hola,\n\nquiero darme de baja.\nGracias.");
  CHECK(ct.stripped.empty());
}

TEST_CASE("StripReplies on empty and blank text", "[reply_strip]") {
  CHECK(StripReplies("").text.empty());
  CHECK(StripReplies("\n\n  \n").text.empty());
  CHECK(StripReplies("").stripped.empty());
}

TEST_CASE("Gmail (es) top-posted reply", "[reply_strip]") {
  ClientText ct = StripReplies(
      "Sigo sin recibir el pedido.\n"
      "\n"
      "El vie, 28 feb 2025 a las 18:02, Ana Pérez (<ana@example.com>) escribió:\n"
      "\n"
      "> Estimado cliente:\n"
      ">\n"
      "> Su pedido llegará mañana.\n");
  CHECK(ct.text == "Sigo sin recibir el pedido.");
  CHECK(Kinds(ct) == Blocks{
                         {"attribution",
                          "El vie, 28 feb 2025 a las 18:02, Ana Pérez (<ana@example.com>) escribió:"},
                         {"quote", "> Estimado cliente:\n>\n> Su pedido llegará mañana."},
                     });
}

TEST_CASE("Gmail (en) reply", "[reply_strip]") {
  ClientText ct = StripReplies(
      "I want a refund.\n\n"
      "On Fri, Feb 28, 2025 at 6:02 PM Ana <ana@example.com> wrote:\n"
      "> Your order ships tomorrow.\n");
  CHECK(ct.text == "I want a refund.");
  CHECK(Kinds(ct) == Blocks{
                         {"attribution", "On Fri, Feb 28, 2025 at 6:02 PM Ana <ana@example.com> wrote:"},
                         {"quote", "> Your order ships tomorrow."},
                     });
}

TEST_CASE("attribution wrapped over two and three lines", "[reply_strip]") {
  ClientText two = StripReplies(
      "Vale.\n\n"
      "El lun, 3 mar 2025 a las 10:15, Servicio de Atención al Cliente <\n"
      "atencion@foco.example> escribió:\n"
      "> ¿Algo más?\n");
  CHECK(two.text == "Vale.");
  CHECK(Kinds(two) == Blocks{
                          {"attribution",
                           "El lun, 3 mar 2025 a las 10:15, Servicio de Atención al Cliente <\n"
                           "atencion@foco.example> escribió:"},
                          {"quote", "> ¿Algo más?"},
                      });

  ClientText three = StripReplies(
      "OK.\n"
      "On Mon, Mar 3, 2025 at 10:15 AM\n"
      "Customer Service Department of Foco\n"
      "<service@foco.example> wrote:\n"
      "> Anything else?\n");
  CHECK(three.text == "OK.");
  REQUIRE(three.stripped.size() == 2);
  CHECK(three.stripped[0].kind == "attribution");
  CHECK(three.stripped[0].text ==
        "On Mon, Mar 3, 2025 at 10:15 AM\nCustomer Service Department of Foco\n"
        "<service@foco.example> wrote:");
}

TEST_CASE("Thunderbird (es) and Apple Mail (es) attributions", "[reply_strip]") {
  ClientText tb = StripReplies(
      "Gracias por nada.\n\n"
      "El 03/03/25 a las 10:15, Ana escribió:\n"
      "> Le llamaremos.\n");
  CHECK(tb.text == "Gracias por nada.");
  CHECK(Kinds(tb) == Blocks{{"attribution", "El 03/03/25 a las 10:15, Ana escribió:"},
                            {"quote", "> Le llamaremos."}});

  ClientText apple = StripReplies(
      "No me sirve.\n\n"
      "Enviado desde mi iPhone\n\n"
      "El 3 mar 2025, a las 10:15, Ana Pérez <ana@example.com> escribió:\n\n"
      "> ¿Le sirve el cambio?\n");
  CHECK(apple.text == "No me sirve.");
  CHECK(Kinds(apple) == Blocks{
                            {"signature", "Enviado desde mi iPhone"},
                            {"attribution", "El 3 mar 2025, a las 10:15, Ana Pérez <ana@example.com> escribió:"},
                            {"quote", "> ¿Le sirve el cambio?"},
                        });
}

TEST_CASE("Yahoo (es) attribution", "[reply_strip]") {
  ClientText ct = StripReplies(
      "Ya pagué.\n\n"
      "En lunes, 3 de marzo de 2025, 10:15:00 CET, Ana <ana@example.com> escribió:\n\n"
      "> Le recordamos el pago.\n");
  CHECK(ct.text == "Ya pagué.");
  CHECK(Kinds(ct) == Blocks{
                         {"attribution",
                          "En lunes, 3 de marzo de 2025, 10:15:00 CET, Ana <ana@example.com> escribió:"},
                         {"quote", "> Le recordamos el pago."},
                     });
}

TEST_CASE("a loose attribution counts only when quoted lines follow", "[reply_strip]") {
  ClientText quoted = StripReplies("Respondo abajo.\n\nAna Pérez escribió:\n> Hola\n");
  CHECK(quoted.text == "Respondo abajo.");
  CHECK(Kinds(quoted) == Blocks{{"attribution", "Ana Pérez escribió:"}, {"quote", "> Hola"}});

  // The client quoting someone in their own words is kept.
  ClientText own = StripReplies("El lunes mi jefe me escribió:\nque no me pagarían.\n");
  CHECK(own.text == "El lunes mi jefe me escribió:\nque no me pagarían.");
  CHECK(own.stripped.empty());
}

TEST_CASE("a program-made attribution with an unmarked quote below", "[reply_strip]") {
  // What HTML mail without <blockquote> becomes once turned into text.
  ClientText ct = StripReplies(
      "Gracias.\n\n"
      "On Mon, Mar 3, 2025 at 10:15 AM Ana <ana@example.com> wrote:\n"
      "Your order has shipped.\n"
      "Regards\n");
  CHECK(ct.text == "Gracias.");
  CHECK(Kinds(ct) == Blocks{
                         {"attribution", "On Mon, Mar 3, 2025 at 10:15 AM Ana <ana@example.com> wrote:"},
                         {"quote", "Your order has shipped.\nRegards"},
                     });
}

TEST_CASE("inline-quoted reply keeps the client's answers", "[reply_strip]") {
  ClientText ct = StripReplies(
      "Hola Ana,\n"
      "\n"
      "El 03/03/25 a las 10:15, Ana escribió:\n"
      "> ¿Cuándo llega el pedido?\n"
      "\n"
      "Llega tarde, como siempre.\n"
      "\n"
      ">> ¿Y la factura?\n"
      "> Eso digo yo.\n"
      "\n"
      "Quiero la factura hoy.\n");
  CHECK(ct.text == "Hola Ana,\n\nLlega tarde, como siempre.\n\nQuiero la factura hoy.");
  CHECK(Kinds(ct) == Blocks{
                         {"attribution", "El 03/03/25 a las 10:15, Ana escribió:"},
                         {"quote", "> ¿Cuándo llega el pedido?"},
                         {"quote", ">> ¿Y la factura?\n> Eso digo yo."},
                     });
}

TEST_CASE("Outlook (es) original message block", "[reply_strip]") {
  ClientText ct = StripReplies(
      "No estoy de acuerdo.\r\n"
      "\r\n"
      "-----Mensaje original-----\r\n"
      "De: Soporte <soporte@foco.example>\r\n"
      "Enviado el: lunes, 3 de marzo de 2025 10:15\r\n"
      "Para: Pablo\r\n"
      "Asunto: Incidencia 88\r\n"
      "\r\n"
      "Incidencia cerrada.\r\n");
  CHECK(ct.text == "No estoy de acuerdo.");
  CHECK(Kinds(ct) == Blocks{{"original_message",
                             "-----Mensaje original-----\nDe: Soporte <soporte@foco.example>\n"
                             "Enviado el: lunes, 3 de marzo de 2025 10:15\nPara: Pablo\n"
                             "Asunto: Incidencia 88\n\nIncidencia cerrada."}});
}

TEST_CASE("Outlook header blocks without a separator line", "[reply_strip]") {
  ClientText es = StripReplies(
      "Adjunto la queja.\n\n"
      "________________________________\n"
      "De: Soporte Foco <soporte@foco.example>\n"
      "Enviado: lunes, 3 de marzo de 2025 10:15\n"
      "Para: Pablo Ruiz <pablo@example.com>\n"
      "Asunto: RE: Incidencia 88\n\n"
      "Texto anterior.\n");
  CHECK(es.text == "Adjunto la queja.");
  REQUIRE(es.stripped.size() == 1);
  CHECK(es.stripped[0].kind == "original_message");
  CHECK(es.stripped[0].text.rfind("________________________________\nDe: Soporte Foco", 0) == 0);

  ClientText en = StripReplies(
      "See below.\n\n"
      "From: Support <support@foco.example>\n"
      "Sent: Monday, March 3, 2025 10:15 AM\n"
      "To: Pablo\n"
      "Subject: Ticket 88\n\n"
      "Old text.\n");
  CHECK(en.text == "See below.");
  REQUIRE(en.stripped.size() == 1);
  CHECK(en.stripped[0].kind == "original_message");

  // Outlook's HTML turned into text: bold field names, blank lines between.
  ClientText html = StripReplies(
      "Ok.\n\n*De:* Soporte\n\n*Enviado:* lunes\n\n*Para:* Pablo\n\nTexto.\n");
  CHECK(html.text == "Ok.");
  CHECK(html.stripped.size() == 1);

  // "De:" in the client's own words is not a header block.
  ClientText own = StripReplies("De: mi parte, gracias.\nEspero respuesta.\n");
  CHECK(own.text == "De: mi parte, gracias.\nEspero respuesta.");
  CHECK(own.stripped.empty());
}

TEST_CASE("forwarded messages", "[reply_strip]") {
  ClientText gmail = StripReplies(
      "Mira lo que me mandaron.\n\n"
      "---------- Mensaje reenviado ----------\n"
      "De: Banco <avisos@banco.example>\n"
      "Fecha: lun, 3 mar 2025 a las 10:15\n"
      "Asunto: Aviso\n\n"
      "Su cuenta será bloqueada.\n");
  CHECK(gmail.text == "Mira lo que me mandaron.");
  REQUIRE(gmail.stripped.size() == 1);
  CHECK(gmail.stripped[0].kind == "forwarded");
  CHECK(gmail.stripped[0].text.rfind("---------- Mensaje reenviado ----------\n", 0) == 0);

  ClientText apple = StripReplies("FYI\n\nBegin forwarded message:\n\nFrom: X\nHello\n");
  CHECK(apple.text == "FYI");
  CHECK(Kinds(apple) == Blocks{{"forwarded", "Begin forwarded message:\n\nFrom: X\nHello"}});

  ClientText en = StripReplies("Look.\n---------- Forwarded message ---------\nFrom: X\n");
  CHECK(en.text == "Look.");
  CHECK(en.stripped.size() == 1);
}

TEST_CASE("signatures", "[reply_strip]") {
  ClientText dash = StripReplies("Quiero hablar con un responsable.\n\n-- \nAna Pérez\nDirectora\n");
  CHECK(dash.text == "Quiero hablar con un responsable.");
  CHECK(Kinds(dash) == Blocks{{"signature", "-- \nAna Pérez\nDirectora"}});

  // The delimiter without its trailing blank, then a quoted reply.
  ClientText then_quote = StripReplies(
      "Sí.\n--\nAna\n\nEl 03/03/25 a las 10:15, Luis escribió:\n> ¿Sí o no?\n");
  CHECK(then_quote.text == "Sí.");
  CHECK(Kinds(then_quote) == Blocks{{"signature", "--\nAna"},
                                    {"attribution", "El 03/03/25 a las 10:15, Luis escribió:"},
                                    {"quote", "> ¿Sí o no?"}});

  // Dashes inside a sentence are text.
  ClientText inline_dashes = StripReplies("Precio -- 20 euros\n");
  CHECK(inline_dashes.text == "Precio -- 20 euros");
  CHECK(inline_dashes.stripped.empty());
}

TEST_CASE("mobile signatures", "[reply_strip]") {
  for (const char* line : {"Enviado desde mi iPhone", "Enviado desde mi iPad",
                           "Enviado desde mi smartphone Samsung Galaxy.",
                           "Enviado desde mi BlackBerry® de Vodafone", "Sent from my iPhone",
                           "Sent from my Samsung Galaxy smartphone.", "Obtener Outlook para Android",
                           "Get Outlook for iOS", "Enviado desde Outlook para iOS",
                           "Enviado desde Correo para Windows"}) {
    INFO(line);
    ClientText ct = StripReplies(std::string("Necesito ayuda.\n\n") + line + "\n");
    CHECK(ct.text == "Necesito ayuda.");
    CHECK(Kinds(ct) == Blocks{{"signature", line}});
  }
  // Sentences that only start like one are kept.
  for (const char* line : {"Enviado desde mi casa el paquete, y no llegó.",
                           "Enviado desde mi móvil, porque el portátil no funciona: ayuda"}) {
    INFO(line);
    ClientText ct = StripReplies(line);
    CHECK(ct.text == line);
    CHECK(ct.stripped.empty());
  }
}

TEST_CASE("legal footers", "[reply_strip]") {
  ClientText es = StripReplies(
      "Exijo una respuesta.\n\n"
      "Este mensaje y sus archivos adjuntos van dirigidos exclusivamente a su\n"
      "destinatario y pueden contener información confidencial.\n\n"
      "Si usted no es el destinatario, bórrelo.\n");
  CHECK(es.text == "Exijo una respuesta.");
  CHECK(Kinds(es) == Blocks{{"footer",
                             "Este mensaje y sus archivos adjuntos van dirigidos exclusivamente a su\n"
                             "destinatario y pueden contener información confidencial.\n\n"
                             "Si usted no es el destinatario, bórrelo."}});

  ClientText aviso = StripReplies("Gracias.\n\nAVISO DE CONFIDENCIALIDAD\nTodo esto es privado.\n");
  CHECK(aviso.text == "Gracias.");
  CHECK(Kinds(aviso) == Blocks{{"footer", "AVISO DE CONFIDENCIALIDAD\nTodo esto es privado."}});

  ClientText en = StripReplies(
      "Thanks.\n\nThis e-mail is confidential and intended solely for the addressee.\n");
  CHECK(en.text == "Thanks.");
  CHECK(Kinds(en) ==
        Blocks{{"footer", "This e-mail is confidential and intended solely for the addressee."}});

  ClientText rgpd = StripReplies(
      "Un saludo.\n\n"
      "En cumplimiento del Reglamento (UE) 2016/679 de Protección de Datos, le informamos...\n");
  CHECK(rgpd.text == "Un saludo.");
  CHECK(rgpd.stripped.size() == 1);
  CHECK(rgpd.stripped[0].kind == "footer");

  ClientText print = StripReplies("Ok.\n\nAntes de imprimir este correo, piense en el medio ambiente.\n");
  CHECK(print.text == "Ok.");
  CHECK(print.stripped.size() == 1);
}

TEST_CASE("a footer before the quoted message ends where the quote starts", "[reply_strip]") {
  ClientText ct = StripReplies(
      "No acepto.\n\n"
      "Este correo electrónico es confidencial.\n\n"
      "El 03/03/25 a las 10:15, Ana escribió:\n"
      "> Oferta\n");
  CHECK(ct.text == "No acepto.");
  CHECK(Kinds(ct) == Blocks{{"footer", "Este correo electrónico es confidencial."},
                            {"attribution", "El 03/03/25 a las 10:15, Ana escribió:"},
                            {"quote", "> Oferta"}});
}

TEST_CASE("a message that opens with footer words is kept", "[reply_strip]") {
  ClientText ct = StripReplies("Este mensaje es confidencial: me quieren despedir.\nAyuda.\n");
  CHECK(ct.text == "Este mensaje es confidencial: me quieren despedir.\nAyuda.");
  CHECK(ct.stripped.empty());
}

TEST_CASE("only quoted text leaves nothing", "[reply_strip]") {
  ClientText ct = StripReplies("> a\n> b\n");
  CHECK(ct.text.empty());
  CHECK(Kinds(ct) == Blocks{{"quote", "> a\n> b"}});
}

TEST_CASE("kept text has at most one blank line in a row", "[reply_strip]") {
  ClientText ct = StripReplies("\n\nUno\n\n\n\nDos\n> q\n\n\nTres\n\n\n");
  CHECK(ct.text == "Uno\n\nDos\n\nTres");
}

}  // namespace
}  // namespace foco

TEST_CASE("MaskReplies blanks quoted text and keeps every offset", "[reply_strip]") {
  const std::string text =
      "Ok, lo vemos.\r\n\r\nEl lun, 3 mar 2025 a las 9:02, Ana <ana@example.com> escribió:\r\n> mi primo lo hace más barato\r\n";
  std::string masked = foco::MaskReplies(text);
  REQUIRE(masked.size() == text.size());
  CHECK(masked.rfind("Ok, lo vemos.", 0) == 0);
  CHECK(masked.find("primo") == std::string::npos);
  CHECK(masked.find("escribió") == std::string::npos);
  CHECK(std::count(masked.begin(), masked.end(), '\n') == std::count(text.begin(), text.end(), '\n'));
  CHECK(foco::MaskReplies("mi primo lo hace más barato") == "mi primo lo hace más barato");
}
