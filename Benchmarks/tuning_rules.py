#!/usr/bin/env python3
"""Measures λ-selection rules by OUTER cross-validated accuracy: tuned MTL against STL.

    swift build -c release
    python3 Benchmarks/tuning_rules.py run LABEL [EVALUATE OPTIONS...]   # e.g. run one-se-5 --rule one-se --inner-folds 5
    python3 Benchmarks/tuning_rules.py compare LABEL LABEL ...            # side by side, with the summary figures
    python3 Benchmarks/tuning_rules.py default LABEL                      # train's old default (λ = 1) against tuned
    DATASETS=calendar,bridges python3 Benchmarks/tuning_rules.py run ...  # only some datasets (compare: the rows all runs have)

`run` calls `mtltree evaluate DATA --main T --tune` (no shuffle test) with EVERY
task of each bundled dataset as main in turn, on the README results table's
settings (10-fold cross-validation, repeated 3 times on the small sets, once on
water-quality and thyroid0387), adding the given options (the selection rule,
the inner folds). Each run's JSON goes to bench-data/tuning/LABEL/, so a
comparison reruns nothing. The binary is $MTLTREE or .build/release/mtltree.

The summary: mean main-task accuracy of STL and of tuned MTL over all rows; how
far tuned MTL's mean error is below STL's (the target is at least 5%); the row
where tuned MTL is furthest below STL (the target is at most half a point).
`default` sets MTL at λ = 1 (what `train --main T` did before it chose λ) beside
tuned MTL (what it does now on data this small), both against STL.
"""
import json
import os
import subprocess
import sys

BIN = os.environ.get("MTLTREE", ".build/release/mtltree")
OUT = "bench-data/tuning"


def arff_tasks(path, count):
    names = [line.split()[1] for line in open(path) if line.lower().startswith("@attribute")]
    return names[-count:]


def datasets():
    thyroid = [c for c in open("Fixtures/data/thyroid0387.csv").readline().strip().split(",") if c.startswith("t_")]
    emotions = arff_tasks("Fixtures/data/emotions.arff", 6)
    water = arff_tasks("Fixtures/data/water-quality.arff", 14)
    bridges = ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"]
    monks = ["monk1", "monk2", "monk3"]
    # (label, arguments, tasks (each main in turn), repeats)
    chosen = os.environ.get("DATASETS")
    return [d for d in all_datasets(thyroid, emotions, water, bridges, monks)
            if chosen is None or d[0] in chosen.split(",")]


def all_datasets(thyroid, emotions, water, bridges, monks):
    return [
        ("calendar", ["Fixtures/calendar/meetings.csv", "--calendar"], ["location", "time_of_day", "day_of_week", "duration"], 3),
        ("bridges", ["Fixtures/data/bridges.arff", "--tasks", ",".join(bridges), "--ignore", "IDENTIF"], bridges, 3),
        ("MONK's", ["Fixtures/data/monks/monks-3tasks.csv", "--tasks", ",".join(monks), "--nominal",
                    "head_shape,body_shape,is_smiling,holding,jacket_color,has_tie"], monks, 3),
        ("emotions", ["Fixtures/data/emotions.arff", "--tasks", ",".join(emotions)], emotions, 3),
        ("water-quality", ["Fixtures/data/water-quality.arff", "--tasks", ",".join(water)], water, 1),
        ("thyroid0387", ["Fixtures/data/thyroid0387.csv", "--tasks", ",".join(thyroid), "--ignore", "record_id"], thyroid, 1),
    ]


def path(label, data, task):
    return os.path.join(OUT, label, f"{data}-{task}.json".replace("'", "").replace(" ", "_"))


def run(label, options):
    os.makedirs(os.path.join(OUT, label), exist_ok=True)
    for data, arguments, tasks, repeats in datasets():
        for task in tasks:
            target = path(label, data, task)
            if os.path.exists(target):
                continue
            command = [BIN, "evaluate", *arguments, "--main", task, "--tune", "--repeats", str(repeats),
                       "--quiet", "--format", "json", *options]
            result = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            with open(target + ".part", "w") as f:
                f.write(result)
            os.replace(target + ".part", target)
            print(f"{label}: {data} {task}", file=sys.stderr, flush=True)


