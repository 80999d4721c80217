"""Independent reference for mtltree's split scores, written from DESIGN.md.

Used once to compute the expected values pasted into the Swift tests
(GainTests, RootSplitTests); not run by the test suite. Plain Python, no numpy.

Gain_t(s) = F_s * K_t * (H - sum_c (W_c/W) H_c) over rows with known split
attribute and known label t; F_s = known-attribute weight / node weight,
K_t = known-label-t weight / node weight. score = sum_t lambda_t Gain_t.
"""
import math, sys, csv

def entropy(weights):
    total = sum(weights)
    if total <= 0:
        return 0.0
    return -sum(w / total * math.log2(w / total) for w in weights if w > 0)

def split_gain(rows, branch_of, value_of, weight_of, impurity):
    """The impurity drop of a split, F * K * (I - sum_c (W_c/W) I_c), over the
    rows with a known split attribute and a known task value.

    rows: list of row ids; branch_of(r) -> branch key or None (missing);
    value_of(r) -> the task's value (a class, or a number) or None;
    impurity(pairs) of (weight, value) pairs: entropy of the classes for a
    nominal task, variance for a numeric one (reference_numeric_gains.py)."""
    W = sum(weight_of(r) for r in rows)
    known_attr = [r for r in rows if branch_of(r) is not None]
    F = sum(weight_of(r) for r in known_attr) / W
    K = sum(weight_of(r) for r in rows if value_of(r) is not None) / W
    both = [r for r in known_attr if value_of(r) is not None]
    Wb = sum(weight_of(r) for r in both)
    if Wb <= 0:
        return 0.0
    pairs = lambda rs: [(weight_of(r), value_of(r)) for r in rs]
    H = impurity(pairs(both))
    branches = {}
    for r in both:
        branches.setdefault(branch_of(r), []).append(r)
    rem = sum(sum(weight_of(r) for r in rs) / Wb * impurity(pairs(rs)) for rs in branches.values())
    return F * K * (H - rem)

def class_entropy(pairs):
    """Entropy of the classes of (weight, class) pairs."""
    d = {}
    for w, c in pairs:
        d[c] = d.get(c, 0) + w
    return entropy(list(d.values()))

def task_gain(rows, branch_of, label_of, weight_of):
    """A nominal task's gain; label_of(r) -> class or None."""
    return split_gain(rows, branch_of, label_of, weight_of, class_entropy)

def split_info(rows, branch_of, weight_of):
    d = {}
    for r in rows:
        b = branch_of(r)
        d[b] = d.get(b, 0) + weight_of(r)
    return entropy(list(d.values()))

def best_numeric(rows, values, tasks, lambdas, weight_of, min_leaf, gain=None):
    """All thresholds between adjacent distinct known values, admissible if both
    sides hold >= min_leaf; returns (score, threshold, per-task gains).
    tasks: one label list per task, scored with task_gain, or anything
    gain(rows, branch_of, task, weight_of) scores."""
    if gain is None:
        gain = lambda rows, b, L, weight_of: task_gain(rows, b, lambda r: L[r], weight_of)
    known = sorted(set(values[r] for r in rows if values[r] is not None))
    best = None
    for lo, hi in zip(known, known[1:]):
        theta = lo + (hi - lo) / 2
        left = sum(weight_of(r) for r in rows if values[r] is not None and values[r] <= theta)
        right = sum(weight_of(r) for r in rows if values[r] is not None and values[r] > theta)
        if left < min_leaf or right < min_leaf:
            continue
        b = lambda r: None if values[r] is None else (values[r] <= theta)
        gains = [gain(rows, b, t, weight_of) for t in tasks]
        score = sum(l * g for l, g in zip(lambdas, gains))
        if best is None or score > best[0]:
            best = (score, theta, gains)
    return best

if __name__ == "__main__":
    # Play-tennis (Quinlan 1986) with a second task, see GainTests.swift.
    outlook = "sunny sunny overcast rainy rainy rainy overcast sunny sunny rainy sunny overcast overcast rainy".split()
    temp = "hot hot hot mild cool cool cool mild cool mild mild mild hot mild".split()
    humidity = [85, 90, 86, 96, 80, 70, 65, 95, 70, 80, 70, 90, 75, 91]
    windy = "false true false false false true true false false false true true false true".split()
    play = "no no yes yes yes no yes no yes yes yes yes yes no".split()
    # A second task: whether the game was indoors, half-related to outlook.
    indoor = "yes yes no no no yes no yes no no yes no no yes".split()
    rows = list(range(14))
    w = lambda r: 1.0
    for name, col in [("outlook", outlook), ("temperature", temp), ("windy", windy)]:
        for tname, task in [("play", play), ("indoor", indoor)]:
            g = task_gain(rows, lambda r: col[r], lambda r: task[r], w)
            print(f"gain {name} {tname} = {g:.15f}")
        print(f"splitinfo {name} = {split_info(rows, lambda r: col[r], w):.15f}")
    for tname, task, lam in [("play", [play], [1]), ("play+indoor", [play, indoor], [1, 1]), ("play+0.5 indoor", [play, indoor], [1, 0.5])]:
        print("numeric humidity", tname, best_numeric(rows, humidity, task, lam, w, 2))
    # Missing values: outlook of rows 0 and 5 unknown, play label of rows 2 and 9 unknown.
    outlook_m = list(outlook); outlook_m[0] = None; outlook_m[5] = None
    play_m = list(play); play_m[2] = None; play_m[9] = None
    g = task_gain(rows, lambda r: outlook_m[r], lambda r: play_m[r], w)
    print(f"missing: gain outlook play = {g:.15f}")
    g = task_gain(rows, lambda r: outlook_m[r], lambda r: indoor[r], w)
    print(f"missing: gain outlook indoor = {g:.15f}")
    print(f"missing: splitinfo outlook = {split_info(rows, lambda r: outlook_m[r], w):.15f}")
