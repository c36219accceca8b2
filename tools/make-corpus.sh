#!/usr/bin/env bash
# Large benchmark corpora in data/ (never committed), streamed in bounded memory.
#   tools/make-corpus.sh 1b     data/enwiki-1b.txt: >= 1,000,000,000 words from the two real Wikipedia
#                               files in ../shared/data (58 M words) cut into 1,000-word lines, shuffled
#                               with a seed, a new order each round, repeated (about 6 GB)
#   tools/make-corpus.sh zipf   data/zipf-10m.txt: 250 M words drawn from a Zipf law over 16 M words
#                               (over 10 M distinct appear: a stress test of the vocabulary, about 1.7 GB)
# The repeated corpus measures speed and memory at scale, not embedding quality: it is 58 M words of
# text seen about 17 times.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p data
maker() { dotnet run -c Release --project tools/CorpusMaker -- "$@"; }
case "${1:-}" in
  1b)   maker repeat data/enwiki-1b.txt "${TOKENS:-1000000000}" "${SEED:-1}" \
          ../shared/data/enwiki2015-text8like.gz ../shared/data/enwiki2015-text8like-part2.gz ;;
  zipf) maker zipf data/zipf-10m.txt "${TOKENS:-250000000}" "${SEED:-1}" "${WORDS:-16000000}" ;;
  *) echo "usage: tools/make-corpus.sh 1b|zipf   (TOKENS=, SEED=, WORDS= override the sizes)" >&2; exit 2 ;;
esac
