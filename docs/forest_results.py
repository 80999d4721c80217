#!/usr/bin/env python3
"""Rebuilds the README's forest accuracy table (issue #15): main-task accuracy
under 10-fold cross-validation, the same folds for every learner, and on
emotions the Hamming loss over its six labels.

    swift build -c release && python3 docs/forest_results.py [--only=LABEL ...] [--seeds=1,2] > forest-results.md 2> folds.log
    python3 docs/forest_results.py --from-folds folds.log ...   # the table from the per-fold lines of one or more runs

--seeds=1,2 repeats the 10-fold cross-validation with each seed (10-fold × 2); the default is seed 1. Every finished
fold is one JSON line on stderr (its learners' correct counts, the OOB-chosen λ and the OOB error of every λ), and
--from-folds builds the table from such lines, of interrupted runs too, and of runs of different data sets or seeds.
--learners=oob-forest,... runs only those learners (after a change that affects only them); --from-folds OLD NEW
then takes each fold's other learners from OLD and these from NEW (a fold's line names its mtltree binary).

Learners, each trained on a fold's training rows and measured on its test rows:
  sklearn RF           RandomForestClassifier(n_estimators=100) on the main task alone
  sklearn multi RF     the same forest on all tasks at once (multi-output: every task weighs 1)
  STL forest           mtltree train --forest 100 --main T --lambda 0
  MTL forest λ=1       mtltree train --forest 100 --main T --lambda 1
  MTL forest OOB λ     mtltree train --forest 100 --main T --lambda auto (λ by out-of-bag error)
  tuned tree           mtltree train --main T --lambda auto (one pruned tree, λ by inner cross-validation)
On emotions, the Hamming loss (the fraction of wrong labels) of: mtltree's
all-equal forest (`train --forest 100` without --main: every label weighs 1),
scikit-learn's multi-output forest and its forest per label (binary
relevance), and CLUS's random forest of multi-target trees (clus.jar from the pyclus package: 100 trees,
EnsembleMethod = RForest, SelectRandomSubspaces = SQRT).

Folds: StratifiedKFold(10, shuffle, seed 1 [and 2]) on the main task, this script's, so
every learner sees the same rows (each fold written as a file of the input's
own format). scikit-learn gets nominal inputs as category codes and missing
inputs as NaN (its forests split on them); a missing extra-task label is a
class "?" of its own for the multi-output forest, and rows without a main-task
label are left out of its training (mtltree uses them for the extra tasks).
"""
import json
from collections import namedtuple
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
import sysconfig
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold

from foldfiles import BIN, encode_inputs, format_label, load, run, write_fold

FOLDS = 10
TREES = int(os.environ.get("TREES", "100"))  # fewer only to try the script quickly

EMOTIONS = "Fixtures/data/emotions.arff"
WATER = "Fixtures/data/water-quality.arff"
THYROID = "Fixtures/data/thyroid0387.csv"


def arff_tasks(path, count):
    return [line.split()[1] for line in open(path) if line.lower().startswith("@attribute")][-count:]


emotions = arff_tasks(EMOTIONS, 6)
water = arff_tasks(WATER, 14)
thyroid = [c for c in open(THYROID).readline().strip().split(",") if c.startswith("t_")]
bridges = ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"]
monks = ["monk1", "monk2", "monk3"]
monk_inputs = ["head_shape", "body_shape", "is_smiling", "holding", "jacket_color", "has_tie"]

# (label, path, kind, tasks, main task, mtltree reading options, columns to drop)
DATASETS = [
    ("MONK's", "Fixtures/data/monks/monks-3tasks.csv", "csv", monks, "monk1",
     ["--tasks", ",".join(monks), "--nominal", ",".join(monk_inputs)], []),
    ("bridges", "Fixtures/data/bridges.arff", "arff", bridges, "TYPE",
     ["--tasks", ",".join(bridges), "--ignore", "IDENTIF"], ["IDENTIF"]),
    ("emotions", EMOTIONS, "arff", emotions, emotions[0], ["--tasks", ",".join(emotions)], []),
    ("calendar", "Fixtures/calendar/meetings.csv", "calendar", ["location", "time_of_day", "day_of_week", "duration"],
     "location", ["--calendar"], []),
    ("water-quality", WATER, "arff", water, "29600", ["--tasks", ",".join(water), "--nominal", ",".join(water)], []),
    ("thyroid0387", THYROID, "csv", thyroid, "t_hypothyroid", ["--tasks", ",".join(thyroid), "--ignore", "record_id"],
     ["record_id"]),
]

