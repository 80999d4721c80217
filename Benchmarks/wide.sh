#!/usr/bin/env bash
# The two paths issue #18 found quadratic, timed at growing sizes (release build):
#
#   predict  60 rows with C columns (C = 12,500, 25,000, 50,000): a model trained on
#            them, then `predict`; linear means the time doubles with C.
#   load     a model of 20,000 nodes (a chain of 10,000 numeric tests) over A
#            attributes (A = 1, 12,500, 50,000), read by `print --max-depth 0`;
#            linear means the time barely moves with A.
#
#   Benchmarks/wide.sh                # both, all sizes, with the built binary
#   Benchmarks/wide.sh predict 50000  # one size
#   MTLTREE=/path/to/mtltree Benchmarks/wide.sh   # another binary (e.g. an older build)
#
# Needs python3 (no packages) to write the files, into bench-data/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
MTLTREE=$(release_bin "${MTLTREE:-}")
mkdir -p bench-data

seconds() { # run a command, print its user CPU seconds (steadier than wall time on a shared machine)
  /usr/bin/time -f "%U" -o bench-data/time.txt "$@" >/dev/null 2>bench-data/stderr.txt || { cat bench-data/stderr.txt >&2; exit 1; }
  cat bench-data/time.txt
}

predict() {
  local columns=$1 data=bench-data/wide-$1.csv
  [ -f "$data" ] || python3 - "$columns" "$data" <<'PY'
import random, sys
columns, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(columns)
with open(path, "w") as f:
    f.write(",".join(f"x{i}" for i in range(columns)) + ",label\n")
    for r in range(60):
        xs = [rng.randrange(100) for _ in range(columns)]
        f.write(",".join(map(str, xs)) + "," + ("yes" if xs[0] + xs[1] > 100 else "no") + "\n")
PY
  local t
  t=$(seconds "$MTLTREE" train "$data" --tasks label -o bench-data/wide-$columns.json)
  echo "train   60 rows x $columns columns: ${t} s CPU"
  t=$(seconds "$MTLTREE" predict bench-data/wide-$columns.json "$data")
  echo "predict 60 rows x $columns columns: ${t} s CPU"
}

load() {
  local attributes=$1 model=bench-data/chain-$1.json
  [ -f "$model" ] || python3 - "$attributes" "$model" <<'PY'
import json, sys
attributes, path = int(sys.argv[1]), sys.argv[2]
internal = 10_000
nodes = []
for level in range(internal):
    weight = internal - level + 1
    # Tests spread over the attributes, the last ones included.
    name = f"a{(attributes - 1 - level) % attributes}"
    nodes.append({"weight": weight, "counts": [[1, weight - 1]], "test": {"attribute": name, "threshold": level},
                  "children": [len(nodes) + 1, 2], "score": 0.1, "gains": [0.1]})
    nodes.append({"weight": 1, "counts": [[1, 0]]})
nodes.append({"weight": 1, "counts": [[0, 1]]})
tree = {"training_data": {"name": "chain", "rows": internal + 1},
        "schema": {"attributes": [{"name": f"a{i}", "type": "numeric"} for i in range(attributes)],
                   "tasks": [{"name": "label", "classes": ["yes", "no"]}], "main_task": None},
        "configuration": {"criterion": "gain", "min_leaf": 1, "max_depth": None, "lambda_shared": 1,
                          "lambda_per_task": {}, "pruning": None},
        "lambda": {"label": 1}, "nodes": nodes}
with open(path, "w") as f:
    json.dump({"format": "mtltree-model", "version": 1, "mtltree": "0.1.0", "trees": [tree]}, f)
PY
  local t
  t=$(seconds "$MTLTREE" print "$model" --max-depth 0)
  echo "load    20001 nodes, $attributes attributes: ${t} s CPU"
}

case "${1:-all}" in
  predict) predict "${2:-50000}" ;;
  load) load "${2:-50000}" ;;
  all)
    for c in 12500 25000 50000; do predict $c; done
    for a in 1 12500 50000; do load $a; done
    ;;
  *) echo "usage: $0 [predict COLUMNS | load ATTRIBUTES]" >&2; exit 64 ;;
esac
