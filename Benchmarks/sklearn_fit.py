"""scikit-learn baseline for mtltree's training benchmark: load + fit, one process.

    python3 Benchmarks/sklearn_fit.py DATA.csv
"""
import sys
import pandas as pd
from sklearn.tree import DecisionTreeClassifier

frame = pd.read_csv(sys.argv[1])
tasks = [c for c in frame.columns if c.startswith("task")]
X = frame.drop(columns=tasks).to_numpy()
Y = frame[tasks].to_numpy()
tree = DecisionTreeClassifier(criterion="entropy", min_samples_leaf=2, random_state=0).fit(X, Y)
print(f"sklearn: {tree.tree_.node_count} nodes, depth {tree.get_depth()}", file=sys.stderr)
