"""Independent reference for mtltree's evaluation statistics and C4.5 pruning.

Used once to compute the expected values pasted into the Swift tests
(StatisticsTests, PruningTests, EvaluatorTests, LambdaTunerTests); not run by
the test suite. Needs SciPy for the t distribution; the rest is plain Python.

- add_errs: C4.5 release 8's AddErrs (stats.c), transcribed from the C
  (Quinlan's table of confidence levels and normal deviates, linear
  interpolation between them, squared), in double precision.
- prune / task_stops: C4.5's bottom-up rule from prune.c (a node becomes a
  leaf when its estimated errors as a leaf are at most its subtree's plus
  0.1; a subtree's estimate is the sum of its children's, each the smaller
  of the two below it), and mtltree's per-task stops as DESIGN.md states
  them (each task's own counts; only the highest stop on a path; never a
  node without labelled rows for the task).
- t-tests: scipy.stats.ttest_rel, and Nadeau & Bengio's corrected variance
  s^2 (1/n + n_test/n_train) with scipy.stats.t.sf.
"""
import math

from scipy import stats

VAL = [0, 0.001, 0.005, 0.01, 0.05, 0.10, 0.20, 0.40, 1.00]
DEV = [4.0, 3.09, 2.58, 2.33, 1.65, 1.28, 0.84, 0.25, 0.00]


def coefficient(cf):
    i = 0
    while cf > VAL[i]:
        i += 1
    z = DEV[i - 1] + (DEV[i] - DEV[i - 1]) * (cf - VAL[i - 1]) / (VAL[i] - VAL[i - 1])
    return z * z


def add_errs(cf, n, e):
    """C4.5's AddErrs(N, e) at confidence cf (clamped at 0 as mtltree does
    for 0 < e < 1 with n < 1, which none of the values below reach)."""
    if n <= 0:
        return 0.0
    if e < 1e-6:
        return n * (1 - math.exp(math.log(cf) / n))
    if e < 0.9999:
        val0 = n * (1 - math.exp(math.log(cf) / n))
        return max(0.0, val0 + e * (add_errs(cf, n, 1.0) - val0))
    if e + 0.5 >= n:
        return 0.67 * (n - e)
    c = coefficient(cf)
    pr = (e + 0.5 + c / 2 + math.sqrt(c * ((e + 0.5) * (1 - (e + 0.5) / n) + c / 4))) / (n + c)
    return n * pr - e


def leaf_errors(cf, counts):
    n = sum(counts)
    e = max(0.0, n - max(counts))
    return e + add_errs(cf, n, e)


def collapse_marks(cf, children, counts, tasks):
    """children[n]: child indices (after n); counts[n][t]: class counts."""
    estimate = [0.0] * len(children)
    marks = [False] * len(children)
    for n in reversed(range(len(children))):
        leaf = sum(leaf_errors(cf, counts[n][t]) for t in tasks)
        if not children[n]:
            estimate[n] = leaf
            continue
        subtree = sum(estimate[c] for c in children[n])
        if leaf <= subtree + 0.1:
            marks[n], estimate[n] = True, leaf
        else:
            estimate[n] = subtree
    return marks


def task_stops(cf, children, counts, tasks):
    stops = [False] * (len(children) * tasks)
    below = [False] * len(children)
    for t in range(tasks):
        marks = collapse_marks(cf, children, counts, [t])
        for n in range(len(children)):
            if not children[n]:
                continue
            stops[n * tasks + t] = marks[n] and not below[n] and any(c > 0 for c in counts[n][t])
            for c in children[n]:
                below[c] = below[n] or stops[n * tasks + t]
    return [i for i, s in enumerate(stops) if s]


def add_errs_table():
    print("AddErrs: (CF, E, N) -> extra errors")
    for cf, e, n in [
        (0.25, 0.5, 10.0), (0.25, 0.7, 3.0), (0.25, 1.0, 16.0), (0.25, 2.5, 20.0),
        (0.10, 3.0, 40.0), (0.50, 4.0, 30.0), (0.003, 2.0, 50.0), (1.0, 5.0, 20.0),
        (0.25, 1.0, 1.5), (0.25, 2.0, 2.2),
    ]:
        print(f"  ({cf}, {e}, {n}, {add_errs(cf, n, e)!r}),")


