#!/usr/bin/env bash
# mtltree's speed and memory benchmarks, as whole processes, release build.
#
#   Benchmarks/run.sh            # training at 200k and 1M rows, loading at 1M rows, tuning
#   Benchmarks/run.sh train 200000
#   Benchmarks/run.sh load 1000000
#   Benchmarks/run.sh regression 200000   # 4 numeric tasks, against DecisionTreeRegressor
#   Benchmarks/run.sh forest 200000 100   # a 100-tree forest, against RandomForestClassifier(n_jobs=2)
#   Benchmarks/run.sh wide 2417           # 100 numeric inputs x 14 binary tasks: gain ratio vs gain
#   Benchmarks/run.sh tune       # the 7-value λ grid against one λ, on the bundled data
#
# Needs python3 with numpy to generate the data; with scikit-learn and pandas
# installed it also times them and prints the ratios. Data goes to bench-data/
# (git-ignored). Peak memory is GNU time's maximum resident set size.
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
bin=$(release_bin)
mkdir -p bench-data

seconds() { # run a command, print "SECONDS PEAK_KB"
  /usr/bin/time -f "%e %M" -o bench-data/time.txt "$@" >/dev/null 2>bench-data/stderr.txt || { cat bench-data/stderr.txt >&2; exit 1; }
  cat bench-data/time.txt
}

cpu() { # run a command, print "WALL_SECONDS CPU_SECONDS PEAK_KB" (CPU = user + system: steadier on a shared machine)
  /usr/bin/time -f "%e %U %S %M" -o bench-data/time.txt "$@" >/dev/null 2>bench-data/stderr.txt || { cat bench-data/stderr.txt >&2; exit 1; }
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' bench-data/time.txt
}

train() {
  local rows=$1 data=bench-data/train-$1.csv
  generated_train "$rows" >/dev/null
  read -r t m < <(seconds "$bin" train "$data" --tasks task0,task1,task2,task3 --criterion gain --min-leaf 2 -o bench-data/model-$rows.json)
  local encoded=$(( rows * (20 * 8 + 4 * 4) ))  # 20 doubles + 4 task codes per row
  echo "train $rows rows: mtltree ${t} s, peak $((m / 1024)) MiB (encoded dataset $((encoded / 1048576)) MiB, ratio $(python3 -c "print(f'{$m*1024/$encoded:.2f}')")x)"
  if python3 -c "import sklearn, pandas" 2>/dev/null; then
    read -r s sm < <(seconds python3 Benchmarks/sklearn_fit.py "$data")
    echo "train $rows rows: scikit-learn ${s} s, peak $((sm / 1024)) MiB; mtltree is $(python3 -c "print(f'{$s/$t:.1f}')")x faster"
  fi
}

regression() {
  local rows=$1 data=bench-data/regression-$1.csv
  [ -f "$data" ] || python3 Benchmarks/generate.py regression "$rows" "$data"
  read -r t c m < <(cpu "$bin" train "$data" --tasks task0,task1,task2,task3 --criterion gain --min-leaf 2 --no-prune -o bench-data/regression-model-$rows.json)
  local encoded=$(( rows * (20 * 8 + 4 * 8) ))  # 20 input doubles + 4 task doubles per row
  echo "regression $rows rows: mtltree ${t} s wall, ${c} s CPU, peak $((m / 1024)) MiB (encoded dataset $((encoded / 1048576)) MiB, ratio $(python3 -c "print(f'{$m*1024/$encoded:.2f}')")x)"
  read -r lt lc _ < <(cpu "$bin" describe "$data" --tasks task0,task1,task2,task3)
  echo "regression $rows rows: mtltree load alone (describe) ${lt} s wall, ${lc} s CPU"
  if python3 -c "import sklearn, pandas" 2>/dev/null; then
    read -r s sc sm < <(cpu python3 Benchmarks/sklearn_regress.py "$data")
    echo "regression $rows rows: scikit-learn ${s} s wall, ${sc} s CPU, peak $((sm / 1024)) MiB;" \
      "mtltree is $(python3 -c "print(f'{$s/$t:.1f}x (wall), {$sc/$c:.1f}x (CPU)')") faster"
  fi
}

# A forest of TREES trees (default 100) on the 200,000-row training data,
# whole processes: mtltree train --forest (load, fit, out-of-bag pass, model
# written) against scikit-learn's load + fit (Benchmarks/sklearn_forest.py … fit).
# Both use two threads; wall and CPU times are printed, and their ratios.
forest() {
  local rows=$1 trees=$2 data=bench-data/train-$1.csv
  generated_train "$rows" >/dev/null
  read -r t c m < <(cpu "$bin" train "$data" --tasks task0,task1,task2,task3 --criterion gain --forest "$trees" -o bench-data/forest-$rows.json)
  echo "forest $rows rows, $trees trees: mtltree ${t} s wall, ${c} s CPU, peak $((m / 1024)) MiB"
  if python3 -c "import sklearn, pandas" 2>/dev/null; then
    read -r s sc sm < <(cpu python3 Benchmarks/sklearn_forest.py "$data" "$trees" fit)
    echo "forest $rows rows, $trees trees: scikit-learn ${s} s wall, ${sc} s CPU, peak $((sm / 1024)) MiB;" \
      "mtltree is $(python3 -c "print(f'{$s/$t:.1f}x (wall), {$sc/$c:.1f}x (CPU)')") faster"
  fi
}

