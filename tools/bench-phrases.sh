#!/usr/bin/env bash
# Phrase benchmark: fw2v phrases against word2vec.c's word2phrase on the same text, runs
# alternated (this VM's speed drifts from minute to minute, so only neighbouring runs compare), with the
# wall time, peak memory and whether the outputs are byte-identical.
#   tools/bench-phrases.sh WORD2PHRASE [TEXT] [THRESHOLD] [ROUNDS]
# WORD2PHRASE: a word2phrase binary (build tmikolov/word2vec with its makefile); TEXT defaults to
# data/enwiki.txt (the 100 MB corpus, see tools/demo.sh); THRESHOLD 200; ROUNDS 3; THREADS=2.
set -euo pipefail
cd "$(dirname "$0")/.."
w2p=${1:?usage: tools/bench-phrases.sh WORD2PHRASE [TEXT] [THRESHOLD] [ROUNDS]}
text=${2:-data/enwiki.txt}
threshold=${3:-200}
rounds=${4:-3}
threads=${THREADS:-2}
[ -x out/fw2v ] || tools/publish.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/fw2v-bench-phrases.XXXXXX")
trap 'rm -rf "$work"' EXIT
printf '%-6s %-12s %9s %10s\n' round tool seconds "peak MB"
for ((r = 1; r <= rounds; r++)); do
  /usr/bin/time -f '%e %M' -o "$work/t" "$w2p" -train "$text" -output "$work/w2p.txt" -threshold "$threshold" -debug 0 > /dev/null
  read -r s m < "$work/t"; printf '%-6s %-12s %9.2f %10.0f\n' "$r" word2phrase "$s" "$((m / 1024))"
  /usr/bin/time -f '%e %M' -o "$work/t" out/fw2v phrases -train "$text" -output "$work/fw2v.txt" -threshold "$threshold" -threads "$threads" -q
  read -r s m < "$work/t"; printf '%-6s %-12s %9.2f %10.0f\n' "$r" "fw2v (${threads}t)" "$s" "$((m / 1024))"
  cmp -s "$work/w2p.txt" "$work/fw2v.txt" && echo "       outputs byte-identical" || echo "       OUTPUTS DIFFER"
done
