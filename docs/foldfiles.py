"""Shared by docs/numeric_results.py and docs/forest_results.py: read a data
set both as raw lines (to write each fold's training and test rows as files of
the input's own format, which mtltree reads exactly as it reads the whole
file) and as a pandas frame (for scikit-learn, the same rows by index).
"""
import math
import os
import subprocess

import numpy as np
import pandas as pd
from scipy import stats
from scipy.io import arff

BIN = os.environ.get("MTLTREE", ".build/release/mtltree")


def arff_parts(path):
    """Header lines (through @data) and data lines of an ARFF file."""
    header, rows, in_data = [], [], False
    for line in open(path):
        if in_data:
            if line.strip() and not line.startswith("%"):
                rows.append(line)
        else:
            header.append(line)
            in_data = line.strip().lower() == "@data"
    return header, rows


def csv_parts(path):
    lines = open(path).readlines()
    return [lines[0]], [line for line in lines[1:] if line.strip()]


def arff_frame(path):
    frame = pd.DataFrame(arff.loadarff(path)[0])
    for c in frame.columns:
        if frame[c].dtype == object:
            frame[c] = frame[c].str.decode("utf-8").replace("?", np.nan)
    return frame


def calendar_frame(path):
    """The calendar reader's derived columns (Fixtures/calendar/README.md), recomputed independently."""
    frame = pd.read_csv(path, na_values=["?", "", "NA"], keep_default_na=False)
    date = pd.to_datetime(frame["date"])
    season = np.where(date.dt.month <= 5, "spring", np.where(date.dt.month <= 8, "summer", "fall"))
    frame["semester"] = [f"{s}-{d.year}" for s, d in zip(season, date)]

    def minutes(t):
        return pd.to_numeric(t.str.split(":").str[0]) * 60 + pd.to_numeric(t.str.split(":").str[1])

    start = minutes(frame["start"])
    frame["duration"] = minutes(frame["end"]) - start
    frame["time_of_day"] = pd.cut(start, [-1, 539, 719, 839, 1019, 24 * 60],
                                  labels=["early", "morning", "midday", "afternoon", "late"]).astype(object)
    frame["day_of_week"] = date.dt.day_name().str[:3].str.lower()
    return frame.drop(columns=["date", "start", "end"])


def load(path, kind, drop=(), nominal=()):
    """(header lines, data lines, frame); `kind` is arff, csv or calendar."""
    if kind == "arff":
        header, rows = arff_parts(path)
        frame = arff_frame(path)
    else:
        header, rows = csv_parts(path)
        frame = calendar_frame(path) if kind == "calendar" else \
            pd.read_csv(path, na_values=["?", "", "NA"], keep_default_na=False)
    assert len(rows) == len(frame), (path, len(rows), len(frame))
    for c in nominal:
        frame[c] = frame[c].map(lambda v: v if pd.isna(v) else format_label(v))
    return header, rows, frame.drop(columns=[c for c in drop if c in frame.columns])


def format_label(value):
    """A label as mtltree writes it: whole numbers without a decimal point."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def encode_inputs(frame, exclude):
    """Numeric inputs as numbers, nominal ones as category codes; missing stays NaN
    (scikit-learn's trees and forests take it)."""
    columns = []
    for c in frame.columns:
        if c in exclude:
            continue
        if pd.api.types.is_numeric_dtype(frame[c]):
            columns.append(frame[c].astype(float).to_numpy())
        else:
            codes = frame[c].astype("category").cat.codes.to_numpy(dtype=float, copy=True)
            codes[codes < 0] = np.nan
            columns.append(codes)
    return np.column_stack(columns)


def write_fold(header, rows, train, test, workdir, suffix):
    paths = []
    for name, indices in [("train", train), ("test", test)]:
        path = os.path.join(workdir, name + suffix)
        with open(path, "w") as f:
            f.writelines(header + [rows[i] for i in indices])
        paths.append(path)
    return paths


def run(command):
    result = subprocess.run(["nice", "-n", "10", BIN, *command], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"mtltree {' '.join(command)}: {result.stderr.strip()}")
    return result


def corrected_p(differences, n_train, n_test):
    """Nadeau & Bengio's corrected resampled t-test, two-sided."""
    d = np.asarray(differences, dtype=float)
    k = len(d)
    variance = d.var(ddof=1)
    if variance == 0:
        return 1.0 if d.mean() == 0 else 0.0
    t = d.mean() / math.sqrt((1 / k + n_test / n_train) * variance)
    return 2 * stats.t.sf(abs(t), k - 1)
