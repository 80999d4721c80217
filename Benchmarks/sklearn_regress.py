"""scikit-learn baseline for mtltree's regression benchmark: load + fit, one process.

    python3 Benchmarks/sklearn_regress.py DATA.csv

One multi-output DecisionTreeRegressor (squared error, min_samples_leaf=2) on
the four numeric tasks, as `mtltree train --criterion gain --min-leaf 2
--no-prune` grows one tree on them.
"""
import sys
import pandas as pd
from sklearn.tree import DecisionTreeRegressor

frame = pd.read_csv(sys.argv[1])
tasks = [c for c in frame.columns if c.startswith("task")]
X = frame.drop(columns=tasks).to_numpy()
Y = frame[tasks].to_numpy()
tree = DecisionTreeRegressor(min_samples_leaf=2, random_state=0).fit(X, Y)
print(f"sklearn: {tree.tree_.node_count} nodes, depth {tree.get_depth()}", file=sys.stderr)
