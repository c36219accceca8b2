#!/usr/bin/env bash
# Trains on the benchmark corpus with the given fw2v flags and prints the analogy accuracy by
# word2vec.c's compute-accuracy protocol (30,000 most frequent words), with the training time.
#   usage: tools/accuracy.sh "-cbow 1 -size 200 -window 8 -negative 25 -sample 1e-4 -iter 5" [label]
# Needs out/fw2v (./tools/demo.sh or tools/publish.sh) and data/enwiki.txt (./tools/demo.sh).
# KEEP=FILE keeps the trained vectors (binary) there.
set -euo pipefail
cd "$(dirname "$0")/.."
flags=$1
label=${2:-$1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
start=$(date +%s.%N)
# shellcheck disable=SC2086
out/fw2v -train data/enwiki.txt -output "$work/v.bin" -binary 1 -threads "$(nproc)" -debug 0 $flags
seconds=$(echo "$(date +%s.%N) - $start" | bc)
accuracy=$(out/fw2v eval analogy "$work/v.bin" ../shared/data/eval/questions-words.txt --restrict 30000 --json \
  | python3 -c 'import json, sys; print("%.2f" % (100 * json.load(sys.stdin)["total"]["accuracy"]))')
printf '%s\t%s%%\t%.1f s\n' "$label" "$accuracy" "$seconds"
if [ -n "${KEEP:-}" ]; then mv "$work/v.bin" "$KEEP"; fi
