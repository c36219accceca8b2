#!/usr/bin/env bash
# Builds out/native/libfastw2v.so (the C ABI of include/fastw2v.h) with NativeAOT, for any x86-64-v3 CPU.
#   tools/publish-native-lib.sh [OUTPUT_FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-out/native}
dotnet publish src/FastW2V.Native -c Release -r linux-x64 -o "$out" -nologo -v q
echo "$out/libfastw2v.so: $(du -h "$out/libfastw2v.so" | cut -f1)"
