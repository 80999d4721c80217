#!/usr/bin/env bash
# The bad-input audit: every case runs the release binary on a bad input
# (files in corpus/, option values, hand-edited models, output places, closed
# and full standard output, deep trees, memory limits, signals) and checks the
# contract of the README's reliability section:
#
#   - the exit status (sysexits: 64 usage, 65 bad data, 66 missing input, 73 cannot write);
#   - on failure, exactly one line on standard error, `mtltree COMMAND: ...error: ...`,
#     matching the case's pattern (the file, line and problem where there is one);
#   - no file left behind in the output folder (no partial output, no temporary file).
#
#   scripts/audit/run.sh                  # builds the release binary, runs every case
#   scripts/audit/run.sh path/to/mtltree  # another binary
#   AUDIT_VERBOSE=1 scripts/audit/run.sh  # print every case
#
# The cases are in cases.sh (one `case_` line each); this file is the runner.
set -uo pipefail
cd "$(dirname "$0")/../.."
if [ $# -ge 1 ]; then
  BIN=$(realpath "$1")
else
  swift build -c release --product mtltree >/dev/null || exit 1
  BIN=$(swift build -c release --show-bin-path)/mtltree
fi
C=$(realpath scripts/audit/corpus)
W=$(mktemp -d "${TMPDIR:-/tmp}/mtltree-audit.XXXXXX")
trap 'rm -rf "$W"' EXIT
O=$W/out  # the output folder every case starts empty
F=$(realpath Fixtures)
export BIN C W O F
cases=0 failed=0 known=0
started=$(date +%s)

# fail NAME WHY: record a failed case.
fail() {
  failed=$((failed + 1))
  printf 'FAIL %s: %s\n' "$1" "$2"
  [ -s "$W/stderr" ] && sed 's/^/     stderr: /' "$W/stderr" | head -5
}

# check NAME STATUS PATTERN [KEEP] -- COMMAND...: run COMMAND (a shell string may
# use $BIN, $C, $O, $F, $W) in an empty $O and check the contract. STATUS may be
# a list like 65|66. PATTERN is an extended regex the one stderr line must match
# (ignored for status 0). KEEP lists the files COMMAND may leave in $O.
check() {
  local name=$1 status=$2 pattern=$3 keep=${4:-}
  shift 4
  [ "${1:-}" = "--" ] && shift
  cases=$((cases + 1))
  rm -rf "$O" && mkdir -p "$O"
  ( cd "$O" && timeout -k 5 60 bash -c "$*" ) >"$W/stdout" 2>"$W/stderr" </dev/null
  local got=$?
  if ! [[ "$got" =~ ^($status)$ ]]; then
    fail "$name" "exit status $got, expected $status"
    return
  fi
  if [ "$status" != 0 ]; then
    local lines
    lines=$(wc -l <"$W/stderr")
    if [ "$lines" != 1 ] || [ -n "$(tail -c 1 "$W/stderr")" ]; then
      fail "$name" "expected one line on stderr, got $lines"
      return
    fi
    if ! grep -Eq "^mtltree( [a-z-]+)?: .*error: " "$W/stderr"; then
      fail "$name" "stderr is not 'mtltree COMMAND: ... error: ...'"
      return
    fi
    if ! grep -Eq -- "$pattern" "$W/stderr"; then
      fail "$name" "stderr does not match /$pattern/"
      return
    fi
  fi
  local left
  left=$(cd "$O" && find . -mindepth 1 -maxdepth 1 | sed 's|^\./||' | sort | xargs)
  if [ "$left" != "$(echo $keep | xargs -n1 | sort | xargs)" ]; then
    fail "$name" "files left in the output folder: '$left', expected '$keep'"
    return
  fi
  [ -n "${AUDIT_VERBOSE:-}" ] && printf 'ok   %s (%s)\n' "$name" "$got"
}

# known NAME WHY: a case that documents an open problem (counted, reported, not failing the run).
known() {
  known=$((known + 1))
  printf 'KNOWN %s: %s\n' "$1" "$2"
}

# shellcheck source=scripts/audit/cases.sh
source scripts/audit/cases.sh

elapsed=$(( $(date +%s) - started ))
printf 'audit: %d cases, %d failed, %d known open problems, %d s\n' "$cases" "$failed" "$known" "$elapsed"
[ "$failed" = 0 ]
