#!/usr/bin/env bash
# Trains the same forests with two mtltree binaries and compares the model
# files byte for byte, then predicts the training data with each binary from
# its own model (classes and probabilities, Laplace and raw) and compares the
# outputs: a change meant to speed forests up without changing them (the
# out-of-bag pass, prediction, the writer) must pass it.
#
#   Benchmarks/forest_compare.sh BASELINE_BIN [NEW_BIN] [TREES]
#
# NEW_BIN defaults to this checkout's release build, TREES to 20. Cases: every
# bundled dataset (nominal and numeric inputs, missing values, many classes),
# numeric tasks (water-quality without --nominal), λ 0 and 1, --lambda auto,
# --leaf-probabilities frequency, --max-features all. The out-of-bag figures
# are in the model's header, so `cmp` checks them too. A prediction with
# --probabilities raw is compared only when both binaries accept it (older
# ones refuse it for forests). Prints one line per case; exits 1 if any differs.
set -uo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
baseline=${1:?usage: Benchmarks/forest_compare.sh BASELINE_BIN [NEW_BIN] [TREES]}
new=$(release_bin "${2:-}") || exit 1
trees=${3:-20}
out=$(mktemp -d "${TMPDIR:-/tmp}/forest_compare.XXXXXX")
trap 'rm -rf "$out"' EXIT

bundled_tasks

# name|data file|training options|prediction options
cases=(
  "calendar|Fixtures/calendar/meetings.csv|--calendar --main location|--calendar"
  "bridges|Fixtures/data/bridges.arff|--tasks T-OR-D,MATERIAL,SPAN,REL-L,TYPE --ignore IDENTIF --main TYPE"
  "bridges-l0|Fixtures/data/bridges.arff|--tasks T-OR-D,MATERIAL,SPAN,REL-L,TYPE --ignore IDENTIF --main TYPE --lambda 0"
  "bridges-auto|Fixtures/data/bridges.arff|--tasks T-OR-D,MATERIAL,SPAN,REL-L,TYPE --ignore IDENTIF --main TYPE --lambda auto"
  "thyroid0387|Fixtures/data/thyroid0387.csv|--ignore record_id --tasks $thyroid_tasks --main t_hypothyroid"
  "water-nominal|Fixtures/data/water-quality.arff|--tasks $water --nominal $water --main ${water%%,*}"
  "water-numeric|Fixtures/data/water-quality.arff|--tasks $water --main ${water%%,*}"
  "water-numeric-auto|Fixtures/data/water-quality.arff|--tasks $water --main ${water%%,*} --lambda auto"
  "emotions|Fixtures/data/emotions.arff|--tasks $emotions --main ${emotions%%,*}"
  "emotions-auto|Fixtures/data/emotions.arff|--tasks $emotions --main ${emotions%%,*} --lambda auto"
  "emotions-frequency|Fixtures/data/emotions.arff|--tasks $emotions --main ${emotions%%,*} --leaf-probabilities frequency"
  "monks-3tasks|Fixtures/data/monks/monks-3tasks.csv|--tasks monk1,monk2,monk3 --nominal $monks_nominal --main monk1"
  "monks-all|Fixtures/data/monks/monks-3tasks.csv|--tasks monk1,monk2,monk3 --nominal $monks_nominal --main monk1 --max-features all"
  "monks-1|Fixtures/data/monks/monks-1.train.arff|--tasks class --main class"
)

failed=0
for c in "${cases[@]}"; do
  IFS='|' read -r name data options predict_options <<<"$c"
  for side in baseline new; do
    bin=$baseline; [ $side = new ] && bin=$new
    # shellcheck disable=SC2086
    "$bin" train "$data" $options --forest "$trees" --seed 7 -o "$out/$name-$side.forest" >"$out/$name-$side.train" 2>"$out/$side.err" ||
      { echo "FAIL  $name: $side train exited with $?: $(head -1 "$out/$side.err")"; failed=1; continue 2; }
    # shellcheck disable=SC2086
    "$bin" predict "$out/$name-$side.forest" "$data" $predict_options --probabilities >"$out/$name-$side.csv" 2>"$out/$side.err" ||
      { echo "FAIL  $name: $side predict exited with $?: $(head -1 "$out/$side.err")"; failed=1; continue 2; }
    # shellcheck disable=SC2086
    "$bin" predict "$out/$name-$side.forest" "$data" $predict_options --probabilities raw >"$out/$name-$side.raw.csv" 2>/dev/null ||
      rm -f "$out/$name-$side.raw.csv"
  done
  verdict=same
  cmp -s "$out/$name-baseline.forest" "$out/$name-new.forest" ||
    verdict="DIFF model: $(cmp "$out/$name-baseline.forest" "$out/$name-new.forest" | head -1)"
  # The report's figures: from its second line on (the first says the data's size and the time taken).
  diff -q <(sed 1d "$out/$name-baseline.train") <(sed 1d "$out/$name-new.train") >/dev/null ||
    verdict="DIFF train report"
  cmp -s "$out/$name-baseline.csv" "$out/$name-new.csv" || verdict="DIFF predictions"
  raw=""
  if [ -f "$out/$name-baseline.raw.csv" ] && [ -f "$out/$name-new.raw.csv" ]; then
    cmp -s "$out/$name-baseline.raw.csv" "$out/$name-new.raw.csv" || verdict="DIFF raw predictions"
    raw=", raw too"
  fi
  if [ "$verdict" = same ]; then
    echo "same  $name ($(stat -c %s "$out/$name-new.forest") bytes, $(($(wc -l <"$out/$name-new.csv") - 1)) predictions$raw)"
  else
    echo "$verdict  ($name)"
    failed=1
  fi
done
[ $failed = 0 ] && echo "all forests and predictions identical" || echo "some forests or predictions differ"
exit $failed
