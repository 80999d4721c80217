"""How much of a λ grid's work the trees can share, measured on their nodes.

    python3 Benchmarks/lambda_sharing.py MTLTREE DATA [role options]
    e.g. python3 Benchmarks/lambda_sharing.py .build/release/mtltree \\
             Fixtures/data/emotions.arff --tasks amazed-suprised,happy-pleased,... --main amazed-suprised

Trains one unpruned tree per λ of the default grid (0, 0.125, …, 4) on the
whole file with `mtltree train`, routes the training rows through each, and
counts the work of the split search as the rows of every node searched
(nodes of 4 rows or more: smaller ones are not split at min-leaf 2). It
prints, relative to the λ = 1 tree alone:

- `7 trees`: the seven trees grown one at a time;
- `path-shared`: grown in lockstep, as `mtltree tune` grows them, a node being
  searched once for all the λ whose trees reach it by the same splits;
- `row-set-shared`: the bound of any sharing by node content, a node being
  searched once for all the trees that hold exactly its rows, whatever the path;
- `main-pure stop`: lockstep, with nodes whose labelled main-task rows are all
  of one class not searched
  (as `tune` grows its trees when it prunes them), relative to the λ = 1
  tree grown with the same stop, and (in brackets) to the λ = 1 tree in full.

Tune's cost for the grid over one λ cannot fall below the shared figure (its
fixed costs, loading and sorting, are shared too, which is why measured
ratios come out somewhat below it). Rows with a missing tested value are sent
down every branch here, an approximation of C4.5's fractional rows that
only matters for data with missing values. Columns are read from the file
as they are (not through `--calendar`). Standard library only.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

GRID = [0, 0.125, 0.25, 0.5, 1, 2, 4]


def read_rows(path):
    """The header names and the rows as lists of strings (CSV or ARFF)."""
    if path.endswith(".arff"):
        names, rows, data = [], [], False
        for line in open(path, encoding="utf-8"):
            s = line.strip()
            if not s or s.startswith("%"):
                continue
            if data:
                rows.append([c.strip().strip("'\"") for c in s.split(",")])
            elif s.lower().startswith("@attribute"):
                m = re.match(r"@attribute\s+('[^']*'|\"[^\"]*\"|\S+)", s, re.I)
                names.append(m.group(1).strip("'\""))
            elif s.lower().startswith("@data"):
                data = True
        return names, rows
    import csv
    with open(path, newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    return table[0], table[1:]


def node_row_sets(tree, column, rows):
    """Each node's path (the splits that reach it) and its rows."""
    nodes, found = tree["nodes"], []

    def walk(i, members, path):
        node = nodes[i]
        found.append((path, members, node))
        test = node.get("test")
        if test is None:
            return
        a, (first, count) = column[test["attribute"]], node["children"]
        branches = [[] for _ in range(count)]
        for r in members:
            v = rows[r][a]
            if v in ("?", ""):
                for b in branches:
                    b.append(r)
            elif "threshold" in test:
                branches[0 if float(v) <= test["threshold"] else 1].append(r)
            elif v in test["branches"]:
                branches[test["branches"].index(v)].append(r)
        for k, b in enumerate(branches):
            walk(first + k, b, path + ((test["attribute"], test.get("threshold"), k),))

    walk(0, list(range(len(rows))), ())
    return found


def main():
    binary, data, roles = sys.argv[1], sys.argv[2], sys.argv[3:]
    names, rows = read_rows(data)
    column = {n: i for i, n in enumerate(names)}
    trees = []
    with tempfile.TemporaryDirectory() as tmp:
        for lam in GRID:
            out = os.path.join(tmp, f"model-{lam}.json")
            subprocess.run([binary, "train", data, *roles, "--no-prune", "--lambda", str(lam), "-o", out],
                           check=True, capture_output=True)
            trees.append(json.load(open(out))["trees"][0])
    schema = trees[0]["schema"]
    main_index = [t["name"] for t in schema["tasks"]].index(schema["main_task"])
    seven = path_shared = row_set_shared = pure_stop = 0
    one = one_pure = 0
    seen_paths, seen_sets, seen_impure = set(), set(), set()
    for lam, tree in zip(GRID, trees):
        pure_paths = set()
        for path, members, node in node_row_sets(tree, column, rows):
            if len(members) < 4:
                continue
            work = len(members)
            seven += work
            if lam == 1:
                one += work
            if path not in seen_paths:
                seen_paths.add(path)
                path_shared += work
            key = frozenset(members)
            if key not in seen_sets:
                seen_sets.add(key)
                row_set_shared += work
            # Below a node whose main task is pure, nothing is searched.
            if any(path[:k] in pure_paths for k in range(len(path) + 1)):
                continue
            if sum(1 for c in node["counts"][main_index] if c > 0) == 1:
                pure_paths.add(path)
                continue
            if lam == 1:
                one_pure += work
            if path not in seen_impure:
                seen_impure.add(path)
                pure_stop += work
    print(f"{os.path.basename(data)}: work relative to the λ = 1 tree ({one} row-visits)")
    for label, value in [("7 trees", seven), ("path-shared", path_shared), ("row-set-shared", row_set_shared)]:
        print(f"  {label:15s} {value / one:5.2f}x")
    print(f"  {'main-pure stop':15s} {pure_stop / one_pure:5.2f}x  ({pure_stop / one:.2f}x)")


if __name__ == "__main__":
    main()
