"""Synthetic multitask data for mtltree's benchmarks (numpy only).

    python3 Benchmarks/generate.py train ROWS OUT.csv   # 20 numeric inputs, 4 binary tasks
    python3 Benchmarks/generate.py load ROWS OUT.csv    # 20 numeric, 4 nominal inputs, 4 tasks
    python3 Benchmarks/generate.py regression ROWS OUT.csv  # 20 numeric inputs, 4 numeric tasks
    python3 Benchmarks/generate.py wide ROWS OUT.csv    # 100 numeric inputs, 14 binary tasks

The four tasks share structure: each thresholds a noisy linear mix of a few
inputs, two of which every task uses, with 10% label noise, so the trees grow
deep (as trees on real noisy data do) and the tasks are related. "wide" has the
shape of the yeast multi-label set (2,417 rows x 103 inputs x 14 tasks): the
same kind of tasks, fourteen of them, each with three inputs of its own, over
100 inputs of which 58 are noise.
"""
import sys
import numpy as np

def main():
    kind, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = np.random.default_rng(12345)
    inputs, task_count = (100, 14) if kind == "wide" else (20, 4)
    x = rng.normal(size=(rows, inputs)).round(4)
    shared = x[:, 0] - 0.7 * x[:, 1]
    tasks = []
    for t in range(task_count):
        own = x[:, 2 + 3 * t] + 0.5 * x[:, 3 + 3 * t] * x[:, 4 + 3 * t]
        if kind == "regression":
            # The same shared structure, as numbers (4 decimals) with noise.
            tasks.append((shared + own + 0.3 * rng.normal(size=rows)).round(4))
            continue
        y = (shared + own + 0.3 * rng.normal(size=rows) > 0).astype(np.int8)
        flip = rng.random(rows) < 0.10
        tasks.append(np.where(flip, 1 - y, y))
    columns = [f"x{i}" for i in range(inputs)]
    cells = [x[:, i].astype(str) for i in range(inputs)]
    if kind == "load":
        words = np.array(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"])
        for j in range(4):
            columns.append(f"n{j}")
            cells.append(words[rng.integers(0, 8, size=rows)])
    columns += [f"task{t}" for t in range(task_count)]
    if kind == "regression":
        cells += [tasks[t].astype(str) for t in range(task_count)]
    else:
        cells += [np.where(tasks[t] == 1, "yes", "no") for t in range(task_count)]
    with open(out, "w") as f:
        f.write(",".join(columns) + "\n")
        chunk = 100_000
        for start in range(0, rows, chunk):
            block = np.stack([c[start:start + chunk] for c in cells], axis=1)
            f.write("\n".join(",".join(r) for r in block) + "\n")

if __name__ == "__main__":
    main()
