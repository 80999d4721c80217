#!/usr/bin/env bash
# Builds and runs the README's embedding example as a package of its own, the
# way a user would: its Package.swift and main.swift, copied from the README,
# in a folder beside a copy of this checkout whose folder is NOT named
# "mtltree" (SwiftPM names a path dependency after its folder). Slow (it
# builds MTLTreeKit once more), so it runs from .ci/run, not from swift test.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
checkout="$work/My-MTL_checkout"
mkdir -p "$checkout/Fixtures/calendar" "$work/MyTool/Sources/MyTool"
cp -R Package.swift Sources "$checkout/"
cp Fixtures/calendar/meetings.csv "$checkout/Fixtures/calendar/"
# The README's Swift blocks that start with the two files' names, paths pointed at the copy.
python3 - "$root/README.md" "$work/MyTool" <<'PY'
import sys
readme, tool = open(sys.argv[1]).read(), sys.argv[2]
blocks = [b.split("\n```")[0] for b in readme.split("```swift\n")[1:]]
def block(first):
    found = [b for b in blocks if first in b.split("\n")[:2]]
    assert len(found) == 1, f"the README has no single block for {first}"
    return found[0].replace("../mtltree", "../My-MTL_checkout") + "\n"
open(f"{tool}/Package.swift", "w").write(block("// MyTool/Package.swift"))
open(f"{tool}/Sources/MyTool/main.swift", "w").write(block("// MyTool/Sources/MyTool/main.swift"))
PY
cd "$work/MyTool"
swift build 2>&1 | tail -3
out=$(swift run MyTool 2>/dev/null)
echo "$out" | head -3
# The drawing, then three rows of predictions (location, duration).
echo "$out" | grep -q "^root  n=2000$"
[ "$(echo "$out" | tail -3 | awk 'NF == 2' | wc -l)" -eq 3 ]
test -s meetings.model.json
echo "readme-embedding: the README's package builds and runs"
