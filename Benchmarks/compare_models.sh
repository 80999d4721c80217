#!/usr/bin/env bash
# Trains the same models with two mtltree binaries and compares the model
# files byte for byte: a change meant to keep nominal models as they were
# (such as moving the split criterion behind one seam) must pass it.
#
#   Benchmarks/compare_models.sh BASELINE_BIN [NEW_BIN]
#
# NEW_BIN defaults to this checkout's release build. Every bundled dataset is
# trained with the default options, with --criterion gain, with --no-prune and
# with --main all, all at λ = 1 (train's fixed default before it chose λ by
# cross-validation on small data). Prints one line per model and exits 1 if any differs.
set -uo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
baseline=${1:?usage: Benchmarks/compare_models.sh BASELINE_BIN [NEW_BIN]}
new=$(release_bin "${2:-}") || exit 1
out=$(mktemp -d "${TMPDIR:-/tmp}/compare_models.XXXXXX")
trap 'rm -rf "$out"' EXIT

bundled_tasks

# name|main task|data and options (without --main)
cases=(
  "calendar|location|Fixtures/calendar/meetings.csv --calendar"
  "bridges|TYPE|Fixtures/data/bridges.arff --tasks T-OR-D,MATERIAL,SPAN,REL-L,TYPE --ignore IDENTIF"
  "thyroid0387|t_hypothyroid|Fixtures/data/thyroid0387.csv --ignore record_id --tasks $thyroid_tasks"
  "water-quality|${water%%,*}|Fixtures/data/water-quality.arff --tasks $water --nominal $water"
  "emotions|${emotions%%,*}|Fixtures/data/emotions.arff --tasks $emotions"
  "monks-3tasks|monk1|Fixtures/data/monks/monks-3tasks.csv --tasks monk1,monk2,monk3 --nominal $monks_nominal"
  "monks-1|class|Fixtures/data/monks/monks-1.train.arff --tasks class"
  "monks-2|class|Fixtures/data/monks/monks-2.train.arff --tasks class"
  "monks-3|class|Fixtures/data/monks/monks-3.train.arff --tasks class"
)
variants=("default|" "gain|--criterion gain" "no-prune|--no-prune" "main-all|")

failed=0
for c in "${cases[@]}"; do
  IFS='|' read -r name main data <<<"$c"
  for v in "${variants[@]}"; do
    IFS='|' read -r variant options <<<"$v"
    if [ "$variant" = main-all ]; then m=all; else m=$main; fi
    for side in baseline new; do
      bin=$baseline; [ $side = new ] && bin=$new
      # shellcheck disable=SC2086
      "$bin" train $data --main "$m" --lambda 1 $options -o "$out/$name-$variant-$side.json" >/dev/null 2>"$out/$side.err" ||
        { echo "FAIL  $name $variant: $side exited with $?: $(head -1 "$out/$side.err")"; failed=1; continue 2; }
    done
    if cmp -s "$out/$name-$variant-baseline.json" "$out/$name-$variant-new.json"; then
      echo "same  $name $variant ($(stat -c %s "$out/$name-$variant-new.json") bytes)"
    else
      echo "DIFF  $name $variant: $(cmp "$out/$name-$variant-baseline.json" "$out/$name-$variant-new.json" | head -1)"
      failed=1
    fi
  done
done
[ $failed = 0 ] && echo "all models identical" || echo "some models differ"
exit $failed