CLUS_JAR = os.path.join(sysconfig.get_paths()["purelib"], "clus", "clus.jar")  # from `pip install pyclus`


def mtltree_models(label, path_args, main, tasks, train_path, test_path, workdir, read_options):
    """Trains the mtltree learners on one fold; returns each learner's predictions (task → array) and the OOB λ."""
    forest = ["--forest", str(TREES)]
    learners = {"stl-forest": forest + ["--main", main, "--lambda", "0"],
                "mtl-forest": forest + ["--main", main, "--lambda", "1"],
                "oob-forest": forest + ["--main", main, "--lambda", "auto"],
                "tuned-tree": ["--main", main, "--lambda", "auto"]}
    if label == "emotions":  # one forest for all six labels, for the Hamming loss
        learners["all-equal-forest"] = forest
    predictions, chosen, curve = {}, None, None
    for name, options in learners.items():
        if name not in LEARNERS:
            continue
        model = os.path.join(workdir, "model.forest")
        out = os.path.join(workdir, "predictions.csv")
        trained = run(["train", train_path, *path_args, *options, "-o", model])
        run(["predict", model, test_path, *read_options, "-o", out])
        frame = pd.read_csv(out, dtype=str, keep_default_na=False)
        predictions[name] = {t: frame[t].to_numpy() for t in tasks}
        if name == "oob-forest":
            lambdas = model_header(model)["tree"]["lambda"]
            chosen = max(v for t, v in lambdas.items() if t != main)
            curve = out_of_bag_curve(trained.stdout)
    return predictions, chosen, curve


def model_header(path):
    """The JSON header that opens a model file (a forest's binary tree records follow it)."""
    text = open(path, "rb").read().decode("latin-1")
    return json.JSONDecoder().raw_decode(text)[0]


def out_of_bag_curve(stdout):
    """λ → the main task's out-of-bag error, from the table `train --forest --lambda auto` prints."""
    rows = re.findall(r"^\s+(\d+\.\d+)\s+(\d+\.\d+)(?:\s+<- chosen)?$", stdout, re.MULTILINE)
    return {float(lam): float(error) for lam, error in rows}


def labels(frame, task):
    return np.array(["?" if v is None or v != v else format_label(v) for v in frame[task]], dtype=object)


def sklearn_models(label, frame, X, tasks, main, train, test):
    y = labels(frame, main)
    known = train[y[train] != "?"]
    predictions = {}
    rf = RandomForestClassifier(TREES, random_state=0, n_jobs=1).fit(X[known], y[known].astype(str))
    predictions["sklearn-rf"] = {main: rf.predict(X[test])}
    order = [main] + [t for t in tasks if t != main]
    Y = np.column_stack([labels(frame, t) for t in order]).astype(str)
    multi = RandomForestClassifier(TREES, random_state=0, n_jobs=1).fit(X[known], Y[known])
    predicted = multi.predict(X[test])
    predictions["sklearn-multi-rf"] = {t: predicted[:, i] for i, t in enumerate(order)}
    if label == "emotions":
        for t in tasks:
            if t != main:
                yt = labels(frame, t)
                f = RandomForestClassifier(TREES, random_state=0, n_jobs=1).fit(X[train], yt[train].astype(str))
                predictions["sklearn-rf"][t] = f.predict(X[test])
    return predictions


def clus_forest(header, rows, train, test, tasks, workdir):
    """CLUS's random forest of multi-target trees on the emotions fold; predicted labels per task."""
    train_path, test_path = write_fold(header, rows, train, test, workdir, ".arff")
    attributes = sum(1 for line in header if line.lower().startswith("@attribute"))
    first = attributes - len(tasks) + 1
    settings = os.path.join(workdir, "clus.s")
    with open(settings, "w") as f:
        f.write(f"""[General]
RandomSeed = 0
[Data]
File = {train_path}
TestSet = {test_path}
[Attributes]
Descriptive = 1-{first - 1}
Target = {first}-{attributes}
Clustering = {first}-{attributes}
[Ensemble]
Iterations = {TREES}
EnsembleMethod = RForest
SelectRandomSubspaces = SQRT
[Output]
WritePredictions = Test
""")
    subprocess.run(["nice", "-n", "10", "java", "--add-opens", "java.base/java.util=ALL-UNNAMED", "-jar", CLUS_JAR,
                    "-forest", settings], check=True, capture_output=True, cwd=workdir)
    lines = open(os.path.join(workdir, "clus.test.pred.arff")).read().split("\n")
    data = [l.split(",") for l in lines[[l.strip().lower() for l in lines].index("@data") + 1:] if l.strip()]
    return {t: np.array([row[len(tasks) + i].strip() for row in data]) for i, t in enumerate(tasks)}


