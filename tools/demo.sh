#!/usr/bin/env bash
# Build the NativeAOT binary (out/fw2v: starts on any x86-64-v3 CPU, runs AVX-512 code where the CPU
# has it), train skip-gram vectors on the default corpus and print a few nearest neighbours.
#   corpus: ../shared/data/enwiki2015-text8like.gz when present, else text8 from its usual address.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p data out
echo "== Building out/fw2v (NativeAOT, portable: x86-64-v3 with an x86-64-v4 image)"
./tools/publish.sh
corpus=data/enwiki.txt
if [ ! -s "$corpus" ]; then
  if [ -f ../shared/data/enwiki2015-text8like.gz ]; then
    echo "== Decompressing ../shared/data/enwiki2015-text8like.gz to $corpus"
    gunzip -c ../shared/data/enwiki2015-text8like.gz > "$corpus.tmp" && mv "$corpus.tmp" "$corpus"
  else
    corpus=data/text8
    if [ ! -s "$corpus" ]; then
      echo "== Downloading text8 (as word2vec.c's demo does)"
      wget -q -O data/text8.zip http://mattmahoney.net/dc/text8.zip
      unzip -o -q data/text8.zip -d data
    fi
  fi
fi
echo "== Training skip-gram vectors on $corpus"
out/fw2v -train "$corpus" -output data/vectors.bin -binary 1 -cbow 0 -size 100 -window 5 -negative 5 -hs 0 \
  -sample 1e-4 -iter 5 -threads "$(nproc)" -min-count 5
echo "== Nearest neighbours"
printf 'france\nking\ncomputer\nparis\n' | out/fw2v nn data/vectors.bin -k 8   # one query per line
