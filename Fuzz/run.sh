#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer) of every reader mtltree has: CSV, ARFF,
# the calendar log, iCalendar (.ics) and the model file. Not part of the package build.
#
#   Fuzz/run.sh build                 # build the targets into $FUZZ_OUT (default .build-fuzz/)
#   Fuzz/run.sh run csv 600           # fuzz one target for 600 seconds
#   Fuzz/run.sh all 3600              # every target, one after another
#   Fuzz/run.sh repro model FILE      # run one input (a crash-* file) through a target
#
# Targets: csv, arff, calendar (meeting log), ics (iCalendar), model.
# Each target is MTLTreeKit's (and MTLTreeCalendar's) sources, built with
# -sanitize=fuzzer,address, and one entry point in Fuzz/Targets: the input is
# written to a file and read as the format; an error must be an MTLError on
# one line; data a reader accepts (up to 300 rows) is trained on, and the model
# written, read back (it must load, unchanged), printed in every format and
# used to predict. The model target reads the input as a model file, then
# prints, rewrites and predicts.
#
# Seeds come from Fixtures/ (the first 4 KiB of each file) and Fuzz/Seeds/;
# the growing corpus lives in $FUZZ_CORPUS/TARGET (default .build-fuzz/corpus,
# git-ignored). Crashes go to $FUZZ_OUT/crashes/TARGET/, libFuzzer's whole
# output (its final stat:: lines included) to $FUZZ_OUT/fuzz-TARGET.log.
# Runs are niced (nice -n 19): the fuzzers take only idle CPU.
# FUZZ_JOBS=N runs N processes per target. FUZZ_FLAGS adds libFuzzer flags: on
# a loaded machine, FUZZ_FLAGS='-fork=1 -ignore_crashes=1 -timeout=120' keeps
# a run going past a crash (still saved in crashes/) and past an input that
# was only starved of CPU (at nice 19 under load, a 2 s input took 21 s).
#
# Resuming: a run starts from everything in its corpus folder (seeds are
# re-added, never replace it), so campaigns accumulate. Keep the corpus in a
# folder that outlives the build, and point later runs at it:
#   FUZZ_OUT=/work/fuzzwork/build FUZZ_CORPUS=/work/fuzzwork/corpus Fuzz/run.sh run ics 3600
# To carry a corpus elsewhere, merge it into the new folder (keeps only inputs
# that add coverage): .build-fuzz/fuzz-csv -merge=1 NEW_DIR OLD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
out=${FUZZ_OUT:-.build-fuzz}
corpus=${FUZZ_CORPUS:-$out/corpus}
targets=(csv arff calendar ics model)

build() {
  mkdir -p "$out"
  # The library once, instrumented, as modules the targets import (@testable: internal readers).
  local kit calendar
  kit=$(find Sources/MTLTreeKit -name '*.swift' | sort)
  # shellcheck disable=SC2086
  nice -n 10 swiftc -O -wmo -parse-as-library -enable-testing -sanitize=fuzzer,address -package-name mtltree -module-name MTLTreeKit \
    -emit-module -emit-module-path "$out/MTLTreeKit.swiftmodule" -c $kit -o "$out/MTLTreeKit.o"
  local objects=("$out/MTLTreeKit.o")
  if [ -d Sources/MTLTreeCalendar ]; then
    calendar=$(find Sources/MTLTreeCalendar -name '*.swift' | sort)
    # shellcheck disable=SC2086
    nice -n 10 swiftc -O -wmo -parse-as-library -enable-testing -sanitize=fuzzer,address -package-name mtltree -module-name MTLTreeCalendar \
      -I "$out" -emit-module -emit-module-path "$out/MTLTreeCalendar.swiftmodule" -c $calendar -o "$out/MTLTreeCalendar.o"
    objects+=("$out/MTLTreeCalendar.o")
  fi
  for t in "${targets[@]}"; do
    local entry
    case $t in csv) entry=CSVTarget ;; arff) entry=ARFFTarget ;; calendar) entry=CalendarTarget ;; ics) entry=ICalendarTarget ;; model) entry=ModelTarget ;; esac
    nice -n 10 swiftc -O -parse-as-library -sanitize=fuzzer,address -package-name mtltree -I "$out" \
      Fuzz/Targets/FuzzSupport.swift "Fuzz/Targets/$entry.swift" "${objects[@]}" -o "$out/fuzz-$t"
  done
  echo "built ${targets[*]} in $out/"
}

seeds() { # the seed corpus of a target
  local t=$1 dir=$corpus/$1
  mkdir -p "$dir"
  local files=()
  case $t in
    csv) files=(Fixtures/data/*.csv Fixtures/data/monks/*.csv Fixtures/calendar/meetings.csv) ;;
    arff) files=(Fixtures/data/*.arff Fixtures/data/monks/*.arff) ;;
    calendar) files=(Fixtures/calendar/meetings.csv) ;;
    ics) files=(Fixtures/calendar/ics/*.ics) ;;
    model) files=() ;;
  esac
  for f in "${files[@]}"; do head -c 4096 "$f" > "$dir/seed-$(basename "$f")"; done
  [ -d "Fuzz/Seeds/$t" ] && cp Fuzz/Seeds/"$t"/* "$dir/" 2>/dev/null || true
}

run() { # TARGET SECONDS
  local t=$1 seconds=$2
  [ -x "$out/fuzz-$t" ] || build
  seeds "$t"
  mkdir -p "$out/crashes/$t"
  nice -n 19 "$out/fuzz-$t" "$corpus/$t" -max_total_time="$seconds" -max_len=8192 -timeout=20 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/crashes/$t/" ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS} ${FUZZ_FLAGS:-} 2>&1 | tee "$out/fuzz-$t.log" | grep -E "^#[0-9]+.*(INITED|DONE|pulse)|stat::|ERROR|SUMMARY" || true
}

case "${1:-}" in
  build) build ;;
  run) run "$2" "${3:-600}" ;;
  all) for t in "${targets[@]}"; do run "$t" "${2:-600}"; done ;;
  repro) [ -x "$out/fuzz-$2" ] || build; "$out/fuzz-$2" "$3" ;;
  *) sed -n '2,34p' "$0" >&2; exit 64 ;;
esac
