#!/usr/bin/env bash
# Runs fw2v and fastText with equivalent skip-gram settings on the same file and prints both
# throughputs (raw corpus words per second per thread, whole-process wall clock), their ratio, and both
# analogy accuracies (compute-accuracy protocol, 30,000 words).
#   usage: tools/compare-fasttext.sh [corpus] [epochs] [threads]
# Equivalent settings: dim 100, window 5, 5 negatives, sample 1e-4, min-count 5, lr 0.025, and for
# fastText no character n-grams (-minn 0 -maxn 0), which makes it plain word2vec skip-gram.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-data/enwiki.txt}
epochs=${2:-1}
threads=${3:-2}
questions=../shared/data/eval/questions-words.txt
[ -x out/fw2v ] || ./tools/publish.sh
if ! command -v fasttext >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fasttext >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tokens=$(out/fw2v vocab -train "$corpus" -threads "$threads" | sed -n 's/.* bytes, \([0-9,]*\) tokens.*/\1/p' | tr -d ,)

start=$(date +%s.%N)
out/fw2v -train "$corpus" -output "$work/fw2v.txt" -cbow 0 -size 100 -window 5 -negative 5 -hs 0 -sample 1e-4 \
  -iter "$epochs" -min-count 5 -alpha 0.025 -threads "$threads" -debug 0
fw_time=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
fasttext skipgram -input "$corpus" -output "$work/ft" -dim 100 -ws 5 -neg 5 -t 1e-4 -epoch "$epochs" -minCount 5 \
  -lr 0.025 -minn 0 -maxn 0 -thread "$threads" -verbose 0
ft_time=$(echo "$(date +%s.%N) - $start" | bc)

acc() { out/fw2v eval analogy "$1" "$questions" | sed -n 's/^TOTAL *\([0-9.]* %\).*/\1/p'; }
fw_acc=$(acc "$work/fw2v.txt")
ft_acc=$(acc "$work/ft.vec")
rate() { echo "$tokens * $epochs / $1 / $threads" | bc; }
printf '%-10s %10s %22s %12s\n' tool "wall (s)" "raw words/s/thread" "analogy"
printf '%-10s %10.2f %22s %12s\n' fw2v "$fw_time" "$(rate "$fw_time")" "$fw_acc"
printf '%-10s %10.2f %22s %12s\n' fastText "$ft_time" "$(rate "$ft_time")" "$ft_acc"
printf 'fw2v is %.1fx faster than fastText (%s tokens, %s epoch(s), %s threads)\n' "$(echo "$ft_time / $fw_time" | bc -l)" "$tokens" "$epochs" "$threads"
