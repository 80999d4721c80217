#!/usr/bin/env bash
# What choosing λ costs, as whole processes, release build (issue #16):
#
#   wide      2,400 rows x 100 numeric inputs x 14 related binary tasks
#             (Benchmarks/generate.py wide): one `train` at λ = 1, `train
#             --lambda auto` (raced, since these data are not cheap; target:
#             within 10x one train) and exact (`--race off`); `tune` with one
#             shared λ and `tune --per-task` (target: within 5x shared).
#             (wide-train and wide-tune run each half.)
#   real      emotions (593 x 72 x 6) and water-quality (1,060 x 16 x 14):
#             `train --lambda 1` and `train --lambda auto` (target: a few seconds).
#   default   `train --main T` with no --lambda on the bundled data, the time of
#             the default choice (cross-validation where LambdaTuner.isCheap holds).
#
#   Benchmarks/lambda_wide.sh              # all three, 3 runs each
#   Benchmarks/lambda_wide.sh wide 5       # one part, 5 runs
#   Benchmarks/lambda_wide.sh wide-tune 1 & Benchmarks/lambda_wide.sh real 1   # two parts at once
#   MTLTREE=/path/to/mtltree Benchmarks/lambda_wide.sh   # another binary
#   EXTRA="--folds 5" Benchmarks/lambda_wide.sh wide     # options added to train --lambda auto and tune
#
# Each line shows the runs side by side as wall seconds (user CPU seconds in
# brackets): the machine may be shared, so wall time is the user's wait and CPU
# time the steadier figure. Needs python3 with numpy for the wide data, written
# to bench-data/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
MTLTREE=$(release_bin "${MTLTREE:-}")
mkdir -p bench-data
# This run's scratch files, so that two runs at once (say wide and real) do not mix their timings.
scratch=$(mktemp -d bench-data/lambda_wide.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
runs=${2:-3}
extra=${EXTRA:-}

# Runs a command $runs times, printing "WALL(CPU)" per run side by side; leaves the
# mean wall and CPU seconds in $scratch/mean.txt (the $(...) it runs in is a subshell).
timed() {
  local line="" walls="" cpus="" wall cpu
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U" -o "$scratch/time.txt" "$@" >"$scratch/out.txt" 2>"$scratch/stderr.txt" \
      || { cat "$scratch/stderr.txt" >&2; exit 1; }
    read -r wall cpu < "$scratch/time.txt"
    line+=" ${wall}(${cpu})"
    walls+="$wall,"
    cpus+="$cpu,"
  done
  python3 -c "w, c = [$walls], [$cpus]; print(sum(w) / len(w), sum(c) / len(c))" > "$scratch/mean.txt"
  echo "$line"
}

# The ratio of two means, "WALL x (CPU x)": $1 and $2 are "WALL CPU" pairs.
ratio() { python3 -c "a, b = '$1'.split(), '$2'.split(); print(f'{float(a[0]) / max(float(b[0]), 0.01):.1f}x wall ({float(a[1]) / max(float(b[1]), 0.01):.1f}x CPU)')"; }

tasks() { # the last N attribute names of an ARFF file, comma-separated
  grep -i '^@attribute' "$1" | tail -"$2" | awk '{print $2}' | paste -sd, -
}

wide_data() {
  data=bench-data/wide-2400.csv
  [ -f "$data" ] || python3 Benchmarks/generate.py wide 2400 "$data"
  data_options=(--tasks "$(seq -s, -f 'task%g' 0 13)" --main task0)
}

wide_train() {
  local data data_options one auto exact
  wide_data
  echo "wide 2400 x 100 x 14, seconds per run, wall (CPU):"
  echo "  train --lambda 1:                $(timed "$MTLTREE" train "$data" "${data_options[@]}" --lambda 1 -o bench-data/wide.model.json)"
  one=$(cat "$scratch/mean.txt")
  # shellcheck disable=SC2086
  echo "  train --lambda auto:             $(timed "$MTLTREE" train "$data" "${data_options[@]}" --lambda auto --quiet $extra -o bench-data/wide.model.json)"
  auto=$(cat "$scratch/mean.txt")
  grep -A2 '^λ' "$scratch/out.txt" | sed 's/^/    /'
  # shellcheck disable=SC2086
  echo "  train --lambda auto --race off:  $(timed "$MTLTREE" train "$data" "${data_options[@]}" --lambda auto --race off --quiet $extra -o bench-data/wide.model.json)"
  exact=$(cat "$scratch/mean.txt")
  grep -A2 '^λ' "$scratch/out.txt" | sed 's/^/    /'
  echo "  train --lambda auto / train: $(ratio "$auto" "$one") (target 10x); exact: $(ratio "$exact" "$one")"
}

wide_tune() {
  local data data_options shared per_task
  wide_data
  echo "wide 2400 x 100 x 14, seconds per run, wall (CPU):"
  # shellcheck disable=SC2086
  echo "  tune:                  $(timed "$MTLTREE" tune "$data" "${data_options[@]}" --quiet $extra)"
  shared=$(cat "$scratch/mean.txt")
  # shellcheck disable=SC2086
  echo "  tune --per-task:       $(timed "$MTLTREE" tune "$data" "${data_options[@]}" --per-task --quiet $extra)"
  per_task=$(cat "$scratch/mean.txt")
  echo "  tune --per-task / tune: $(ratio "$per_task" "$shared") (target 5x)"
}

real_one() {
  local name=$1 one auto; shift
  echo "$name, seconds per run, wall (CPU):"
  echo "  train --lambda 1:      $(timed "$MTLTREE" train "$@" --lambda 1 -o bench-data/real.model.json)"
  one=$(cat "$scratch/mean.txt")
  # shellcheck disable=SC2086
  echo "  train --lambda auto:   $(timed "$MTLTREE" train "$@" --lambda auto --quiet $extra -o bench-data/real.model.json)"
  auto=$(cat "$scratch/mean.txt")
  echo "  train --lambda auto / train: $(ratio "$auto" "$one")"
}

real() {
  local emotions water
  emotions=$(tasks Fixtures/data/emotions.arff 6)
  water=$(tasks Fixtures/data/water-quality.arff 14)
  real_one emotions Fixtures/data/emotions.arff --tasks "$emotions" --main "${emotions%%,*}"
  real_one water-quality Fixtures/data/water-quality.arff --tasks "$water" --nominal "$water" --main 25400
}

default_one() {
  local name=$1; shift
  echo "$name: train (default λ): $(timed "$MTLTREE" train "$@" --quiet -o bench-data/default.model.json)"
  grep '^λ' "$scratch/out.txt" | sed 's/^/  /'
}

default() {
  local emotions water thyroid
  emotions=$(tasks Fixtures/data/emotions.arff 6)
  water=$(tasks Fixtures/data/water-quality.arff 14)
  thyroid=$(head -1 Fixtures/data/thyroid0387.csv | tr , '\n' | grep '^t_' | paste -sd, -)
  echo "train --main T with no --lambda, seconds per run, wall (CPU):"
  default_one calendar Fixtures/calendar/meetings.csv --calendar --main location
  default_one bridges Fixtures/data/bridges.arff --tasks T-OR-D,MATERIAL,SPAN,REL-L,TYPE --ignore IDENTIF --main TYPE
  default_one monks Fixtures/data/monks/monks-3tasks.csv --tasks monk1,monk2,monk3 \
    --nominal head_shape,body_shape,is_smiling,holding,jacket_color,has_tie --main monk1
  default_one emotions Fixtures/data/emotions.arff --tasks "$emotions" --main "${emotions%%,*}"
  default_one water-quality Fixtures/data/water-quality.arff --tasks "$water" --nominal "$water" --main 25400
  default_one thyroid0387 Fixtures/data/thyroid0387.csv --ignore record_id --main t_hypothyroid --tasks "$thyroid"
  default_one wide-2400 bench-data/wide-2400.csv --tasks "$(seq -s, -f 'task%g' 0 13)" --main task0
}

case "${1:-all}" in
  wide) wide_train; wide_tune ;;
  wide-train) wide_train ;;
  wide-tune) wide_tune ;;
  real) real ;;
  default) default ;;
  all) wide_train; wide_tune; real; default ;;
  *) echo "usage: Benchmarks/lambda_wide.sh [wide|wide-train|wide-tune|real|default|all] [RUNS]" >&2; exit 64 ;;
esac
