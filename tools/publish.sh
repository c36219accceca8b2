#!/usr/bin/env bash
# Builds out/fw2v with NativeAOT.
#   tools/publish.sh            one portable binary: starts on any x86-64-v3 CPU (AVX2 + FMA, 2013 on)
#                               and runs its embedded x86-64-v4 image where the CPU has AVX-512
#   tools/publish.sh native     for this machine's CPU only (may not start on another)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-portable}
publish() { dotnet publish src/fw2v -c Release -r linux-x64 -nologo -v q "$@"; }
case "$mode" in
  native)
    publish -o out -p:IlcInstructionSet=native ;;
  portable)
    # The AVX-512 image first, in its own intermediate folder (a different instruction set is a
    # different native compilation), then the x86-64-v3 binary that carries it.
    image=out/.x86-64-v4
    publish -o "$image" -p:IlcInstructionSet=x86-x64-v4 -p:IntermediateOutputPath=obj/x86-64-v4/
    publish -o out -p:IlcInstructionSet=x86-x64-v3 -p:Avx512Image="$PWD/$image/fw2v"
    rm -rf "$image" ;;
  *) echo "usage: tools/publish.sh [portable|native]" >&2; exit 2 ;;
esac
echo "out/fw2v ($mode): $(du -h out/fw2v | cut -f1)"
