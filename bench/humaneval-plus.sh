#!/usr/bin/env bash
# HumanEval+ beside evalplus's own evaluator, on the 40 model files of the human-eval reference
# (6,560 samples) and the same cores, alternating: evalbatch's evalplus filter (jobs/humaneval-plus.yaml's
# settings, a fresh embedded database each round, so its time includes measuring the ground truth)
# and, given a checkout of evalplus/evalplus, evalplus's untrusted_check with 2 workers through
# src/test/resources/reference/humaneval-plus/evalplus_ref.py (its ground truth included too).
# Every evalbatch sample is compared with evalplus's status in reference.json (the samples it lists
# as machine-dependent apart), and with that round's evalplus run when there is one.
#
#   bench/humaneval-plus.sh [EVALPLUS_CHECKOUT] [ROUNDS]
# EVALPLUS_CHECKOUT holds evalplus's package (git archive HEAD evalplus | tar x); evalplus needs
# Debian's python3-numpy and python3-psutil. Prints a Markdown section for bench/history/RESULTS.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
evalplus="${1:-}" rounds="${2:-1}"
ref="$root/src/test/resources/reference/humaneval-plus"
samples=("$root"/jobs/examples/humaneval/*.jsonl "$root"/src/test/resources/reference/humaneval/samples/*.jsonl.gz)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export EVALBATCH_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m"
"$root/evalbatch" --version >/dev/null     # builds the jar outside the measurement
{
    echo "name: humaneval-plus-bench"
    echo "input:"
    echo "  format: human-eval"
    echo "  problems: humaneval-plus"
    echo "  files:"
    for f in "${samples[@]}"; do echo "    - \"$f\""; done
    echo "filter: {name: evalplus, python: /usr/bin/python3}"
    echo "execution: {partitions: 8, threads: 2, chunk: 20, cache: false}"
    echo "metrics: {pass-at-k: [1], fields: {base_passed: [mean]}}"
} > "$work/job.yaml"
if [[ -n "$evalplus" ]]; then
    cp "$ref/evalplus_ref.py" "$root/src/main/resources/problems/HumanEvalPlus.jsonl.gz" "$evalplus/"
    plain=()
    for f in "${samples[@]}"; do
        name="$(basename "$f")"; name="${name%.gz}"
        if [[ "$f" == *.gz ]]; then gunzip -c "$f" > "$work/$name"; else cp "$f" "$work/$name"; fi
        plain+=("$work/$name")
    done
fi

evalbatch_round() { # round -> wall seconds; statuses in $work/evalbatch-N.tsv
    export EVALBATCH_HOME="$work/home-$1"
    "$root/evalbatch" runs >/dev/null 2>&1     # creates the database outside the measurement
    local s e
    s=$(date +%s.%N)
    "$root/evalbatch" run "$work/job.yaml" --id "bench-$1" > "$work/run-$1.out" 2> "$work/run-$1.err"
    e=$(date +%s.%N)
    "$root/evalbatch" sql --format csv "select regexp_replace(regexp_replace(s.source_file, '^.*/', ''), '\.jsonl(\.gz)?$', '') || '/' || s.doc_id as key,
        r.fields ->> 'base_status' as base, r.fields ->> 'plus_status' as plus
        from sample s join result r on r.run_id = s.run_id and r.sample_id = s.sample_id where s.run_id = 'bench-$1'" \
        > "$work/evalbatch-$1.csv"
    echo "$e - $s" | bc
}
evalplus_round() { # round -> wall seconds; statuses in $work/evalplus-N.json
    local s e
    s=$(date +%s.%N)
    (cd "$evalplus" && /usr/bin/python3 evalplus_ref.py "$work/evalplus-$1.json" 2 "${plain[@]}" > "$work/evalplus-$1.out")
    e=$(date +%s.%N)
    echo "$e - $s" | bc
}
compare() { # evalbatch.csv [evalplus.json] -> "mismatches/compared"
    python3 - "$ref/reference.json.gz" "$@" <<'PY'
import csv, gzip, json, sys
reference = json.load(gzip.open(sys.argv[1]))
expected = dict(reference["per_sample"])
if len(sys.argv) > 3:
    expected = json.load(open(sys.argv[3]))["per_sample"]
skip = set(reference["machine_dependent"])
got = {row["key"]: [row["base"], row["plus"]] for row in csv.DictReader(open(sys.argv[2]))}
keys = [k for k in expected if k not in skip]
bad = [k for k in keys if got.get(k) != expected[k]]
for k in bad[:10]:
    print("  mismatch", k, got.get(k), expected[k], file=sys.stderr)
print(f"{len(bad)}/{len(keys)}")
PY
}

echo "### HumanEval+ beside evalplus's evaluator — $(date +%F)"
echo
echo "Machine: $(nproc) cores, $(/usr/bin/python3 --version), $(java -version 2>&1 | head -1)."
echo "Input: the 40 model files of the human-eval reference, 6,560 samples, 2 threads / 2 workers."
echo "Command: \`bench/humaneval-plus.sh ${1:+EVALPLUS_CHECKOUT} $rounds\`."
echo
echo "| round | evalbatch | mismatches with reference.json | evalplus | evalbatch vs this evalplus run | evalplus / evalbatch |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
for ((i = 1; i <= rounds; i++)); do
    a=$(evalbatch_round "$i")
    m=$(compare "$work/evalbatch-$i.csv")
    if [[ -n "$evalplus" ]]; then
        b=$(evalplus_round "$i")
        mb=$(compare "$work/evalbatch-$i.csv" "$work/evalplus-$i.json")
        printf '| %d | %.0f s | %s | %.0f s | %s | %.2f |\n' "$i" "$a" "$m" "$b" "$mb" "$(echo "$b / $a" | bc -l)"
    else
        printf '| %d | %.0f s | %s | | | |\n' "$i" "$a" "$m"
    fi
done
