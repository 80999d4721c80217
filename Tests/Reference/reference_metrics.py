"""Reference values for TaskScore (Sources/MTLTreeKit/Evaluation/Metrics.swift),
from scikit-learn's own metrics. Run: python3 Tests/Reference/reference_metrics.py
The values printed are pasted into Tests/MTLTreeKitTests/MetricsTests.swift.

The case: a model with classes a, b, c; ten rows, one unlabelled (left out, as
TaskScore leaves it), one labelled d (a class the model never saw), weights not
all 1; probabilities as a tree would give them (rows summing to 1).
"""
import numpy as np
from sklearn.metrics import accuracy_score, balanced_accuracy_score, f1_score, log_loss, confusion_matrix

truth     = ["a", "a", "b", "c", None, "b", "a", "d", "c", "b"]
predicted = ["a", "b", "b", "c", "a",  "a", "a", "c", "b", "b"]
weights   = [1.0, 2.0, 1.0, 0.5, 1.0,  1.5, 1.0, 1.0, 2.0, 1.0]
probabilities = [  # over a, b, c
    [0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.1, 0.8, 0.1], [0.2, 0.2, 0.6], [0.7, 0.2, 0.1],
    [0.5, 0.4, 0.1], [0.9, 0.05, 0.05], [0.3, 0.3, 0.4], [0.25, 0.5, 0.25], [0.3, 0.4, 0.3],
]
keep = [i for i, t in enumerate(truth) if t is not None]
y = [truth[i] for i in keep]
p = [predicted[i] for i in keep]
w = [weights[i] for i in keep]
labels = ["a", "b", "c", "d"]
proba = np.array([probabilities[i] + [0.0] for i in keep])

print("accuracy", repr(accuracy_score(y, p, sample_weight=w)))
print("balanced_accuracy", repr(balanced_accuracy_score(y, p, sample_weight=w)))
print("macro_f1", repr(f1_score(y, p, average="macro", sample_weight=w, zero_division=0)))
print("log_loss", repr(log_loss(y, proba, labels=labels, sample_weight=w)))
print("confusion", confusion_matrix(y, p, labels=labels, sample_weight=w).tolist())

# Numeric tasks (NumericTaskScore): a weighted case with one unknown true value (left out).
from sklearn.metrics import mean_squared_error, mean_absolute_error, r2_score
y_true = [3.0, -0.5, 2.0, None, 7.0, 4.25]
y_pred = [2.5, 0.0, 2.0, 1.0, 8.0, 3.0]
w_num = [1.0, 2.0, 0.5, 1.0, 1.5, 1.0]
keep = [i for i, t in enumerate(y_true) if t is not None]
yt, yp, wn = [y_true[i] for i in keep], [y_pred[i] for i in keep], [w_num[i] for i in keep]
print("rmse", repr(float(np.sqrt(mean_squared_error(yt, yp, sample_weight=wn)))))
print("mae", repr(mean_absolute_error(yt, yp, sample_weight=wn)))
print("r2", repr(r2_score(yt, yp, sample_weight=wn)))