COLUMNS = ["sklearn-rf", "sklearn-multi-rf", "stl-forest", "mtl-forest", "oob-forest", "tuned-tree"]
LEARNERS = set(COLUMNS) | {"all-equal-forest", "clus-rf"}  # --learners=A,B runs only those


Fold = namedtuple("Fold", "header rows frame X y train test train_path test_path read_options")


def fold_files(spec, seed, workdir):
    """A data set (an entry of DATASETS) loaded once, then each of its FOLDS stratified folds (StratifiedKFold,
    shuffled with `seed`) written as a training and a test file in `workdir`, as a Fold: the file's header and
    rows, the frame, the encoded inputs X, the main task's labels y, the row indices, the two paths, and the
    options mtltree reads them with."""
    label, path, kind, tasks, main, arguments, drop = spec
    header, rows, frame = load(path, kind, drop)
    X = encode_inputs(frame, set(tasks))
    y = labels(frame, main)
    suffix = ".arff" if kind == "arff" else ".csv"
    read_options = ["--calendar"] if kind == "calendar" else []
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(X, y):
        train_path, test_path = write_fold(header, rows, train, test, workdir, suffix)
        yield Fold(header, rows, frame, X, y, train, test, train_path, test_path, read_options)


def evaluate(spec, seed):
    """One 10-fold cross-validation of every learner on one data set; one record per fold (also printed on stderr
    as a JSON line as soon as the fold is done, so that an interrupted run still leaves its finished folds)."""
    label, path, kind, tasks, main, arguments, drop = spec
    records = []
    with tempfile.TemporaryDirectory() as workdir:
        for fold in fold_files(spec, seed, workdir):
            header, rows, frame, X, y, train, test, train_path, test_path, read_options = fold
            predicted, chosen, curve = mtltree_models(label, arguments, main, tasks, train_path, test_path, workdir,
                                                      read_options)
            if LEARNERS & {"sklearn-rf", "sklearn-multi-rf"}:
                predicted.update(sklearn_models(label, frame, X, tasks, main, train, test))
            known = y[test] != "?"
            record = {"data": label, "main": main, "seed": seed, "fold": len(records) + 1,
                      "labelled": int(known.sum()), "mtltree": os.path.basename(BIN),
                      "correct": {n: int((predicted[n][main].astype(str)[known] == y[test][known]).sum())
                                  for n in COLUMNS if n in LEARNERS}}
            if "oob-forest" in LEARNERS:
                record |= {"lambda": chosen, "out_of_bag_error": curve}
            if label == "emotions" and {"clus-rf", "all-equal-forest", "sklearn-rf", "sklearn-multi-rf"} <= LEARNERS:
                predicted["clus-rf"] = clus_forest(header, rows, train, test, tasks, workdir)
                record["hamming_cells"] = len(test) * len(tasks)
                record["hamming_wrong"] = {
                    n: sum(int((predicted[n][t].astype(str) != labels(frame, t)[test]).sum()) for t in tasks)
                    for n in ["sklearn-rf", "sklearn-multi-rf", "clus-rf", "all-equal-forest"]}
            records.append(record)
            print(json.dumps(record), file=sys.stderr, flush=True)
    return records


def relative(error, reference):
    change = 100 * (1 - error / reference)
    return f"{change:.1f}% lower" if change >= 0 else f"{-change:.1f}% higher"


def merged(records):
    """Fold records of the same data set, seed and fold merged, a later record's learners replacing an
    earlier's (a rerun of some learners with `--learners=` at another binary)."""
    folds = {}
    for r in records:
        key = (r["data"], r["seed"], r["fold"])
        if key in folds:
            old = folds[key]
            r = old | r | {"correct": old["correct"] | r["correct"],
                           "mtltree": sorted({old.get("mtltree", "?"), r.get("mtltree", "?")})}
        folds[key] = r
    return list(folds.values())


