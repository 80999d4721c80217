#!/usr/bin/env bash
# The forest's model file on the 200,000-row benchmark: train a forest (load +
# fit + out-of-bag + write), then read it back two ways, each a whole process
# timed with /usr/bin/time (wall seconds, CPU seconds = user + system, peak KB):
#   print   — read the model and print its summary (reading dominates);
#   predict — read the model and predict every training row to a CSV file;
# and the model file's size. On a loaded machine the wall time mostly measures
# the wait for a core; compare CPU seconds.
#
#   Benchmarks/forest_model.sh [MTLTREE_BIN] [TREES] [ROWS]
#
# MTLTREE_BIN defaults to this checkout's release build, TREES to 100, ROWS to
# 200000. With MODEL=PATH in the environment, training is skipped and PATH is
# read (a model an older mtltree wrote, say). Run it niced on a shared machine:
#   nice -n 10 Benchmarks/forest_model.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
bin=$(release_bin "${1:-}")
trees=${2:-100}
rows=${3:-200000}
data=$(generated_train "$rows")
tag=forest-model-$trees-$rows-$$
step() { # NAME COMMAND...: runs the command, prints its wall and CPU time and peak memory
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S %M" -o "bench-data/$tag-time.txt" "$@" >"bench-data/$tag-$name.out" 2>&1
  read -r seconds user system peak <"bench-data/$tag-time.txt"
  printf '%-8s %9.2f s wall %9.2f s CPU  peak %8d KB\n' "$name" "$seconds" "$(echo "$user + $system" | bc -l)" "$peak"
}
if [ -z "${MODEL:-}" ]; then
  model=bench-data/forest-$trees-$rows.model
  step train "$bin" train "$data" --tasks task0,task1,task2,task3 --criterion gain --forest "$trees" -o "$model"
  grep -E "^trained|^forest:" "bench-data/$tag-train.out"
else
  model=$MODEL
fi
printf 'model    %9.1f MiB (%d bytes)\n' "$(echo "$(stat -c %s "$model") / 1048576" | bc -l)" "$(stat -c %s "$model")"
step print "$bin" print "$model"
step predict "$bin" predict "$model" "$data" -o "bench-data/$tag-predictions.csv"
rm -f "bench-data/$tag-predictions.csv"
