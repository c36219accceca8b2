#!/usr/bin/env bash
# MPI benchmark: one process with N threads against N ranks × 1 thread (mpirun over this
# machine's shared memory) on the same corpus and options, runs alternated (this VM's speed drifts),
# each with its analogy accuracy, training words/s and what the averaging moved.
#   tools/bench-mpi.sh [TEXT] [ROUNDS] [VARIANT...]
# TEXT defaults to data/enwiki.txt (the 100 MB corpus, see tools/demo.sh); ROUNDS 2; RANKS=2.
# Each VARIANT is the --sync-every and --sync-schedule of one MPI run, e.g. 1M:banded (the default
# list: 500k:banded (the default) 1M:banded 1M:full 250k:banded 4M:banded). OPTIONS overrides the training options.
set -euo pipefail
cd "$(dirname "$0")/.."
text=${1:-data/enwiki.txt}
rounds=${2:-2}
shift $(( $# > 2 ? 2 : $# ))
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(500k:banded 1M:banded 1M:full 250k:banded 4M:banded)
ranks=${RANKS:-2}
options=${OPTIONS:--cbow 0 -size 100 -iter 5 -window 5 -negative 5 -sample 1e-4 -min-count 5}
questions=../shared/data/eval/questions-words.txt
[ -x out/fw2v ] || tools/publish.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/fw2v-bench-mpi.XXXXXX")
trap 'rm -rf "$work"' EXIT
row() { # label log
  local acc wps avg
  acc=$(grep -o 'analogy [0-9.]* %' "$2" | awk '{print $2}')
  wps=$(grep -o 'in [0-9.]* s: [0-9,]* words/s' "$2" | awk '{gsub(",", "", $4); print $4}')
  avg=$(grep -o '[0-9,]* rounds, [0-9.,]* MB merged per rank, [0-9.]* s' "$2" | awk '{gsub(",", "", $1); gsub(",", "", $3); print $1, $3, $8}' || true)
  printf '%-6s %-28s %8s %12s  %s\n' "$round" "$1" "$acc" "$wps" "${avg:--}"
}
printf '%-6s %-28s %8s %12s  %s\n' round run "analogy%" "words/s" "rounds, MB per rank, s averaging"
for ((round = 1; round <= rounds; round++)); do
  # shellcheck disable=SC2086
  out/fw2v train -train "$text" $options -threads "$ranks" -output "$work/one.bin" -debug 1 --eval-analogy "$questions" 2> "$work/log" > "$work/out"
  cat "$work/out" >> "$work/log"; row "1 process × $ranks threads" "$work/log"
  for v in "${variants[@]}"; do
    # shellcheck disable=SC2086
    mpirun --allow-run-as-root --oversubscribe -np "$ranks" out/fw2v train --mpi -train "$text" $options -threads 1 \
      -output "$work/mpi.bin" -debug 1 --eval-analogy "$questions" --sync-every "${v%%:*}" --sync-schedule "${v##*:}" 2> "$work/log" > "$work/out"
    cat "$work/out" >> "$work/log"; row "$ranks ranks × 1, ${v%%:*} ${v##*:}" "$work/log"
  done
done
