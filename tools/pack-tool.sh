#!/usr/bin/env bash
# Packs fw2v as a .NET tool (framework-dependent: it runs wherever .NET 9 or later runs, on any CPU; the
# JIT picks AVX-512, AVX2 or NEON at start) into DIR (default: feed/):
#   tools/pack-tool.sh [DIR]
#   dotnet tool install fw2v --tool-path ~/.fw2v --add-source DIR     (or -g for a global tool)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-feed}
dotnet pack src/fw2v -c Release -nologo -v q -o "$dir" \
  -p:PackAsTool=true -p:ToolCommandName=fw2v -p:PublishAot=false
ls "$dir"/fw2v.*.nupkg