# Wide multi-label data (generate.py wide: 100 numeric inputs, 14 related
# binary tasks), one multi-target tree: the default (gain ratio, pruned)
# against --criterion gain --no-prune, in CPU seconds.
wide() {
  local rows=$1 data=bench-data/wide-$1.csv
  [ -f "$data" ] || python3 Benchmarks/generate.py wide "$rows" "$data"
  local tasks
  tasks=$(seq -s, -f "task%g" 0 13)
  read -r t1 c1 _ < <(cpu "$bin" train "$data" --tasks "$tasks" --lambda 1 -o bench-data/wide-model.json)
  read -r t2 c2 _ < <(cpu "$bin" train "$data" --tasks "$tasks" --lambda 1 --no-prune -o bench-data/wide-model.json)
  read -r t3 c3 _ < <(cpu "$bin" train "$data" --tasks "$tasks" --lambda 1 --criterion gain --no-prune -o bench-data/wide-model.json)
  echo "wide $rows rows x 100 inputs x 14 tasks: gain ratio pruned ${c1} s CPU (${t1} s wall), unpruned ${c2} s, gain unpruned ${c3} s"
}

load() {
  local rows=$1 data=bench-data/load-$1.csv
  [ -f "$data" ] || python3 Benchmarks/generate.py load "$rows" "$data"
  read -r t m < <(seconds "$bin" describe "$data" --tasks task0,task1,task2,task3)
  echo "load $rows rows ($(( $(stat -c %s "$data") / 1048576 )) MiB): mtltree describe ${t} s, peak $((m / 1024)) MiB"
  if python3 -c "import pandas" 2>/dev/null; then
    read -r p pm < <(seconds python3 Benchmarks/pandas_load.py "$data")
    echo "load $rows rows: pandas.read_csv ${p} s, peak $((pm / 1024)) MiB; mtltree is $(python3 -c "print(f'{$p/$t:.1f}')")x faster"
  fi
}

# `tune` with the default 7-value grid against `tune --grid 1` (one
# cross-validated training at λ = 1: the same folds, pruning and scoring).
tune() {
  local name=$1; shift
  read -r one _ < <(seconds "$bin" tune "$@" --grid 1 --quiet)
  read -r grid _ < <(seconds "$bin" tune "$@" --quiet)
  echo "tune $name: 7-value grid ${grid} s, one λ ${one} s, ratio $(python3 -c "print(f'{$grid/max($one,0.01):.1f}')")x"
}

tasks() { # the last N attribute names of an ARFF file, comma-separated
  grep -i '^@attribute' "$1" | tail -"$2" | awk '{print $2}' | paste -sd, -
}

tune_all() {
  # The small sets repeat the cross-validation (bridges, 107 rows, 50 times), so the times are not mostly start-up.
  tune calendar Fixtures/calendar/meetings.csv --calendar --main location --repeats 10
  tune bridges Fixtures/data/bridges.arff --tasks T-OR-D,MATERIAL,SPAN,REL-L,TYPE --ignore IDENTIF --main TYPE --repeats 50
  tune monks Fixtures/data/monks/monks-3tasks.csv --tasks monk1,monk2,monk3 \
    --nominal head_shape,body_shape,is_smiling,holding,jacket_color,has_tie --main monk1 --repeats 10
  tune thyroid0387 Fixtures/data/thyroid0387.csv --ignore record_id --main t_hypothyroid \
    --tasks "$(head -1 Fixtures/data/thyroid0387.csv | tr , '\n' | grep '^t_' | paste -sd, -)"
  local emotions=$(tasks Fixtures/data/emotions.arff 6)
  tune emotions Fixtures/data/emotions.arff --tasks "$emotions" --main "${emotions%%,*}"
  local water=$(tasks Fixtures/data/water-quality.arff 14)
  tune water-quality Fixtures/data/water-quality.arff --tasks "$water" --nominal "$water" --main 25400
}

case "${1:-all}" in
  train) train "${2:-200000}" ;;
  load) load "${2:-1000000}" ;;
  regression) regression "${2:-200000}" ;;
  forest) forest "${2:-200000}" "${3:-100}" ;;
  wide) wide "${2:-2417}" ;;
  tune) tune_all ;;
  all) train 200000; train 1000000; load 1000000; tune_all ;;
esac
