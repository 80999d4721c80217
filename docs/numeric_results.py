#!/usr/bin/env python3
"""Rebuilds the README's numeric-task results table (issue #14): real data with
numeric tasks, 10-fold cross-validation, the same folds for every learner.

    swift build -c release && python3 docs/numeric_results.py [--quick] > numeric-results.md

Learners, each trained on a fold's training rows and measured on its test rows:
  STL          mtltree train --main T --lambda 0
  MTL λ=1      mtltree train --main T --lambda 1
  MTL tuned    mtltree train --main T --lambda auto (λ by inner 10-fold cross-validation)
  all equal    mtltree train (no --main: every task weighs 1, a multi-target tree)
  sklearn      DecisionTreeRegressor (or -Classifier for a nominal main task) on
               the main task alone, default settings and min_samples_leaf=5;
               for water-quality also its multi-output tree on all fourteen taxa.
The folds are this script's (shuffled, seed 1; stratified for a nominal main
task): each fold's training and test rows are written as files of the input's
own format (the ARFF header or CSV header kept), so mtltree reads them exactly
as it reads the whole file, and scikit-learn gets the same rows by index.

Numeric main task: RMSE over all test rows (every row is tested once), and
relative RMSE, that RMSE over the RMSE of predicting each fold's training mean.
Nominal main task: accuracy. "MTL − STL" is the mean per-fold difference with
Nadeau & Bengio's corrected paired t-test p-value and the folds won/lost.
--quick runs three water-quality taxa instead of fourteen; --only=LABEL runs one data set, --main=T one main task.
"""
import json
import math
import os
import sys
import tempfile

import numpy as np
import pandas as pd
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from foldfiles import corrected_p, encode_inputs, load, run, write_fold

FOLDS, SEED = 10, 1

WATER = "Fixtures/data/water-quality.arff"
THYROID = "Fixtures/data/thyroid0387.csv"
CALENDAR = "Fixtures/calendar/meetings.csv"
water_taxa = [line.split()[1] for line in open(WATER) if line.lower().startswith("@attribute")][-14:]
labs = ["TSH", "T3", "TT4", "T4U", "FTI", "TBG"]
thyroid_columns = open(THYROID).readline().strip().split(",")
diagnoses = [c for c in thyroid_columns if c.startswith("t_")]


def dataset(label, path, kind, tasks, mains, arguments, inputs_drop, extra_note=""):
    return dict(label=label, path=path, kind=kind, tasks=tasks, mains=mains, arguments=arguments,
                drop=inputs_drop, note=extra_note)


def datasets(quick):
    taxa = ["29600", "25400", "49700"] if quick else water_taxa
    return [
        # The ARFF declares the taxa numeric: mtltree reads them as numeric tasks.
        dataset("water-quality", WATER, "arff", water_taxa, taxa, ["--tasks", ",".join(water_taxa)], []),
        # Caruana's setting: lab results are not known when the diagnosis is wanted, so they are extra
        # (numeric) tasks, not inputs; whether each was measured (ordered) stays an input.
        *[dataset("thyroid0387", THYROID, "csv", [main] + labs, [main],
                  ["--tasks", ",".join([main] + labs), "--numeric-tasks", ",".join(labs),
                   "--ignore", ",".join(["record_id"] + [d for d in diagnoses if d != main])],
                  ["record_id"] + [d for d in diagnoses if d != main])
          for main in ["t_hypothyroid", "t_binding_protein"]],
        dataset("calendar", CALENDAR, "calendar", ["duration", "location", "time_of_day", "day_of_week"], ["duration"],
                ["--calendar", "--numeric-tasks", "duration"], []),
    ]


# ---------------------------------------------------------------- learners

def mtltree_fold(spec, main, header, rows, train, test, workdir):
    suffix = ".arff" if spec["kind"] == "arff" else ".csv"
    train_path, test_path = write_fold(header, rows, train, test, workdir, suffix)
    read_options = ["--calendar"] if spec["kind"] == "calendar" else []
    learners = {"stl": ["--main", main, "--lambda", "0"], "mtl": ["--main", main, "--lambda", "1"],
                "mtl-tuned": ["--main", main, "--lambda", "auto"], "all-equal": []}
    predictions, chosen = {}, None
    for name, options in learners.items():
        model = os.path.join(workdir, name + ".json")
        out = os.path.join(workdir, name + ".csv")
        run(["train", train_path, *spec["arguments"], *options, "-o", model])
        run(["predict", model, test_path, *read_options, "-o", out])
        predictions[name] = pd.read_csv(out, na_values=["?"], keep_default_na=False)[main].to_numpy()
        if name == "mtl-tuned":
            lambdas = json.load(open(model))["trees"][0]["lambda"]
            chosen = max(v for t, v in lambdas.items() if t != main)
    return predictions, chosen


def sklearn_fold(spec, main, numeric, X, frame, train, test):
    y = frame[main]
    labelled = train[y.iloc[train].notna().to_numpy()]
    predictions = {}
    make = DecisionTreeRegressor if numeric else DecisionTreeClassifier
    for name, options in [("sklearn", {}), ("sklearn-leaf5", {"min_samples_leaf": 5})]:
        target = y.iloc[labelled].to_numpy(dtype=float if numeric else object).astype(float if numeric else str)
        tree = make(random_state=0, **options).fit(X[labelled], target)
        predictions[name] = tree.predict(X[test])
    if numeric and spec["label"] == "water-quality":
        Y = frame[spec["tasks"]].to_numpy(dtype=float)
        tree = DecisionTreeRegressor(random_state=0).fit(X[train], Y[train])
        predictions["sklearn-multi"] = tree.predict(X[test])[:, spec["tasks"].index(main)]
    return predictions


