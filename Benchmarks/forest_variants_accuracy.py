#!/usr/bin/env python3
"""Experiments behind the forest accuracy table (issue #15): main-task accuracy of mtltree forests grown with
other options (λ fixed at each value of the grid, --max-features, --min-leaf, --leaf-probabilities, --seed …)
and of scikit-learn's RandomForestClassifier variants, on the folds of docs/forest_results.py, and the accuracy
each rule for choosing λ from the out-of-bag errors would have had.

    python3 Benchmarks/forest_variants_accuracy.py --only=LABEL [--seeds=3] [--variant='NAME=OPTIONS' ...] \\
        > out.md 2> folds.log
    python3 Benchmarks/forest_variants_accuracy.py --from-folds folds.log ...

Without --variant, the variants are the forest at every λ of the default grid (λ-0 … λ-4) and --lambda auto,
so that a rule for choosing λ can be judged offline: each fold's record holds the out-of-bag error of every λ
(printed by `train --lambda auto`) and the test accuracy of the forest at every λ (the same seed grows the same
samples for every λ, so the forest `--lambda auto` keeps is the fixed-λ forest of its choice). A variant's
OPTIONS are train's options after `--forest 100 --main T` (`--lambda 0 --min-leaf 1`); a variant named sk-…
is scikit-learn's forest with the keyword arguments given as OPTIONS (`sk-entropy=criterion=entropy`).
--seeds picks the folds (StratifiedKFold's seed); seeds other than the table's (1, 2) keep the table honest
when a default is chosen from these figures.
"""
import json
import math
import os
import sys
import tempfile

import numpy as np
import pandas as pd
from sklearn.ensemble import RandomForestClassifier

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs"))
from forest_results import DATASETS, TREES, command_line, fold_files, fold_records, out_of_bag_curve  # noqa: E402
from foldfiles import run  # noqa: E402

GRID = [0, 0.125, 0.25, 0.5, 1, 2, 4]


def variants_from_arguments():
    given = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--variant=")]
    if not given:
        return {f"λ-{g:g}": ["--lambda", f"{g:g}"] for g in GRID} | {"auto": ["--lambda", "auto"]}
    return {v.split("=", 1)[0]: v.split("=", 1)[1].split() for v in given}


def sklearn_options(options):
    parsed = {}
    for o in options:
        key, value = o.split("=", 1)
        try:
            parsed[key] = int(value)
        except ValueError:
            try:
                parsed[key] = float(value)
            except ValueError:
                parsed[key] = value
    return parsed


def evaluate(spec, seed, variants):
    label, path, kind, tasks, main, arguments, drop = spec
    records = []
    with tempfile.TemporaryDirectory() as workdir:
        for _, _, _, X, y, train, test, train_path, test_path, read_options in fold_files(spec, seed, workdir):
            known = y[test] != "?"
            record = {"data": label, "main": main, "seed": seed, "fold": len(records) + 1,
                      "labelled": int(known.sum()), "train_labelled": int((y[train] != "?").sum()), "correct": {}}
            for name, options in variants.items():
                if name.startswith("sk-"):
                    fit = train[y[train] != "?"]
                    forest = RandomForestClassifier(TREES, n_jobs=1, **({"random_state": 0} | sklearn_options(options)))
                    predicted = forest.fit(X[fit], y[fit].astype(str)).predict(X[test])
                else:
                    model = os.path.join(workdir, "model.forest")
                    out = os.path.join(workdir, "predictions.csv")
                    trained = run(["train", train_path, *arguments, "--forest", str(TREES), "--main", main,
                                   *options, "-o", model])
                    run(["predict", model, test_path, *read_options, "-o", out])
                    predicted = pd.read_csv(out, dtype=str, keep_default_na=False)[main].to_numpy()
                    if "auto" in options:
                        record["out_of_bag_error"] = out_of_bag_curve(trained.stdout)
                record["correct"][name] = int((predicted.astype(str)[known] == y[test][known]).sum())
            records.append(record)
            print(json.dumps(record), file=sys.stderr, flush=True)
    return records


def choose(curve, n, rule):
    """The λ a rule picks from one fold's out-of-bag errors (λ → error); n: the main task's labelled training rows
    (the out-of-bag rows are nearly all of them: a row is out of bag for ~37% of the trees)."""
    lowest = min(curve.values())
    if rule == "least":  # what train --lambda auto does: least error, ties to the smaller λ
        return min(l for l, e in curve.items() if e == lowest)
    if rule == "one-se":  # the smallest λ within one binomial standard error of the least error
        se = math.sqrt(lowest * (1 - lowest) / n)
        return min(l for l, e in curve.items() if e <= lowest + se)
    if rule.startswith("margin-"):  # λ = 0 unless some λ's error is lower by more than the margin
        margin = float(rule.split("-", 1)[1])
        return 0.0 if curve[0.0] <= lowest + margin else min(l for l, e in curve.items() if e == lowest)
    if rule.startswith("half-se"):
        se = math.sqrt(lowest * (1 - lowest) / n) / 2
        return min(l for l, e in curve.items() if e <= lowest + se)
    raise ValueError(rule)


RULES = ["least", "one-se", "half-se", "margin-0.005", "margin-0.01"]


def table(records):
    names = list(records[0]["correct"])
    has_curve = all("out_of_bag_error" in r for r in records) and all(f"λ-{g:g}" in names for g in GRID)
    order = [spec[0] for spec in DATASETS]
    header = names + ([f"rule {r}" for r in RULES] if has_curve else [])
    print("| data | folds | " + " | ".join(header) + " |")
    print("|---|---|" + "---|" * len(header))
    errors = {h: [] for h in header}
    for label in sorted({r["data"] for r in records}, key=order.index):
        folds = [r for r in records if r["data"] == label]
        total = sum(f["labelled"] for f in folds)
        accuracy = {n: sum(f["correct"][n] for f in folds) / total for n in names}
        if has_curve:
            for rule in RULES:
                hits = 0
                for f in folds:
                    curve = {float(k): v for k, v in f["out_of_bag_error"].items()}
                    hits += f["correct"][f"λ-{choose(curve, f['train_labelled'], rule):g}"]
                accuracy[f"rule {rule}"] = hits / total
        for h in header:
            errors[h].append(1 - accuracy[h])
        seeds = ",".join(map(str, sorted({f["seed"] for f in folds})))
        print(f"| {label} | {len(folds)} (seeds {seeds}) | " + " | ".join(f"{accuracy[h]:.4f}" for h in header)
              + " |")
    print("| mean error | | " + " | ".join(f"{np.mean(errors[h]):.4f}" for h in header) + " |")


def main():
    paths, only, seeds = command_line(default_seed=3)
    if paths is not None:
        return table(fold_records(paths))
    variants = variants_from_arguments()
    records = []
    for spec in DATASETS:
        if not only or spec[0] in only:
            for seed in seeds:
                records += evaluate(spec, seed, variants)
    table(records)


if __name__ == "__main__":
    main()
