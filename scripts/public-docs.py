#!/usr/bin/env python3
"""Lists public declarations of the library targets that have no `///` comment.

Usage: scripts/public-docs.py [SOURCES...]   (default: Sources/MTLTreeKit Sources/MTLTreeCalendar)
Exits 1 if any is undocumented. A declaration counts as documented when the
line above it (attributes such as @inlinable skipped) is a `///` comment.
Conformance witnesses (`==`, `description`, `hash(into:)`) are exempt: their
protocol documents them.
"""
import pathlib
import re
import sys

EXEMPT = re.compile(r"static func ==|var description: String|func hash\(into|public init\(from decoder|func encode\(to encoder")
DECL = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*public\s+(?!extension)")

def undocumented(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if not DECL.match(line) or EXEMPT.search(line):
            continue
        j = i - 1
        while j >= 0 and re.match(r"^\s*@\w+", lines[j]):
            j -= 1
        if j < 0 or not lines[j].strip().startswith("///"):
            yield i + 1, line.strip()

def main():
    roots = sys.argv[1:] or ["Sources/MTLTreeKit", "Sources/MTLTreeCalendar"]
    missing = 0
    for root in roots:
        for path in sorted(pathlib.Path(root).rglob("*.swift")):
            for number, line in undocumented(path):
                print(f"{path}:{number}: {line}")
                missing += 1
    print(f"{missing} public declarations without a /// comment", file=sys.stderr)
    return 1 if missing else 0

if __name__ == "__main__":
    sys.exit(main())
