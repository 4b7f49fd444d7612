#!/usr/bin/env bash
# Regenerates lexicons/word_frequency.tsv: how often each common Spanish word
# occurs, per million words, averaged over three kinds of text so no single
# register dominates:
#   - literary and humorous prose  (Debian fortunes-es)
#   - technical prose              (Debian manpages-es)
#   - client messages              (corpus/dev.jsonl)
# The lexicon compiler reads it to decide which word of a pattern the
# prefilter should look for first (the rarest), and `foco lexicon lint` uses it
# to flag patterns made only of very frequent words.
#
#   apt-get install fortunes-es manpages-es && tools/word_frequencies.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /usr/share/games/fortunes/es ] || { echo "needs fortunes-es"; exit 2; }
[ -d /usr/share/man/es ] || { echo "needs manpages-es"; exit 2; }
python3 - <<'PY'
import collections, glob, gzip, json, re, unicodedata

def fold(word):
    # Same folding as the lexicon: lower case, accents off, ñ kept.
    out = []
    for ch in unicodedata.normalize("NFC", word.lower()):
        if ch in "ñ":
            out.append(ch)
            continue
        out.append("".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)))
    return "".join(out)

WORD = re.compile(r"[^\W\d_]+")

def count(texts):
    counter = collections.Counter()
    for text in texts:
        counter.update(fold(w) for w in WORD.findall(text))
    return counter

def fortunes():
    for path in sorted(glob.glob("/usr/share/games/fortunes/es/*.u8")):
        yield open(path, encoding="utf-8", errors="replace").read()

def manpages():
    for path in sorted(glob.glob("/usr/share/man/es/man*/*")):
        try:
            raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
        except OSError:
            continue
        text = raw.decode("utf-8", "replace")
        lines = [l for l in text.split("\n") if not l.startswith((".", "'"))]
        yield re.sub(r"\\f[BIRP]|\\\(..|\\.", " ", "\n".join(lines))

def corpus():
    for line in open("corpus/dev.jsonl", encoding="utf-8"):
        yield json.loads(line)["text"]

sources = [count(fortunes()), count(manpages()), count(corpus())]
per_million = collections.Counter()
for counter in sources:
    total = sum(counter.values())
    for word, n in counter.items():
        per_million[word] += n * 1e6 / total / len(sources)

with open("lexicons/word_frequency.tsv", "w", encoding="utf-8") as out:
    out.write("# word<TAB>occurrences per million words; made by tools/word_frequencies.sh\n")
    for word, value in sorted(per_million.items(), key=lambda item: (-item[1], item[0])):
        if value < 20:
            break
        out.write(f"{word}\t{value:.0f}\n")
PY
wc -l lexicons/word_frequency.tsv