def table(records):
    """The Markdown table from fold records (of one or more runs and repetitions): accuracy over all the folds
    of a data set (correct / labelled test rows), the OOB-chosen λ's median, the mean error over the data sets,
    and emotions' Hamming loss."""
    records = merged(records)
    print("| data (main task) | folds | sklearn RF, main task alone | sklearn multi-output RF | STL forest "
          "| MTL forest λ=1 | MTL forest, λ by OOB (median λ) | tuned tree | OOB − sklearn RF |")
    print("|---|---|---|---|---|---|---|---|---|")
    errors, hamming = {n: [] for n in COLUMNS}, None
    order = [spec[0] for spec in DATASETS]
    for label in sorted({r["data"] for r in records}, key=order.index):
        folds = [r for r in records if r["data"] == label]
        total = sum(f["labelled"] for f in folds)
        a = {n: sum(f["correct"][n] for f in folds) / total for n in COLUMNS
             if all(n in f["correct"] for f in folds)}
        best = max(a.values())
        seeds = sorted({f["seed"] for f in folds})
        cells = [f"{label} ({folds[0]['main']})", f"{len(folds)} (seeds {', '.join(map(str, seeds))})"]
        for n in COLUMNS:
            if n not in a:
                cells.append("–")
                continue
            text = f"{a[n]:.4f}" + (f" ({float(np.median([f['lambda'] for f in folds])):g})"
                                    if n == "oob-forest" else "")
            cells.append(f"**{text}**" if abs(a[n] - best) < 1e-12 else text)
            errors[n].append(1 - a[n])
        cells.append(f"{100 * (a['oob-forest'] - a['sklearn-rf']):+.2f} points"
                     if {"oob-forest", "sklearn-rf"} <= a.keys() else "–")
        print("| " + " | ".join(cells) + " |", flush=True)
        if "hamming_cells" in folds[0]:
            cells = sum(f["hamming_cells"] for f in folds)
            hamming = {n: sum(f["hamming_wrong"][n] for f in folds) / cells for n in folds[0]["hamming_wrong"]}
    sets = max(len(e) for e in errors.values())
    means = {n: float(np.mean(e)) for n, e in errors.items() if len(e) == sets > 0}
    print("| mean error | | " + " | ".join(f"{means[n]:.4f}" if n in means else "–" for n in COLUMNS) + " | "
          + (relative(means["oob-forest"], means["sklearn-rf"]) if {"oob-forest", "sklearn-rf"} <= means.keys()
             else "–") + " |")
    if hamming:
        print()
        print("| emotions, Hamming loss (6 labels) | value |")
        print("|---|---|")
        names = {"clus-rf": "CLUS random forest (multi-target trees, 100)",
                 "sklearn-multi-rf": "sklearn multi-output RF",
                 "sklearn-rf": "sklearn RF per label (binary relevance)",
                 "all-equal-forest": "mtltree all-equal forest (one forest, every label weighs 1)"}
        for n, text in names.items():
            print(f"| {text} | {hamming[n]:.4f} |")


def fold_records(paths):
    """The fold records (JSON lines) of earlier runs' standard error files."""
    return [json.loads(line) for path in paths for line in open(path) if line.startswith("{")]


def command_line(default_seed):
    """This script's and forest_variants_accuracy.py's shared options: the files after --from-folds (None
    without it), the --only=LABEL data sets, and the --seeds=S,… of the folds (default_seed without it)."""
    paths = sys.argv[sys.argv.index("--from-folds") + 1:] if "--from-folds" in sys.argv else None
    only = [a.split("=", 1)[1] for a in sys.argv if a.startswith("--only=")]
    seeds = [int(s) for a in sys.argv if a.startswith("--seeds=") for s in a.split("=", 1)[1].split(",")]
    return paths, only, seeds or [default_seed]


def main():
    paths, only, seeds = command_line(default_seed=1)
    if paths is not None:
        return table(fold_records(paths))
    LEARNERS.intersection_update({n for a in sys.argv if a.startswith("--learners=")
                                  for n in a.split("=", 1)[1].split(",")} or LEARNERS)
    records = []
    for spec in DATASETS:
        if not only or spec[0] in only:
            for seed in seeds:
                records += evaluate(spec, seed)
    table(records)


if __name__ == "__main__":
    main()