def accuracy(report, learner):
    return next(r for r in report["learners"] if r["id"] == learner)["tasks"][0]["accuracy"]


def rows(label):
    out = []
    for data, _, tasks, _ in datasets():
        for task in tasks:
            if not os.path.exists(path(label, data, task)):
                continue
            with open(path(label, data, task)) as f:
                report = json.load(f)
            lambdas = [t["shared"] if not t["per_task"] else None for t in report.get("tuned_lambdas", [])]
            stl0 = sum(1 for x in lambdas if x == 0)
            out.append((data, task, accuracy(report, "stl"), accuracy(report, "mtl-tuned"), stl0, len(lambdas),
                        accuracy(report, "mtl")))
    return out


def default(label):
    """MTL at λ = 1 (train's old default) and tuned MTL (its new one), each against STL."""
    table = rows(label)
    print("| data | main task | STL | MTL λ = 1 (old default) | tuned (new default) |")
    print("|---|---|---|---|---|")
    for r in table:
        print(f"| {r[0]} | {r[1]} | {r[2]:.3f} | {r[6]:.3f} ({r[6] - r[2]:+.3f}) | {r[3]:.3f} ({r[3] - r[2]:+.3f}) |")
    print()
    print("| train's default | rows | mean STL | mean accuracy | error cut vs STL | rows > 0.5 pt below STL | worst row |")
    print("|---|---|---|---|---|---|---|")
    for name, column in (("λ = 1 (old)", 6), ("tuned (new)", 3)):
        s = summary([(r[0], r[1], r[2], r[column], r[4], r[5]) for r in table])
        w = s["worst"]
        print(f"| {name} | {len(table)} | {s['stl']:.4f} | {s['tuned']:.4f} | {100 * s['error_cut']:.1f}% "
              f"| {s['below_half_point']} | {w[0]} {w[1]} {w[2]:+.4f} |")


def summary(table):
    stl = [r[2] for r in table]
    tuned = [r[3] for r in table]
    stl_error = sum(1 - a for a in stl) / len(stl)
    tuned_error = sum(1 - a for a in tuned) / len(tuned)
    worst = min(table, key=lambda r: r[3] - r[2])
    return {
        "stl": sum(stl) / len(stl), "tuned": sum(tuned) / len(tuned),
        "error_cut": 1 - tuned_error / stl_error,
        "worst": (worst[0], worst[1], worst[3] - worst[2]),
        "below_half_point": sum(1 for r in table if r[3] - r[2] < -0.005),
        "stl_picks": sum(r[4] for r in table), "splits": sum(r[5] for r in table),
    }


def compare(labels):
    tables = {label: rows(label) for label in labels}
    # Only the rows every run has (a run may be limited to some datasets).
    common = set.intersection(*({r[:2] for r in t} for t in tables.values()))
    tables = {label: [r for r in t if r[:2] in common] for label, t in tables.items()}
    first = tables[labels[0]]
    print("| data | main task | STL | " + " | ".join(f"tuned ({l})" for l in labels) + " |")
    print("|---|---|---|" + "---|" * len(labels))
    for i, r in enumerate(first):
        cells = [r[0], r[1], f"{r[2]:.3f}"]
        for label in labels:
            t = tables[label][i]
            assert t[:3] == r[:3], "the runs must share their STL folds"
            cells.append(f"{t[3]:.3f} ({t[3] - t[2]:+.3f}; λ=0 in {t[4]}/{t[5]})")
        print("| " + " | ".join(cells) + " |")
    print()
    print("| rule | rows | mean STL | mean tuned | error cut vs STL | rows > 0.5 pt below STL | worst row | λ = 0 picked |")
    print("|---|---|---|---|---|---|---|---|")
    for label in labels:
        s = summary(tables[label])
        w = s["worst"]
        print(f"| {label} | {len(tables[label])} | {s['stl']:.4f} | {s['tuned']:.4f} | {100 * s['error_cut']:.1f}% "
              f"| {s['below_half_point']} | {w[0]} {w[1]} {w[2]:+.4f} | {s['stl_picks']}/{s['splits']} |")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "run":
        run(sys.argv[2], sys.argv[3:])
        compare([sys.argv[2]])
    elif len(sys.argv) >= 3 and sys.argv[1] == "compare":
        compare(sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "default":
        default(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
