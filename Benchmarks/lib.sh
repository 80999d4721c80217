# Shared by the benchmark scripts: source it after `cd` to the checkout's root.
#   . Benchmarks/lib.sh

# release_bin [BIN]: prints BIN when one is given; else builds this checkout's
# release mtltree and prints its path.
release_bin() {
  if [ -n "${1:-}" ]; then
    echo "$1"
    return
  fi
  swift build -c release --product mtltree >/dev/null || return 1
  echo "$(swift build -c release --show-bin-path)/mtltree"
}

# generated_train ROWS: prints the path of the speed benchmark's generated data
# (ROWS rows, 20 numeric inputs, 4 binary tasks), writing it first if missing.
generated_train() {
  local data=bench-data/train-$1.csv
  mkdir -p bench-data
  [ -f "$data" ] || python3 Benchmarks/generate.py train "$1" "$data" >&2
  echo "$data"
}

# bundled_tasks: sets the task lists of the bundled data sets that several
# scripts train on: thyroid_tasks (thyroid0387's t_* columns), water (the 14
# water-quality taxa), emotions (the 6 labels), monks_nominal (MONK's inputs,
# nominal, for --nominal).
bundled_tasks() {
  last() { grep -i '^@attribute' "$1" | tail -"$2" | awk '{print $2}' | paste -sd, -; }
  thyroid_tasks=$(head -1 Fixtures/data/thyroid0387.csv | tr , '\n' | grep '^t_' | paste -sd, -)
  water=$(last Fixtures/data/water-quality.arff 14)
  emotions=$(last Fixtures/data/emotions.arff 6)
  monks_nominal=head_shape,body_shape,is_smiling,holding,jacket_color,has_tie
}
