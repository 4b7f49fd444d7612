#!/usr/bin/env bash
# Mail-scanning benchmark: foco on a realistic mbox beside ripgrep, in one run.
#
#   tools/bench_mbox.sh [MESSAGES] [REPEAT]     (defaults: 20000 1)
#
# Generates MESSAGES mails of Spanish prose from Debian's fortunes-es: mixed
# encodings (UTF-8 8bit, quoted-printable ISO-8859-1, base64 UTF-8,
# multipart/alternative with HTML), 30% replies quoting the previous mail
# (Gmail-style "El … escribió:" and Outlook "-----Mensaje original-----"),
# about 10% carrying a red flag in the client's own text. REPEAT > 1
# concatenates the mbox that many times (for the memory check on ~1 GB).
# Prints wall time, messages/s, MB/s and peak RSS for foco -j 1 and -j 2, and
# ripgrep's `rg -c -i -F -f PHRASES` over the same file, with the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-20000}
repeat=${2:-1}
foco=build/foco
work=$(mktemp -d /tmp/foco-mbox-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
for tool in rg /usr/bin/time python3; do command -v "$tool" >/dev/null || { echo "needs $tool"; exit 2; }; done
[ -d /usr/share/games/fortunes/es ] || { echo "needs fortunes-es (apt-get install fortunes-es)"; exit 2; }

python3 - "$work/bench.mbox" "$messages" "$repeat" <<'PY'
import base64, glob, quopri, random, sys
path, count, repeat = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
paragraphs = []
for f in sorted(glob.glob("/usr/share/games/fortunes/es/*.u8")):
    text = open(f, encoding="utf-8", errors="replace").read()
    paragraphs += [p.strip() for p in text.split("\n%\n") if p.strip()]
flags = ["Mi primo lo hace más barato.", "Si me funciona te lo pago.", "¿Por qué tan caro si te toma poco tiempo?",
         "Te pago la otra semana, ahorita no tengo.", "¿No me lo dejas más barato?", "Ya que estás, hazme el logo gratis.",
         "Si no lo arreglan hoy les dejo una mala reseña.", "Estamos evaluando otras opciones.",
         "El pedido llegó tarde y faltó una parte.", "Lo necesito para ayer."]
rng = random.Random(11)
names = ["Ana Pérez", "Jorge Núñez", "Lucía Gómez", "Marcos Díaz", "Sofía Ruiz", "Pedro Álvarez"]
def body():
    text = "Hola,\n\n" + "\n\n".join(rng.choice(paragraphs) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.10:
        parts = text.split("\n\n")
        parts.insert(rng.randint(1, len(parts)), rng.choice(flags))
        text = "\n\n".join(parts)
    return text + "\n\nSaludos.\n"
def quoted(previous):
    if rng.random() < 0.5:
        head = "El lun, 3 mar 2025 a las 10:15, Estudio <hola@estudio.mx> escribió:\n"
        return head + "\n".join("> " + line for line in previous.splitlines())
    return ("-----Mensaje original-----\nDe: Estudio <hola@estudio.mx>\nEnviado: lunes, 3 de marzo de 2025 10:15\n"
            "Para: Cliente\nAsunto: Re: Proyecto\n\n" + previous)
def from_escape(text):
    return "\n".join((">" + l if l.startswith("From ") else l) for l in text.split("\n"))
previous = body()
with open(path, "w", encoding="utf-8", newline="\n") as out:
    for i in range(count):
        text = body()
        if rng.random() < 0.30:
            text += "\n" + quoted(previous)
        previous = text
        name = rng.choice(names)
        headers = (f"From cliente{i}@ejemplo.com Mon Mar  3 10:15:00 2025\nFrom: {name} <cliente{i % 500}@ejemplo.com>\n"
                   f"To: Estudio <hola@estudio.mx>\nSubject: Proyecto {i}\nDate: Mon, 3 Mar 2025 10:15:00 -0600\n"
                   f"Message-ID: <m{i}@ejemplo.com>\nMIME-Version: 1.0\n")
        kind = i % 4
        if kind == 0:
            mail = headers + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n" + from_escape(text)
        elif kind == 1:
            encoded = quopri.encodestring(text.encode("latin-1", "replace")).decode("ascii")
            mail = headers + "Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n" + encoded
        elif kind == 2:
            encoded = base64.encodebytes(text.encode("utf-8")).decode("ascii")
            mail = headers + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n" + encoded
        else:
            html = "<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</body></html>"
            mail = (headers + 'Content-Type: multipart/alternative; boundary="b"\n\n--b\n'
                    "Content-Type: text/plain; charset=UTF-8\n\n" + from_escape(text) +
                    "\n--b\nContent-Type: text/html; charset=UTF-8\n\n" + html + "\n--b--\n")
        out.write(mail.rstrip("\n") + "\n\n")
if repeat > 1:
    data = open(path, "rb").read()
    with open(path, "ab") as out:
        for _ in range(repeat - 1):
            out.write(data)
PY
$foco lexicon examples | tr 'A-ZÁÉÍÓÚÑ' 'a-záéíóúñ' | sort -u > "$work/phrases.txt"
bytes=$(stat -c %s "$work/bench.mbox")
total=$((messages * repeat))
cat "$work/bench.mbox" > /dev/null
measure() {  # prints: seconds peak_kb
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>/dev/null || true
  tail -n 1 "$work/time"
}
read -r rg_s rg_kb < <(measure rg -c -i -F -f "$work/phrases.txt" "$work/bench.mbox")
read -r one_s one_kb < <(measure $foco scan -j 1 --format jsonl --only-flagged "$work/bench.mbox")
flagged=$(wc -l < "$work/out")
read -r two_s two_kb < <(measure $foco scan -j 2 --format jsonl --only-flagged "$work/bench.mbox")
python3 - "$bytes" "$total" "$rg_s" "$one_s" "$one_kb" "$two_s" "$two_kb" "$flagged" <<'PY'
import sys
size, total, rg_s, one_s, one_kb, two_s, two_kb, flagged = sys.argv[1:]
mb, total = int(size) / 1e6, int(total)
rg_s, one_s, two_s = (max(float(x), 0.01) for x in (rg_s, one_s, two_s))
print(f"mbox: {total} messages, {mb:.0f} MB; foco flagged {flagged} messages")
print(f"{'':24}{'wall s':>8}{'msgs/s':>10}{'MB/s':>8}{'peak RSS MB':>13}{'× rg':>7}")
print(f"{'rg -c -i -F -f':24}{rg_s:8.2f}{total / rg_s:10.0f}{mb / rg_s:8.1f}{'':>13}{1:7.2f}")
print(f"{'foco scan -j 1':24}{one_s:8.2f}{total / one_s:10.0f}{mb / one_s:8.1f}{int(one_kb) / 1024:13.0f}{one_s / rg_s:7.2f}")
print(f"{'foco scan -j 2':24}{two_s:8.2f}{total / two_s:10.0f}{mb / two_s:8.1f}{int(two_kb) / 1024:13.0f}{two_s / rg_s:7.2f}")
PY
