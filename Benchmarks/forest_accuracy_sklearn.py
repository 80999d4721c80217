"""scikit-learn's side of the forest accuracy table (issue #15): 10-fold
stratified cross-validation (seed 1) of RandomForestClassifier(100) on the
main task alone and of its multi-output forest on all tasks, main-task accuracy.

    python3 Benchmarks/forest_accuracy_sklearn.py DATA.arff|DATA.csv MAIN TASK,TASK,... [IGNORE,...]

Nominal inputs are ordinal-coded; missing inputs become -1; rows without a main-task label are dropped, a missing
extra-task label becomes its own class for the multi-output forest.
"""
import sys
import numpy as np
import pandas as pd
from scipy.io import arff
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold

path, main, tasks = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
ignore = sys.argv[4].split(",") if len(sys.argv) > 4 else []
if path.endswith(".arff"):
    frame = pd.DataFrame(arff.loadarff(path)[0])
    for c in frame.columns:
        if frame[c].dtype == object:
            frame[c] = frame[c].str.decode("utf-8").replace("?", np.nan)
else:
    frame = pd.read_csv(path, na_values=["", "?"], keep_default_na=False)
frame = frame.drop(columns=[c for c in ignore if c in frame.columns])
frame = frame[frame[main].notna()].reset_index(drop=True)
inputs = [c for c in frame.columns if c not in tasks]
X = np.column_stack([
    frame[c].astype(float) if pd.api.types.is_numeric_dtype(frame[c]) and c not in tasks
    else frame[c].astype("category").cat.codes.replace(-1, np.nan).astype(float)
    for c in inputs])
X = np.nan_to_num(X, nan=-1.0)  # this scikit-learn's forest refused NaN here: missing as -1
Y = np.column_stack([frame[t].astype(str) for t in tasks])
y = frame[main].astype(str).to_numpy()
stl, multi = [], []
for train, test in StratifiedKFold(10, shuffle=True, random_state=1).split(X, y):
    f = RandomForestClassifier(100, random_state=0, n_jobs=1).fit(X[train], y[train])
    stl.append(np.mean(f.predict(X[test]) == y[test]))
    order = [main] + [t for t in tasks if t != main]
    Ym = np.column_stack([frame[t].fillna("?").astype(str).to_numpy() for t in order]).astype(object)
    g = RandomForestClassifier(100, random_state=0, n_jobs=1).fit(X[train], Ym[train])
    multi.append(np.mean(g.predict(X[test])[:, 0] == y[test]))
print(f"{path} main {main}: sklearn RF main task alone {np.mean(stl):.4f}, sklearn multi-output RF {np.mean(multi):.4f}")
