"""pandas baseline for mtltree's load benchmark: read_csv, one process."""
import sys
import pandas as pd

frame = pd.read_csv(sys.argv[1])
print(f"pandas: {len(frame)} rows, {len(frame.columns)} columns", file=sys.stderr)
