#!/usr/bin/env bash
# Benchmark goalsheet against the I/O floor and a pandas peer, on one generated plan, in one run.
#
#   bench/run.sh                 # 100,000 goals, best of 1 run per command
#   GOALS=20000 REPEAT=3 bench/run.sh
#
# Builds release binaries, writes the plan with `examples/big_plan.rs` (xlsx and CSV, same
# rows) into target/bench/, then times each command (wall seconds, best of REPEAT) and its peak
# RSS (from /usr/bin/time -v when present, else from the kernel's rusage via python3), and
# prints a table with the ratios review/floor and pandas/review. The pandas peer
# (bench/pandas_peer.py) runs only when python3 imports pandas, python_calamine and xlsxwriter.
set -euo pipefail

GOALS="${GOALS:-100000}"
REPEAT="${REPEAT:-1}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/target/bench"
mkdir -p "$OUT"
cd "$ROOT"

cargo build --release --quiet --bin goalsheet --example big_plan --example io_floor
BIN="$ROOT/target/release"
"$BIN/examples/big_plan" --goals "$GOALS" --out "$OUT" >/dev/null
XLSX="$OUT/big_plan.xlsx"
CSV="$OUT/big_plan.csv"

# measure LABEL CMD... : runs CMD REPEAT times (stdout discarded; exit 1 = findings is fine),
# records the best wall time and the peak RSS of that run.
declare -a LABELS SECS RSS
measure() {
    local label="$1"
    shift
    local best="" best_rss="" i secs rss
    for ((i = 0; i < REPEAT; i++)); do
        if [[ -x /usr/bin/time ]]; then
            /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt" || true
            read -r secs rss <"$OUT/time.txt" || true
            secs="${secs##* }"
        else
            read -r secs rss < <(python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
took = time.perf_counter() - start
print(f"{took:.2f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}")
PY
)
        fi
        if [[ -z "$best" ]] || awk "BEGIN{exit !($secs < $best)}"; then
            best="$secs"
            best_rss="$rss"
        fi
    done
    LABELS+=("$label")
    SECS+=("$best")
    RSS+=("$best_rss")
    printf '  %-34s %8.2f s %8d MB\n' "$label" "$best" "$((best_rss / 1024))" >&2
}

echo "goalsheet bench: $GOALS goals, best of $REPEAT, $(nproc) cores" >&2
measure "floor (calamine + xlsxwriter)" "$BIN/examples/io_floor" "$XLSX" "$OUT/floor.xlsx"
measure "review xlsx" "$BIN/goalsheet" review "$XLSX" -o "$OUT/review.xlsx" --force
measure "check --format json (xlsx)" "$BIN/goalsheet" check --format json "$XLSX"
measure "check text (xlsx)" "$BIN/goalsheet" check "$XLSX"
measure "check --format json (csv)" "$BIN/goalsheet" check --format json "$CSV"
measure "check text (csv)" "$BIN/goalsheet" check "$CSV"
measure "rollup xlsx" "$BIN/goalsheet" rollup "$XLSX"
measure "rollup csv" "$BIN/goalsheet" rollup "$CSV"
if python3 -c "import pandas, python_calamine, xlsxwriter" 2>/dev/null; then
    measure "pandas peer (calamine, groupby, XlsxWriter)" python3 "$ROOT/bench/pandas_peer.py" "$XLSX" "$OUT/pandas.xlsx"
else
    echo "  (pandas peer skipped: pip install pandas python-calamine xlsxwriter)" >&2
fi

echo
echo "| command | seconds | peak RSS (MB) |"
echo "|---|---:|---:|"
for i in "${!LABELS[@]}"; do
    printf '| %s | %.2f | %d |\n' "${LABELS[$i]}" "${SECS[$i]}" "$((RSS[$i] / 1024))"
done
secs_of() {
    local i
    for i in "${!LABELS[@]}"; do
        [[ "${LABELS[$i]}" == "$1"* ]] && echo "${SECS[$i]}" && return
    done
    echo ""
}
floor="$(secs_of floor)"
review="$(secs_of "review xlsx")"
pandas="$(secs_of pandas)"
echo
awk -v r="$review" -v f="$floor" 'BEGIN{printf "review / floor:  %.2fx (target <= 1.3x)\n", r / f}'
if [[ -n "$pandas" ]]; then
    awk -v r="$review" -v p="$pandas" 'BEGIN{printf "pandas / review: %.2fx (target >= 8x)\n", p / r}'
fi