def pruning_trees():
    cf = 0.25
    # 0 -> 1, 2; 1 -> 3, 4: one task.
    five = [[1, 2], [3, 4], [], [], []]
    for name, a1, a2, b in [("collapsed child", [0, 1], [0, 1], [1, 0]), ("kept child", [0, 2], [2, 0], [0, 1])]:
        a = [x + y for x, y in zip(a1, a2)]
        p = [x + y for x, y in zip(a, b)]
        counts = [[p], [a], [b], [a1], [a2]]
        leaf = {tuple(c): leaf_errors(cf, c) for c in (p, a, b, a1, a2)}
        print(name, "leaf estimates", leaf, "marks", collapse_marks(cf, five, counts, [0]))
    # One split, three tasks: class (main), a, b.
    three = [[1, 2], [], []]
    counts = [[[22, 22], [22, 22], [10, 17]], [[0, 22], [10, 12], [2, 10]], [[22, 0], [12, 10], [8, 7]]]
    for cf_ in (0.1, 0.25, 0.5):
        print("three-task split at CF", cf_, "shared marks", collapse_marks(cf_, three, counts, [0]),
              "stops", task_stops(cf_, three, counts, 3),
              "leaf estimates", [[round(leaf_errors(cf_, c), 6) for c in node] for node in counts])
    # PruningTests' hand-made tree, `other` unlabelled below node 1.
    seven = [[1, 2], [3, 4], [5, 6], [], [], [], []]
    rows = [[21, 26, 13, 13], [15, 6, 0, 0], [6, 20, 13, 13], [15, 0, 0, 0], [0, 6, 0, 0], [3, 10, 13, 0], [3, 10, 0, 13]]
    print("hand-made tree, other unlabelled under node 1: stops", task_stops(cf, seven, [[r[:2], r[2:]] for r in rows], 2))
    # A chain: 0 -> 1, 2; 1 -> 3, 4; 3 -> 5, 6; `class` needs all three tests, `noise` none.
    chain = [[1, 2], [3, 4], [], [5, 6], [], [], []]
    counts = [[[20, 20], [20, 20]], [[10, 20], [15, 15]], [[10, 0], [5, 5]], [[10, 10], [10, 10]],
              [[0, 10], [5, 5]], [[10, 0], [5, 5]], [[0, 10], [5, 5]]]
    print("chain: class marks", collapse_marks(cf, chain, counts, [0]), "noise marks", collapse_marks(cf, chain, counts, [1]),
          "stops", task_stops(cf, chain, counts, 2))


def t_tests():
    r = stats.ttest_rel([0.8, 0.6], [0.7, 0.65])
    print("two pairs: t", repr(r.statistic), "p", repr(r.pvalue))
    r = stats.ttest_rel([0.2, 0.2, 0.15], [0.3, 0.2, 0.25])
    print("learning-curve point (MTL, STL): t", repr(r.statistic), "p", repr(r.pvalue))
    for t, df in [(0.1, 5000), (0.5, 1000), (2.0, 400)]:
        print(f"two-sided p of t = {t}, df = {df}:", repr(2 * stats.t.sf(t, df)))
    a = [0.80, 0.85, 0.78, 0.90, 0.82]
    b = [0.75, 0.84, 0.79, 0.83, 0.82]
    r = stats.ttest_rel(a, b)
    print("5-fold report: plain t", repr(r.statistic), "p", repr(r.pvalue))
    d = [x - y for x, y in zip(a, b)]
    n = len(d)
    mean = sum(d) / n
    s = math.sqrt(sum((x - mean) ** 2 for x in d) / (n - 1))
    for ratio in (1 / 4, 1 / 5):
        t = mean / (s * math.sqrt(1 / n + ratio))
        print(f"  corrected, n_test/n_train = {ratio}: t", repr(t), "p", repr(2 * stats.t.sf(abs(t), n - 1)))


if __name__ == "__main__":
    add_errs_table()
    pruning_trees()
    t_tests()
