"""Independent reference for numeric and mixed tasks' gains, written from
DESIGN.md's "Numeric tasks" section; expected values for NumericTaskTests.

Used once to compute the expected values pasted into the Swift tests; not run
by the test suite. Plain Python, no numpy.

A numeric task's gain at split s, over the node's rows whose split attribute
and task value are known:
    Gain_t(s) = F_s * K_t * (V - sum_c (W_c/W) V_c) / V_root
with weighted population variances, V_root the task's variance over all
training rows whose value is known; 0 if V_root = 0. A nominal task's gain is
the entropy form (reference_gains.py). score = sum_t lambda_t Gain_t.
"""
from reference_gains import best_numeric as best_threshold, split_gain, task_gain as nominal_gain

def variance(pairs):
    """pairs: (weight, value)."""
    w = sum(p[0] for p in pairs)
    if w <= 0:
        return 0.0
    mean = sum(p[0] * p[1] for p in pairs) / w
    return sum(p[0] * (p[1] - mean) ** 2 for p in pairs) / w

def numeric_gain(rows, branch_of, value_of, weight_of, root_variance):
    if root_variance <= 0:
        return 0.0
    return split_gain(rows, branch_of, value_of, weight_of, variance) / root_variance

def gain(rows, branch_of, task, weight_of):
    kind, labels = task
    if kind == "numeric":
        root = variance([(weight_of(r), labels[r]) for r in rows if labels[r] is not None])
        return numeric_gain(rows, branch_of, lambda r: labels[r], weight_of, root)
    return nominal_gain(rows, branch_of, lambda r: labels[r], weight_of)

def best_numeric(rows, values, tasks, lambdas, weight_of, min_leaf):
    """tasks: (kind, values) pairs, each scored with gain."""
    return best_threshold(rows, values, tasks, lambdas, weight_of, min_leaf, gain=gain)

if __name__ == "__main__":
    outlook = "sunny sunny overcast rainy rainy rainy overcast sunny sunny rainy sunny overcast overcast rainy".split()
    humidity = [85, 90, 86, 96, 80, 70, 65, 95, 70, 80, 70, 90, 75, 91]
    play = "no no yes yes yes no yes no yes yes yes yes yes no".split()
    # Hours played, a numeric task (made up, loosely following play).
    hours = [0.5, 0, 2.5, 3, 2, 0, 3.5, 1, 2.5, 2, 3, 1.5, 2, 0.25]
    rows = list(range(14))
    w = lambda r: 1.0
    for name, task in [("play", ("nominal", play)), ("hours", ("numeric", hours))]:
        print(f"gain outlook {name} = {gain(rows, lambda r: outlook[r], task, w):.15f}")
    for tname, tasks, lam in [("hours", [("numeric", hours)], [1]),
                              ("play+hours", [("nominal", play), ("numeric", hours)], [1, 1]),
                              ("hours+0.5 play", [("numeric", hours), ("nominal", play)], [1, 0.5])]:
        print("numeric humidity", tname, best_numeric(rows, humidity, tasks, lam, w, 2))
    # Missing: outlook of rows 0 and 5 unknown; hours of rows 3 and 8 unknown.
    outlook_m = list(outlook); outlook_m[0] = None; outlook_m[5] = None
    hours_m = list(hours); hours_m[3] = None; hours_m[8] = None
    print(f"missing: gain outlook hours = {gain(rows, lambda r: outlook_m[r], ('numeric', hours_m), w):.15f}")
    # Row weights: rows 0-6 weigh 2, the rest 1.
    wt = lambda r: 2.0 if r < 7 else 1.0
    print(f"weighted: gain outlook hours = {gain(rows, lambda r: outlook[r], ('numeric', hours), wt):.15f}")