# ---------------------------------------------------------------- measures

def evaluate(spec, main):
    header, rows, frame = load(spec["path"], spec["kind"], spec["drop"])
    numeric = main in labs or spec["label"] in ("water-quality", "calendar")
    X = encode_inputs(frame, set(spec["tasks"]) | set(labs))
    y = frame[main]
    if numeric:
        splitter = KFold(FOLDS, shuffle=True, random_state=SEED).split(X)
    else:
        splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(X, y.fillna("?").astype(str))
    names = ["stl", "mtl", "mtl-tuned", "all-equal", "sklearn", "sklearn-leaf5"] + \
            (["sklearn-multi"] if spec["label"] == "water-quality" else [])
    per_fold = {n: [] for n in names}
    squared = {n: 0.0 for n in names}
    baseline_squared, counted, correct = 0.0, 0, {n: 0 for n in names}
    lambdas, n_train, n_test = [], [], []
    with tempfile.TemporaryDirectory() as workdir:
        for train, test in splitter:
            predicted, chosen = mtltree_fold(spec, main, header, rows, train, test, workdir)
            predicted.update(sklearn_fold(spec, main, numeric, X, frame, train, test))
            lambdas.append(chosen)
            truth = y.iloc[test]
            known = truth.notna().to_numpy()
            n_train.append(int(y.iloc[train].notna().sum()))
            n_test.append(int(known.sum()))
            if numeric:
                t = truth.to_numpy(dtype=float)[known]
                mean = float(y.iloc[train].mean())
                baseline_squared += float(((t - mean) ** 2).sum())
                for n in names:
                    p = np.asarray(predicted[n], dtype=float)[known]
                    error = float(((p - t) ** 2).sum())
                    squared[n] += error
                    per_fold[n].append(math.sqrt(error / len(t)))
            else:
                t = truth.astype(str).to_numpy()[known]
                for n in names:
                    p = np.asarray(predicted[n]).astype(str)[known]
                    correct[n] += int((p == t).sum())
                    per_fold[n].append(float((p == t).mean()))
            counted += int(known.sum())
            print(".", end="", file=sys.stderr, flush=True)
    print(f" {spec['label']} {main}", file=sys.stderr, flush=True)
    if numeric:
        base = math.sqrt(baseline_squared / counted)
        scores = {n: (math.sqrt(squared[n] / counted), math.sqrt(squared[n] / counted) / base) for n in names}
    else:
        scores = {n: (correct[n] / counted, None) for n in names}
    # For RMSE lower is better, for accuracy higher: a "win" is better for MTL either way.
    sign = -1 if numeric else 1
    comparisons = {}
    for a in ["mtl", "mtl-tuned"]:
        d = np.array(per_fold[a]) - np.array(per_fold["stl"])
        wins, losses = int((sign * d > 1e-12).sum()), int((sign * d < -1e-12).sum())
        comparisons[a] = (d.mean(), corrected_p(d, np.mean(n_train), np.mean(n_test)), wins, losses)
    return dict(numeric=numeric, scores=scores, comparisons=comparisons, names=names, lambdas=lambdas,
                rows=counted)


# ---------------------------------------------------------------- table

def cell(numeric, score, best):
    value, relative = score
    text = f"{value:.3f} ({relative:.3f})" if numeric else f"{value:.3f}"
    return f"**{text}**" if best else text


def difference(numeric, comparison):
    mean, p, wins, losses = comparison
    sign = "+" if mean >= 0 else "−"
    text = f"{sign}{abs(mean):.3f} ({'<0.001' if p < 0.001 else f'{p:.3f}'}; {wins}/{losses})"
    return f"**{text}**" if p < 0.05 else text


def main():
    quick = "--quick" in sys.argv
    print("| data | main task | rows | STL | MTL λ=1 | MTL tuned | all equal | sklearn | sklearn leaf 5 "
          "| sklearn multi-output | MTL − STL (p; won/lost) | tuned − STL (p; won/lost) | λ chosen (median) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    only = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--only=")]
    mains = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--main=")]
    for spec in datasets(quick):
        if only and spec["label"] not in only:
            continue
        for main_task in spec["mains"]:
            if mains and main_task not in mains:
                continue
            r = evaluate(spec, main_task)
            numeric, scores = r["numeric"], r["scores"]
            values = {n: scores[n][0] for n in r["names"]}
            best = (min if numeric else max)(values.values())
            cells = [spec["label"], main_task + (" (RMSE)" if numeric else " (accuracy)"), str(r["rows"])]
            for n in ["stl", "mtl", "mtl-tuned", "all-equal", "sklearn", "sklearn-leaf5", "sklearn-multi"]:
                cells.append(cell(numeric, scores[n], abs(values[n] - best) < 1e-12) if n in scores else "")
            cells += [difference(numeric, r["comparisons"]["mtl"]), difference(numeric, r["comparisons"]["mtl-tuned"]),
                      f"{float(np.median(r['lambdas'])):g}"]
            print("| " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
