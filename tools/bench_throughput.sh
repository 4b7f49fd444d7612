#!/usr/bin/env bash
# Single-thread scanning throughput on Spanish prose, beside ripgrep in the same run.
#
#   tools/bench_throughput.sh [SIZE_MB]      (default 200)
#
# Builds SIZE_MB of text from Debian's fortunes-es (paragraphs shuffled, a red
# flag sprinkled into about 1 paragraph in 200), then times
#   foco scan -j 1 --format jsonl --only-flagged FILE
#   rg -c -i -F -f PHRASES FILE          (PHRASES: the lexicon's must_fire examples)
# and prints MB/s for both, their ratio, and foco's peak RSS at two input sizes
# (memory must stay flat as the input grows).
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-200}
foco=build/foco
work=$(mktemp -d /tmp/foco-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

for tool in rg /usr/bin/time; do command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install ripgrep time)"; exit 2; }; done
fortunes=/usr/share/games/fortunes/es
[ -d "$fortunes" ] || { echo "needs fortunes-es (apt-get install fortunes-es)"; exit 2; }

python3 - "$work" "$size_mb" "$fortunes" <<'PY'
import glob, random, sys
work, size_mb, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
paragraphs = []
for path in sorted(glob.glob(folder + "/*.u8")):
    text = open(path, encoding="utf-8", errors="replace").read()
    paragraphs += [p.strip() for p in text.split("\n%\n") if p.strip()]
flags = ["Mi primo lo hace más barato.", "Si me funciona te lo pago.", "¿Por qué tan caro si te toma poco tiempo?",
         "Te pago la otra semana, ahorita no tengo.", "¿No me lo dejas más barato?", "Ya que estás, hazme el logo gratis."]
rng = random.Random(7)
def build(target, path):
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < target:
            block = rng.choice(paragraphs)
            if rng.random() < 0.005:
                block += " " + rng.choice(flags)
            block += "\n\n"
            out.write(block)
            written += len(block.encode("utf-8"))
build(size_mb * 1024 * 1024, work + "/big.txt")
build(size_mb * 1024 * 1024 // 4, work + "/quarter.txt")
PY
$foco lexicon examples | tr 'A-ZÁÉÍÓÚÑ' 'a-záéíóúñ' | sort -u > "$work/phrases.txt"

bytes=$(stat -c %s "$work/big.txt")
measure() {  # prints: seconds peak_kb
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>/dev/null || true
  tail -n 1 "$work/time"
}
# Warm the page cache so both tools read from memory.
cat "$work/big.txt" > /dev/null
read -r rg_s rg_kb < <(measure rg -c -i -F -f "$work/phrases.txt" "$work/big.txt")
read -r foco_s foco_kb < <(measure $foco scan -j 1 --format jsonl --only-flagged "$work/big.txt")
flagged=$(wc -l < "$work/out")
read -r quarter_s quarter_kb < <(measure $foco scan -j 1 --format jsonl --only-flagged "$work/quarter.txt")

python3 - "$bytes" "$rg_s" "$foco_s" "$foco_kb" "$quarter_kb" "$flagged" "$(wc -l < "$work/phrases.txt")" <<'PY'
import sys
size, rg_s, foco_s, foco_kb, quarter_kb, flagged, phrases = sys.argv[1:]
mb = int(size) / 1e6
rg_s, foco_s = max(float(rg_s), 0.01), max(float(foco_s), 0.01)
print(f"input: {mb:.0f} MB of fortunes-es prose; ripgrep phrases: {phrases}")
print(f"ripgrep (rg -c -i -F -f): {rg_s:6.2f} s  {mb / rg_s:8.1f} MB/s")
print(f"foco scan -j 1:           {foco_s:6.2f} s  {mb / foco_s:8.1f} MB/s  ({flagged} flagged paragraphs)")
print(f"foco / ripgrep time: {foco_s / rg_s:.2f}x")
print(f"foco peak RSS: {int(foco_kb) / 1024:.0f} MB on {mb:.0f} MB, {int(quarter_kb) / 1024:.0f} MB on {mb / 4:.0f} MB")
PY
