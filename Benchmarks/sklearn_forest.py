"""scikit-learn baseline for mtltree's forest benchmark: load + fit of
RandomForestClassifier(n_estimators=100, criterion="entropy", n_jobs=2) on
all tasks at once (multi-output), one process; then, timed inside the
process, the prediction of the training rows.

    python3 Benchmarks/sklearn_forest.py DATA.csv [TREES] [fit]

Prints "predict SECONDS" and the forest's size to stderr. With "fit", stops
after fitting (the process is then load + fit only, as the speed target has it).
"""
import sys
import time
import pandas as pd
from sklearn.ensemble import RandomForestClassifier

frame = pd.read_csv(sys.argv[1])
trees = int(sys.argv[2]) if len(sys.argv) > 2 else 100
tasks = [c for c in frame.columns if c.startswith("task")]
X = frame.drop(columns=tasks).to_numpy()
Y = frame[tasks].to_numpy()
forest = RandomForestClassifier(n_estimators=trees, criterion="entropy", n_jobs=2, random_state=0).fit(X, Y)
nodes = sum(t.tree_.node_count for t in forest.estimators_)
if len(sys.argv) > 3 and sys.argv[3] == "fit":
    print(f"sklearn forest: {trees} trees, {nodes} nodes", file=sys.stderr)
    sys.exit(0)
started = time.perf_counter()
forest.predict_proba(X)
print(f"sklearn forest: {trees} trees, {nodes} nodes; predict {time.perf_counter() - started:.2f} s", file=sys.stderr)
