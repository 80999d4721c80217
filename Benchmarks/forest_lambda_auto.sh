#!/usr/bin/env bash
# `train --lambda auto --forest N` (one forest per λ of the grid, grown in
# lockstep on the same samples) against the same forest at one λ: wall and
# CPU seconds (user + system) of whole processes, and the ratio. Issue #15's
# target: at most 3× the one-λ forest.
#
#   Benchmarks/forest_lambda_auto.sh [MTLTREE_BIN] [TREES] [ROWS]
#
# Data: emotions (593 rows, 72 inputs, 6 tasks) and the speed benchmark's
# generated data (ROWS rows, default 20000; 20 numeric inputs, 4 binary tasks).
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
bin=$(release_bin "${1:-}")
trees=${2:-100}
rows=${3:-20000}
data=Fixtures/data
mkdir -p bench-data
generated=$(generated_train "$rows")
timed() { # prints "WALL CPU"
  /usr/bin/time -f "%e %U %S" -o bench-data/lambda-auto-time.txt "$@" >/dev/null 2>&1
  awk '{printf "%s %.2f\n", $1, $2 + $3}' bench-data/lambda-auto-time.txt
}
compare() { # NAME ARGS...
  local name=$1
  shift
  read -r w1 c1 < <(timed "$bin" train "$@" --forest "$trees" --lambda 1 -o /dev/null)
  read -r wa ca < <(timed "$bin" train "$@" --forest "$trees" --lambda auto -o /dev/null)
  printf '%-10s one λ %8.2f s wall %8.2f s CPU | λ auto (7 λ) %8.2f s wall %8.2f s CPU | ratio %.2f wall, %.2f CPU\n' \
    "$name" "$w1" "$c1" "$wa" "$ca" "$(echo "$wa / $w1" | bc -l)" "$(echo "$ca / $c1" | bc -l)"
}
compare emotions "$data/emotions.arff" --main amazed-suprised \
  --tasks amazed-suprised,happy-pleased,relaxing-calm,quiet-still,sad-lonely,angry-aggresive
compare "gen-$rows" "$generated" --tasks task0,task1,task2,task3 --main task0 --criterion gain
