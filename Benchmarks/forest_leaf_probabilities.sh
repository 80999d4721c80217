#!/usr/bin/env bash
# What a forest should average: Laplace-corrected or raw leaf frequencies.
# For bridges, MONK's (three tasks) and emotions, grows MTL forests (λ = 1,
# 100 trees) with several seeds and prints each task's out-of-bag accuracy
# with either estimate. Both estimates average the same trees (the seed fixes
# them), so the comparison is paired.
#
#   Benchmarks/forest_leaf_probabilities.sh [MTLTREE_BIN] [SEEDS]
#
# MTLTREE_BIN defaults to this checkout's release build; SEEDS to "1 2 3".
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
bin=$(release_bin "${1:-}")
seeds=${2:-1 2 3}
data=Fixtures/data
[ -d "$data" ] || data=../shared/data
emotions="amazed-suprised,happy-pleased,relaxing-calm,quiet-still,sad-lonely,angry-aggresive"
run() { # NAME ARGS...: one line per seed and estimate: the out-of-bag accuracy of every task
  local name=$1
  shift
  for seed in $seeds; do
    for leaves in laplace frequency; do
      line=$("$bin" train "$@" --forest 100 --seed "$seed" --leaf-probabilities "$leaves" -o /dev/null 2>/dev/null |
        awk '/out-of-bag accuracy/ {on = 1; next} on && NF >= 3 && $3 ~ /^[0-9.]+$/ {printf " %s=%s", $1, $3}')
      echo "$name seed $seed $leaves:$line"
    done
  done
}
run bridges "$data/bridges.arff" --tasks TYPE,T-OR-D,MATERIAL,SPAN,REL-L --main TYPE --ignore IDENTIF
run monks "$data/monks/monks-3tasks.csv" --tasks monk1,monk2,monk3 --main monk1 \
  --nominal head_shape,body_shape,is_smiling,holding,jacket_color,has_tie
run emotions "$data/emotions.arff" --tasks "$emotions" --main amazed-suprised
