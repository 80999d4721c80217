#!/usr/bin/env python3
"""Rebuilds the README's results table: `mtltree evaluate --shuffle-test --tune`
with each listed task as main, as JSON, turned into Markdown rows.

    swift build -c release && python3 docs/results.py > results.md

p-values in the table are the corrected paired t-test (Nadeau & Bengio), which
`evaluate` reports beside the plain one for cross-validation.
"""
import json
import subprocess
import sys

BIN = ".build/release/mtltree"


def arff_tasks(path, count):
    names = [line.split()[1] for line in open(path) if line.lower().startswith("@attribute")]
    return names[-count:]


thyroid_tasks = [c for c in open("Fixtures/data/thyroid0387.csv").readline().strip().split(",") if c.startswith("t_")]
emotions = arff_tasks("Fixtures/data/emotions.arff", 6)
water = arff_tasks("Fixtures/data/water-quality.arff", 14)
bridges = ["T-OR-D", "MATERIAL", "SPAN", "REL-L", "TYPE"]
monks = ["monk1", "monk2", "monk3"]

# (label, arguments, main tasks shown, repeats)
DATASETS = [
    ("calendar", ["Fixtures/calendar/meetings.csv", "--calendar"], ["location", "time_of_day", "day_of_week", "duration"], 3),
    ("bridges", ["Fixtures/data/bridges.arff", "--tasks", ",".join(bridges), "--ignore", "IDENTIF"],
     ["TYPE", "MATERIAL", "T-OR-D", "REL-L", "SPAN"], 3),
    ("MONK's", ["Fixtures/data/monks/monks-3tasks.csv", "--tasks", ",".join(monks), "--nominal",
                "head_shape,body_shape,is_smiling,holding,jacket_color,has_tie"], monks, 3),
    ("emotions", ["Fixtures/data/emotions.arff", "--tasks", ",".join(emotions)], emotions, 3),
    ("water-quality", ["Fixtures/data/water-quality.arff", "--tasks", ",".join(water), "--nominal", ",".join(water)], ["29600", "25400", "49700"], 1),
    ("thyroid0387", ["Fixtures/data/thyroid0387.csv", "--tasks", ",".join(thyroid_tasks), "--ignore", "record_id"],
     ["t_hypothyroid", "t_binding_protein"], 1),
]


def accuracy(report, learner):
    result = next(r for r in report["learners"] if r["id"] == learner)
    task = result["tasks"][0]
    return f"{task['accuracy']:.3f} ± {task['standard_error']:.3f}"


def difference(report, a, b):
    comparison = next(c for c in report["comparisons"] if c["a"] == a and c["b"] == b)
    task = comparison["tasks"][0]
    p = task["p_value_corrected"]
    sign = "+" if task["mean_difference"] >= 0 else "−"
    text = f"{sign}{abs(task['mean_difference']):.3f} ({'<0.001' if p < 0.001 else f'{p:.3f}'})"
    return f"**{text}**" if p < 0.05 else text


def main():
    print("| data | main task | STL | MTL λ=1 | MTL tuned | all equal | MTL shuffled | majority "
          "| MTL − STL (p) | tuned − STL (p) | MTL − shuffled (p) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for label, arguments, mains, repeats in DATASETS:
        for main_task in mains:
            command = [BIN, "evaluate", *arguments, "--main", main_task, "--shuffle-test", "--tune",
                       "--repeats", str(repeats), "--quiet", "--format", "json"]
            report = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
            cells = [label, main_task] + [accuracy(report, learner) for learner in
                                          ["stl", "mtl", "mtl-tuned", "all-equal", "mtl-shuffled"]]
            majority = next(r for r in report["learners"] if r["id"] == "majority")["tasks"][0]["accuracy"]
            cells += [f"{majority:.3f}", difference(report, "mtl", "stl"), difference(report, "mtl-tuned", "stl"),
                      difference(report, "mtl", "mtl-shuffled")]
            print("| " + " | ".join(cells) + " |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
