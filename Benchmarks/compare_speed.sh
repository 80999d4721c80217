#!/usr/bin/env bash
# Times `train` on the 200,000-row benchmark data with two mtltree binaries,
# alternating runs (the machine's load drifts; alternation spreads it over
# both), and prints each run and both medians.
#
#   Benchmarks/compare_speed.sh BASELINE_BIN [NEW_BIN] [ROWS] [RUNS]
#
# NEW_BIN defaults to this checkout's release build; ROWS to 200000; RUNS to 5.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
baseline=${1:?usage: Benchmarks/compare_speed.sh BASELINE_BIN [NEW_BIN] [ROWS] [RUNS]}
new=$(release_bin "${2:-}")
rows=${3:-200000}
runs=${4:-5}
data=$(generated_train "$rows")
time_one() { # prints "WALL_SECONDS CPU_SECONDS PEAK_KB"
  /usr/bin/time -f "%e %U %S %M" -o bench-data/speed-time.txt "$1" train "$data" --tasks task0,task1,task2,task3 \
    --criterion gain --min-leaf 2 -o bench-data/speed-model.json >/dev/null 2>&1
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' bench-data/speed-time.txt
}
b=(); n=(); bc=(); nc=()
for i in $(seq "$runs"); do
  read -r tb cb mb < <(time_one "$baseline")
  read -r tn cn mn < <(time_one "$new")
  echo "run $i: baseline ${tb} s (cpu ${cb} s, ${mb} KB), new ${tn} s (cpu ${cn} s, ${mn} KB)"
  b+=("$tb"); n+=("$tn"); bc+=("$cb"); nc+=("$cn")
done
python3 - "${b[*]}" "${n[*]}" "${bc[*]}" "${nc[*]}" <<'PY'
import statistics, sys
b, n, bc, nc = ([float(x) for x in a.split()] for a in sys.argv[1:5])
for label, x, y in (("wall", b, n), ("cpu", bc, nc)):
    mx, my = statistics.median(x), statistics.median(y)
    print(f"median {label}: baseline {mx:.2f} s, new {my:.2f} s, new/baseline {my / mx:.3f}")
PY
