#!/usr/bin/env bash
# Benchmark goalsheet against the I/O floor and a pandas peer, on one generated plan, in one run.
#
#   bench/run.sh                 # 100,000 goals, best of 1 run per command
#   GOALS=20000 REPEAT=3 bench/run.sh
#
# Builds release binaries, writes the plan with `examples/big_plan.rs` (xlsx and CSV, same
# rows) into target/bench/, then times each command — wall seconds and CPU seconds (user +
# system), best of REPEAT — and its peak RSS (from /usr/bin/time when present, else from the
# kernel's rusage via python3), and prints a table with the ratios review/floor and
# pandas/review. On a shared machine wall time swings with the other load; CPU time does not. The pandas peer
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
declare -a LABELS SECS CPUS RSS
measure() {
    local label="$1"
    shift
    local best="" best_cpu="" best_rss="" i secs user sys rss cpu
    for ((i = 0; i < REPEAT; i++)); do
        if [[ -x /usr/bin/time ]]; then
            # "Command exited with non-zero status" (check's exit 1) comes first when it is said.
            /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt" || true
            read -r secs user sys rss < <(tail -n 1 "$OUT/time.txt") || true
        else
            read -r secs user sys rss < <(python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
took = time.perf_counter() - start
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{took:.2f} {r.ru_utime:.2f} {r.ru_stime:.2f} {r.ru_maxrss}")
PY
)
        fi
        cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}')"
        if [[ -z "$best" ]] || awk "BEGIN{exit !($secs < $best)}"; then
            best="$secs"
            best_rss="$rss"
        fi
        if [[ -z "$best_cpu" ]] || awk "BEGIN{exit !($cpu < $best_cpu)}"; then
            best_cpu="$cpu"
        fi
    done
    LABELS+=("$label")
    SECS+=("$best")
    CPUS+=("$best_cpu")
    RSS+=("$best_rss")
    printf '  %-44s %8.2f s wall %8.2f s cpu %6d MB\n' "$label" "$best" "$best_cpu" "$((best_rss / 1024))" >&2
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
echo "| command | wall s | CPU s | peak RSS (MB) |"
echo "|---|---:|---:|---:|"
for i in "${!LABELS[@]}"; do
    printf '| %s | %.2f | %.2f | %d |\n' "${LABELS[$i]}" "${SECS[$i]}" "${CPUS[$i]}" "$((RSS[$i] / 1024))"
done
# of LABEL-PREFIX ARRAY: the named array's value for the first label with that prefix.
of() {
    local i
    local -n values="$2"
    for i in "${!LABELS[@]}"; do
        [[ "${LABELS[$i]}" == "$1"* ]] && echo "${values[$i]}" && return
    done
    echo ""
}
echo
# The targets are on wall time (what a user waits); CPU time, which counts every core the
# review keeps busy, is shown beside them for reference.
for kind in SECS CPUS; do
    name="wall"
    floor_target="(target <= 1.3x)"
    pandas_target="(target >= 8x)"
    if [[ "$kind" == CPUS ]]; then
        name="CPU"
        floor_target="(for reference: every core counted)"
        pandas_target="(for reference)"
    fi
    floor="$(of floor "$kind")"
    review="$(of "review xlsx" "$kind")"
    pandas="$(of pandas "$kind")"
    awk -v r="$review" -v f="$floor" -v n="$name" -v t="$floor_target" \
        'BEGIN{printf "%-4s review / floor:  %.2fx %s\n", n, r / f, t}'
    if [[ -n "$pandas" ]]; then
        awk -v r="$review" -v p="$pandas" -v n="$name" -v t="$pandas_target" \
            'BEGIN{printf "%-4s pandas / review: %.2fx %s\n", n, p / r, t}'
    fi
done
