# The audit's cases, sourced by run.sh (which defines check, known, $BIN, $C, $O, $F, $W).
# check NAME STATUS STDERR-PATTERN "FILES LEFT IN \$O" -- COMMAND

# A good model, and hand-edited copies of it (made here, so they follow the current format).
$BIN train $C/csv-good.csv --tasks label --criterion gain --min-leaf 1 -o "$W/good.json" >/dev/null 2>&1 || echo "audit: cannot train the base model"
python3 - "$W" <<'PY'
import json, sys
w = sys.argv[1]
good = json.load(open(f"{w}/good.json"))
def edited(name, edit):
    m = json.loads(json.dumps(good))
    edit(m, m["trees"][0], m["trees"][0]["nodes"])
    json.dump(m, open(f"{w}/model-{name}.json", "w"))
def setitem(obj, key, value): obj[key] = value
edited("negative-weight", lambda m, t, n: setitem(n[0], "weight", -50))
edited("huge-counts", lambda m, t, n: setitem(n[1], "counts", [[1e308, 1e308]]))
edited("tiny-score", lambda m, t, n: setitem(n[0], "score", 5e-324))
edited("negative-score", lambda m, t, n: setitem(n[0], "score", -1))
edited("null-score", lambda m, t, n: setitem(n[0], "score", None))
edited("min-leaf", lambda m, t, n: setitem(t["configuration"], "min_leaf", -1e308))
edited("max-depth", lambda m, t, n: setitem(t["configuration"], "max_depth", -1.5))
edited("children", lambda m, t, n: setitem(n[0], "children", [1, 999]))
edited("attribute", lambda m, t, n: setitem(n[0]["test"], "attribute", "nope"))
edited("version", lambda m, t, n: setitem(m, "version", 99))
edited("format", lambda m, t, n: setitem(m, "format", "other"))
edited("no-trees", lambda m, t, n: setitem(m, "trees", []))
edited("classes", lambda m, t, n: setitem(t["schema"]["tasks"][0], "classes", ["a", "a"]))
text = open(f"{w}/good.json").read()
open(f"{w}/model-truncated.json", "w").write(text[: len(text) // 2])
open(f"{w}/model-not-json.json", "w").write("this is not json\n")
open(f"{w}/model-empty.json", "w").write("")
PY

# --- CSV: describe and train name the file, line and column -----------------
check csv-empty 65 'csv-empty.csv: error: the file is empty' '' -- '$BIN describe $C/csv-empty.csv'
check csv-header-only 65 'csv-header-only.csv:2:1: error: the file has a header but no data rows' '' -- '$BIN train $C/csv-header-only.csv --tasks label'
check csv-ragged 65 'csv-ragged.csv:3:[0-9]+: error: expected 3 fields, found 2' '' -- '$BIN describe $C/csv-ragged.csv'
check csv-ragged-train 65 'csv-ragged.csv:3:[0-9]+: error: expected 3 fields' '' -- '$BIN train $C/csv-ragged.csv --tasks label -o m.json'
check csv-extra-field 65 'csv-extra-field.csv:3:[0-9]+: error: expected 3 fields, found 4' '' -- '$BIN describe $C/csv-extra-field.csv'
check csv-unterminated-quote 65 'csv-unterminated-quote.csv:2:[0-9]+: error: unterminated quoted field' '' -- '$BIN describe $C/csv-unterminated-quote.csv'
# A quote inside an unquoted field is kept as text (as Python's csv module does).
check csv-quote-inside 0 '' '' -- '$BIN describe $C/csv-quote-inside.csv'
check csv-duplicate-names 65 "csv-duplicate-names.csv:1:[0-9]+: error: duplicate column name 'x'" '' -- '$BIN describe $C/csv-duplicate-names.csv'
check csv-empty-name 65 'csv-empty-name.csv:1:[0-9]+: error: ' '' -- '$BIN describe $C/csv-empty-name.csv'
check csv-invalid-utf8 65 'csv-invalid-utf8.csv:2:[0-9]+: error: .*UTF-8' '' -- '$BIN train $C/csv-invalid-utf8.csv --tasks label -o m.json'
check csv-nul 65 'csv-nul.csv:2:[0-9]+: error: ' '' -- '$BIN describe $C/csv-nul.csv'
check csv-only-newlines 65 'csv-only-newlines.csv' '' -- '$BIN describe $C/csv-only-newlines.csv'
check csv-binary 65 'csv-binary.csv(:[0-9]+)*: error: ' '' -- '$BIN describe $C/csv-binary.csv'
# A task's limit applies when it is read as nominal: an unforced task may turn out numeric, so it has none while reading.
check csv-too-many-values 65 "csv-too-many-values.csv:[0-9]+:[0-9]+: error: .*'label'" '' -- '$BIN train $C/csv-too-many-values.csv --tasks label --nominal label --max-values 3 -o m.json'
check csv-task-all-missing 65 "csv-task-all-missing.csv: error: .*label" '' -- '$BIN train $C/csv-task-all-missing.csv --tasks label -o m.json'
check csv-bom-crlf 0 '' 'm.json' -- '$BIN train $C/csv-bom-crlf.csv --tasks label -o m.json'
check csv-missing-file 66 "error: cannot open '.*nope.csv': No such file" '' -- '$BIN describe $C/nope.csv'
check csv-directory 66 'folder.csv.*director' '' -- 'mkdir -p $W/folder.csv && $BIN describe $W/folder.csv'
check csv-unknown-task 64 "no column named 'nope'" '' -- '$BIN train $C/csv-good.csv --tasks nope -o m.json'
check csv-unknown-extension 64 'extension' '' -- '$BIN describe $C/../run.sh'

# --- ARFF --------------------------------------------------------------------
check arff-empty 65 'arff-empty.arff(:[0-9]+)*: error: ' '' -- '$BIN describe $C/arff-empty.arff'
check arff-no-data 65 'arff-no-data.arff(:[0-9]+)*: error: .*@data' '' -- '$BIN describe $C/arff-no-data.arff'
check arff-unknown-type 65 'arff-unknown-type.arff:2:[0-9]+: error: ' '' -- '$BIN describe $C/arff-unknown-type.arff'
check arff-undeclared-value 65 "arff-undeclared-value.arff:5:[0-9]+: error: 'z' is not a declared value" '' -- '$BIN describe $C/arff-undeclared-value.arff'
check arff-field-count 65 'arff-field-count.arff:5:[0-9]+: error: ' '' -- '$BIN describe $C/arff-field-count.arff'
check arff-not-a-number 65 "arff-not-a-number.arff:5:[0-9]+: error: .*'abc' is not a number" '' -- '$BIN describe $C/arff-not-a-number.arff'
check arff-sparse-out-of-range 65 'arff-sparse-out-of-range.arff:5:[0-9]+: error: sparse index 5 is out of range' '' -- '$BIN describe $C/arff-sparse-out-of-range.arff'
check arff-sparse-not-increasing 65 'arff-sparse-not-increasing.arff:5:[0-9]+: error: sparse index 0 is not greater' '' -- '$BIN describe $C/arff-sparse-not-increasing.arff'
check arff-negative-weight 65 "arff-negative-weight.arff:5:[0-9]+: error: bad instance weight '-2'" '' -- '$BIN describe $C/arff-negative-weight.arff'
check arff-bad-weight 65 "arff-bad-weight.arff:5:[0-9]+: error: bad instance weight 'abc'" '' -- '$BIN describe $C/arff-bad-weight.arff'
check arff-weight-overflow 65 'arff-weight-overflow.arff:[0-9]+(:[0-9]+)?: error: the instance weights add up' '' -- '$BIN describe $C/arff-weight-overflow.arff'
check arff-duplicate-attribute 65 "arff-duplicate-attribute.arff:3:[0-9]+: error: .*'x'" '' -- '$BIN describe $C/arff-duplicate-attribute.arff'
check arff-unterminated-values 65 'arff-unterminated-values.arff:2:[0-9]+: error: ' '' -- '$BIN describe $C/arff-unterminated-values.arff'
# Weka requires @relation; mtltree reads the file without it.
check arff-no-relation 0 '' '' -- '$BIN describe $C/arff-no-relation.arff'
# Issue #18 finding 1: the smallest weight trained a model print refused.
check arff-smallest-weight-train 0 '' 'm.json' -- '$BIN train $C/arff-smallest-weight.arff --main c --criterion gain -o m.json'
check arff-smallest-weight-print 0 '' '' -- '$BIN train $C/arff-smallest-weight.arff --main c -o $W/tiny.json 2>/dev/null && $BIN print $W/tiny.json --gains'

# --- calendar logs -----------------------------------------------------------
check cal-no-location 65 "cal-no-location.csv:1: error: .*'location'" '' -- '$BIN train $C/cal-no-location.csv --calendar --main location -o m.json'
check cal-bad-date 65 'cal-bad-date.csv:2:[0-9]+: error: ' '' -- '$BIN train $C/cal-bad-date.csv --calendar --main location -o m.json'
check cal-bad-time 65 'cal-bad-time.csv:2:[0-9]+: error: ' '' -- '$BIN train $C/cal-bad-time.csv --calendar --main location -o m.json'
check cal-bad-end 65 'cal-bad-end.csv:2:[0-9]+: error: ' '' -- '$BIN train $C/cal-bad-end.csv --calendar --main location -o m.json'
check cal-empty 65 'cal-empty.csv: error: ' '' -- '$BIN train $C/cal-empty.csv --calendar --main location -o m.json'

# --- option values: a usage error (64) naming the option ---------------------
D='$C/csv-good.csv --tasks label'
for bad in -1 abc nan inf 1e400 '' 1.5; do
  check "opt-max-depth[$bad]" 64 '--max-depth' '' -- "\$BIN train $D --max-depth '$bad' -o m.json"
done
for bad in 0 -1 nan inf abc 1e300; do
  check "opt-min-leaf[$bad]" 64 '--min-leaf' '' -- "\$BIN train $D --min-leaf '$bad' -o m.json"
done
for bad in 0 2 -0.5 nan abc; do
  check "opt-confidence[$bad]" 64 '--confidence' '' -- "\$BIN train $D --confidence '$bad' -o m.json"
done
for bad in 0 -5 abc 1e99; do
  check "opt-max-values[$bad]" 64 '--max-values' '' -- "\$BIN train $D --max-values '$bad' -o m.json"
done
for bad in -1 nan abc inf; do
  check "opt-lambda[$bad]" 64 'λ|lambda' '' -- "\$BIN train \$C/csv-good.csv --tasks label,y --nominal y --main label --lambda '$bad' -o m.json"
done
check opt-criterion 64 "criterion" '' -- "\$BIN train $D --criterion entropy -o m.json"
check opt-unknown 64 "unknown option '--max-dept'; did you mean '--max-depth'" '' -- "\$BIN train $D --max-dept 3 -o m.json"
check opt-missing-value 64 '--tasks needs a value' '' -- '$BIN train $C/csv-good.csv --tasks'
check opt-option-as-value 64 "--tasks needs a value, not the option '--main'" '' -- '$BIN train $C/csv-good.csv --tasks --main label'
check opt-extra-argument 64 "unexpected argument" '' -- "\$BIN train $D extra.csv -o m.json"
check opt-unknown-command 64 "unknown command 'trian'" '' -- '$BIN trian'
# Issue #18 finding 4: a repeated single-valued option is refused, not last-wins.
check opt-repeat-max-depth 64 "--max-depth is given 2 times" '' -- "\$BIN train $D --max-depth=-inf --max-depth 1 -o m.json"
for opt in --seed --meetings --noise --missing-rate; do
  check "opt-repeat$opt" 64 "$opt is given 2 times" '' -- "\$BIN generate-calendar $opt 1 $opt 2"
done
for bad in 0 -3 abc 1e12; do
  check "opt-meetings[$bad]" 64 '--meetings' '' -- "\$BIN generate-calendar --meetings '$bad'"
done
for bad in -0.1 2 nan; do
  check "opt-noise[$bad]" 64 '--noise' '' -- "\$BIN generate-calendar --noise '$bad'"
  check "opt-missing-rate[$bad]" 64 '--missing-rate' '' -- "\$BIN generate-calendar --missing-rate '$bad'"
done
check opt-seed 64 '--seed' '' -- "\$BIN generate-calendar --seed -1"
check opt-folds 64 '--folds' '' -- "\$BIN evaluate $D --folds 1"
check opt-repeats 64 '--repeats' '' -- "\$BIN evaluate $D --repeats 0"
check opt-print-tree 64 '--tree' '' -- '$BIN print $W/good.json --tree 0'
check opt-print-format 64 'format' '' -- '$BIN print $W/good.json --format svg'
check opt-print-max-depth 64 '--max-depth' '' -- '$BIN print $W/good.json --max-depth -1'
check opt-predict-missing 64 'missing MODEL and DATA' '' -- '$BIN predict'

# --- model files: print and predict refuse impossible or broken models (65), naming the member
check model-negative-weight 65 'model-negative-weight.json: error: invalid model: trees\[0\]\.nodes\[0\]\.weight: -50 is negative' '' -- '$BIN predict $W/model-negative-weight.json $C/csv-good.csv --probabilities'
check model-huge-counts 65 'trees\[0\]\.nodes\[1\]\.counts\[0\]' '' -- '$BIN predict $W/model-huge-counts.json $C/csv-good.csv --probabilities'
check model-tiny-score 65 'trees\[0\]\.nodes\[0\]\.score' '' -- '$BIN print $W/model-tiny-score.json --gains'
check model-negative-score 65 'trees\[0\]\.nodes\[0\]\.score' '' -- '$BIN print $W/model-negative-score.json --gains'
check model-null-score 65 'trees\[0\]\.nodes\[0\]\.score: expected a number' '' -- '$BIN print $W/model-null-score.json'
check model-min-leaf 65 'trees\[0\]\.configuration\.min_leaf' '' -- '$BIN print $W/model-min-leaf.json'
check model-max-depth 65 'trees\[0\]\.configuration\.max_depth' '' -- '$BIN print $W/model-max-depth.json'
check model-children 65 'trees\[0\]\.nodes\[0\]\.children' '' -- '$BIN print $W/model-children.json'
check model-attribute 65 "unknown attribute 'nope'" '' -- '$BIN predict $W/model-attribute.json $C/csv-good.csv'
check model-version 65 'unsupported model version 99' '' -- '$BIN print $W/model-version.json'
check model-format 65 'not an mtltree model' '' -- '$BIN print $W/model-format.json'
check model-no-trees 65 'model-no-trees.json: error: ' '' -- '$BIN print $W/model-no-trees.json'
check model-classes 65 "'a' is listed twice" '' -- '$BIN print $W/model-classes.json'
check model-truncated 65 'model-truncated.json(:[0-9]+)*: error: not an mtltree model' '' -- '$BIN print $W/model-truncated.json'
check model-not-json 65 'model-not-json.json(:[0-9]+)*: error: not an mtltree model' '' -- '$BIN predict $W/model-not-json.json $C/csv-good.csv'
check model-empty 65 'model-empty.json: error: empty file' '' -- '$BIN print $W/model-empty.json'
check model-dev-null 65 '/dev/null: error: empty file' '' -- '$BIN print /dev/null'
check model-missing 66 'nope.json: error: no such file' '' -- '$BIN print $W/nope.json'
check model-directory 66 'error: is a directory' '' -- '$BIN print $W'
check model-data-as-model 65 'csv-good.csv(:[0-9]+)*: error: not an mtltree model' '' -- '$BIN print $C/csv-good.csv'
printf 'label\nb\n' > "$W/only-label.csv"
check predict-missing-column 65 "only-label.csv: error: the data have no column '(x|y)', an input the model tests" '' -- '$BIN predict $W/good.json $W/only-label.csv'
# A numeric input holding text: the cell's line and column (it said only "data row 2").
check predict-type-mismatch 65 "predict-text-in-numeric.csv:3:3: error: column 'x' is numeric in the model, but data row 2 has the value 'two'" '' -- '$BIN predict $W/good.json $C/predict-text-in-numeric.csv'

# --- output places: nothing written, nothing left behind ---------------------
T='$BIN train $C/csv-good.csv --tasks label'
check out-missing-folder 73 "cannot write '.*no-such-folder/m.json': no folder" '' -- "$T -o no-such-folder/m.json"
check out-is-folder 73 "cannot write" 'folder ' -- "mkdir folder && $T -o folder"
check out-dev-full 73 "No space left on device" '' -- "$T -o /dev/full"
check out-proc 73 "cannot write '/proc/version'" '' -- "$T -o /proc/version"
check out-is-input 64 "csv-good.csv" '' -- "$T -o \$C/csv-good.csv"
check out-symlink-to-input 64 "link-to-data.json" 'link-to-data.json ' -- "ln -s \$C/csv-good.csv link-to-data.json && $T -o link-to-data.json"
check out-symlink-kept 0 '' 'link.json target.json ' -- "touch target.json && ln -s target.json link.json && $T -o link.json >/dev/null 2>&1 && test -L link.json && test -s target.json"
check out-fifo 0 '' 'fifo ' -- "mkfifo fifo && (cat fifo > \$W/from-fifo &) && $T -o fifo >/dev/null 2>&1 && sleep 0.2 && grep -q mtltree-model \$W/from-fifo"
check out-predict-missing-folder 73 "no folder" '' -- '$BIN predict $W/good.json $C/csv-good.csv -o a/b/p.csv'
check out-predict-dev-full 73 "No space left on device" '' -- '$BIN predict $W/good.json $C/csv-good.csv -o /dev/full'
check out-generate-dev-full 73 "No space left on device" '' -- '$BIN generate-calendar --meetings 50 -o /dev/full'
check out-dash-is-stdout 0 '' '' -- '$BIN predict $W/good.json $C/csv-good.csv -o - | grep -q "^label$"'
check out-train-dash 0 '' '' -- "$T -o - 2>/dev/null | grep -q mtltree-model"

# --- standard output closed or full: 73, one line, and train says the model was written
check stdout-closed-print 73 'cannot write to standard output' '' -- '$BIN print $W/good.json >&-'
check stdout-full-predict 73 'cannot write to standard output: No space left on device' '' -- '$BIN predict $W/good.json $C/csv-good.csv > /dev/full'
check stdout-full-train 73 'cannot write to standard output: .*; the model was written to m.json' 'm.json ' -- "$T -o m.json > /dev/full"
check stdout-closed-describe 73 'cannot write to standard output' '' -- '$BIN describe $C/csv-good.csv >&-'
# SIGPIPE: a reader that stops early ends mtltree by the signal, silently (status 141), as it does cat.
python3 -c 'print("x,y,label"); [print(str(i) + "," + str(i % 10) + ",a") for i in range(200000)]' > "$W/long.csv"
check sigpipe-predict 0 '' '' -- '$BIN predict $W/good.json $W/long.csv 2>$W/pipe-err | head -1 >/dev/null; test "${PIPESTATUS[0]}" = 141 && test ! -s $W/pipe-err'

# --- deep trees: alternating labels grow one level per row pair ---------------
python3 -c 'print("x,label"); [print(str(i) + "," + "ab"[i % 2]) for i in range(6000)]' > "$W/alternating.csv"
check deep-train 0 '' 'deep.json ' -- '$BIN train $W/alternating.csv --tasks label --criterion gain --min-leaf 1 --confidence 1 -o deep.json >/dev/null 2>&1 && $BIN print deep.json --max-depth 3 >/dev/null && $BIN predict deep.json $W/alternating.csv | tail -1 | grep -q "^[ab]$" && $BIN print deep.json --format rules | wc -l | grep -qv "^0$"'

# --- memory: under a limit, an error on one line, never a trap (exit 134) ----
python3 -c 'print("x,label"); [print(str(i) + ",c" + str(i)) for i in range(20000)]' > "$W/many-classes.csv"
check memory-ulimit-describe 0 '' '' -- '(ulimit -v 600000; $BIN describe $W/many-classes.csv --max-values 65536 >/dev/null)'
check memory-many-classes '1|65|73' 'error: ' '' -- '(ulimit -v 1500000; $BIN train $W/many-classes.csv --tasks label --max-values 65536 -o m.json >/dev/null)'

# --- signals: a killed train leaves no model and no temporary file -----------
for sig in TERM INT KILL; do
  check "signal-$sig" 0 '' '' -- "$BIN train \$F/data/thyroid0387.csv --tasks t_hyperthyroid --ignore record_id -o m.json >/dev/null 2>&1 & p=\$!; sleep 0.4; kill -$sig \$p; wait \$p; s=\$?; if [ \$s != 0 ] && [ -e m.json ]; then exit 99; fi; rm -f m.json"
done
