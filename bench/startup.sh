#!/usr/bin/env bash
# Start-up time of a short command ('evalbatch runs') on the embedded database, alternating: the
# command starting the server itself (no other evalbatch process on the home), and the server
# already up (kept by 'evalbatch db'). Prints a Markdown section for bench/history/RESULTS.md.
#   bench/startup.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
export EVALBATCH_HOME=$(mktemp -d)
trap 'pkill -TERM -f "evalbatch-exec.jar db --port 55997" 2>/dev/null || true; sleep 3; rm -rf "$EVALBATCH_HOME"' EXIT
./evalbatch runs >/dev/null 2>&1   # creates the database once
seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
echo "### Start-up of 'evalbatch runs' on the embedded database — $(date +%F)"
echo
echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1). Command: \`bench/startup.sh $rounds\`."
echo
echo "| round | the command starts the server | the server is up already | ratio |"
echo "| ---: | ---: | ---: | ---: |"
for ((i = 1; i <= rounds; i++)); do
    cold=$(seconds ./evalbatch runs)
    ./evalbatch db --port 55997 >/dev/null 2>&1 &
    until ./evalbatch sql "select 1" >/dev/null 2>&1; do sleep 0.5; done
    warm=$(seconds ./evalbatch runs)
    pkill -TERM -f "evalbatch-exec.jar db --port 55997"
    wait
    printf '| %d | %.2f s | %.2f s | %.2f |\n' "$i" "$cold" "$warm" "$(echo "$warm / $cold" | bc -l)"
done
