#!/usr/bin/env bash
# Reading a big iCalendar file: 10,000 events, a third of them weekly series
# over two years (about 350,000 rows in all), in release mode.
# Target (issue 19): under a second. Usage: Benchmarks/calendar_ics.sh [EVENTS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
. Benchmarks/lib.sh
events=${1:-10000}
runs=${2:-5}
file=$(mktemp -d)/bench.ics
python3 Benchmarks/make_ics.py "$events" "$file"
bin=$(release_bin)
echo "file: $(wc -c <"$file") bytes, $events events"
"$bin" describe "$file" --time-zone America/New_York 2>&1 >/dev/null | head -1
for i in $(seq "$runs"); do
    /usr/bin/time -f "run $i: %e s elapsed, %U s user, %M KiB max resident" \
        "$bin" describe "$file" --time-zone America/New_York >/dev/null 2>/tmp/calendar_ics_time.$$ || true
    tail -1 /tmp/calendar_ics_time.$$
done
rm -f /tmp/calendar_ics_time.$$ "$file"
