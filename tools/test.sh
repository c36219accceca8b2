#!/usr/bin/env bash
# The one test command: build everything, run the NUnit suite, and end with
# "N passed, N failed, N skipped" (summed over the test assemblies).
set -uo pipefail
cd "$(dirname "$0")/.."
if ! dotnet build FastW2V.sln -c Release -nologo -v q; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi
log=$(mktemp)
dotnet test FastW2V.sln -c Release --no-build 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
read -r p f s < <(awk '/^(Passed|Failed)! +- +Failed:/ { gsub(",", "");
  for (i = 1; i <= NF; i++) { if ($i=="Failed:") f+=$(i+1); if ($i=="Passed:") p+=$(i+1); if ($i=="Skipped:") s+=$(i+1) } }
  END { print p+0, f+0, s+0 }' "$log")
rm -f "$log"
[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
echo "$p passed, $f failed, $s skipped"
exit "$rc"
