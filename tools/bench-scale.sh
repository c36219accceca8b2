#!/usr/bin/env bash
# Scale benchmark: the same skip-gram job (d100 w5 n5 sample 1e-4, 1 epoch, 2 threads) on the
# 100 MB corpus and on the 1B-word corpus, then the vocabulary of the 10M-distinct-word Zipf corpus with
# 1 and 2 threads. Reports wall time, words/s/thread, counting rate, peak anonymous and file-backed
# memory (sampled from /proc every 0.2 s) and the token-id cache's peak disk use.
#   tools/bench-scale.sh            (run tools/make-corpus.sh 1b and zipf first; builds out/fw2v if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x out/fw2v ] || tools/publish.sh
work=$(mktemp -d "${TMPDIR:-/tmp}/fw2v-bench-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT
threads=${THREADS:-2}

# Runs a command, sampling its peak RssAnon / RssFile (MB) and the cache folder's size; prints them.
measure() {
  local name=$1; shift
  "$@" > "$work/$name.log" 2>&1 &
  local pid=$! anon=0 file=0 disk=0
  while kill -0 "$pid" 2>/dev/null; do
    if read -r a f < <(awk '/^RssAnon:/{a=$2} /^RssFile:/{f=$2} END{print a+0, f+0}' "/proc/$pid/status" 2>/dev/null); then
      (( a > anon )) && anon=$a; (( f > file )) && file=$f
    fi
    local d; d=$(du -sk "$work/cache" 2>/dev/null | cut -f1 || echo 0); (( ${d:-0} > disk )) && disk=$d
    sleep 0.2
  done
  wait "$pid" || { cat "$work/$name.log"; exit 1; }
  grep -E "Vocabulary|Counting|Training:|Whole run|Corpus:|pruned|More than" "$work/$name.log" || true
  echo "$name: peak anonymous memory $((anon / 1024)) MB, peak file-backed $((file / 1024)) MB, peak id cache on disk $((disk / 1024)) MB"
}

job=(-cbow 0 -size 100 -window 5 -negative 5 -sample 1e-4 -iter 1 -threads "$threads" -min-count 5 --cache "$work/cache")
echo "== $(lscpu | sed -n 's/^Model name: *//p'), $threads threads"
[ -f data/enwiki.txt ] || gzip -dc ../shared/data/enwiki2015-text8like.gz > data/enwiki.txt
# The VM's speed drifts from minute to minute: the 100 MB reference runs before and after the billion.
measure enwiki-100mb-before out/fw2v train -train data/enwiki.txt -output "$work/v100.bin" -binary 1 "${job[@]}"
measure enwiki-1b out/fw2v train -train data/enwiki-1b.txt -output "$work/v1b.bin" -binary 1 "${job[@]}"
measure enwiki-100mb-after out/fw2v train -train data/enwiki.txt -output "$work/v100.bin" -binary 1 "${job[@]}"
for t in 1 2; do
  measure "zipf-vocab-$t" out/fw2v vocab -train data/zipf-10m.txt -threads "$t" -min-count 1 -save-vocab "$work/zipf-$t.vocab"
done
cmp "$work/zipf-1.vocab" "$work/zipf-2.vocab" && echo "zipf: the vocabulary is identical with 1 and 2 threads ($(wc -l < "$work/zipf-1.vocab") words)"
