"""Expected instances of the RRULEs in RecurrenceRuleTests, from an independent
implementation: python-dateutil's rrule (pip install python-dateutil).

Run: python3 Tests/Reference/reference_rrule.py
Prints one Swift table row per rule, pasted into RecurrenceRuleTests.swift.
Every DTSTART matches its rule (dateutil leaves out a DTSTART that does not,
RFC 5545 and mtltree count it as the first instance).
"""
from datetime import datetime
from dateutil.rrule import rrulestr

CASES = [
    ("20240130T090000", "FREQ=DAILY;INTERVAL=3;COUNT=5"),
    ("20240206T103000", "FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20240220T235959"),
    ("20240107T100000", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU;COUNT=6"),
    ("20240107T100000", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=MO;COUNT=6"),
    ("20240108T140000", "FREQ=MONTHLY;BYDAY=2MO;COUNT=4"),
    ("20240126T160000", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=4"),
    ("20240131T080000", "FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4"),
    ("20240131T080000", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3"),
    ("20240131T170000", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=4"),
    ("20240306T120000", "FREQ=YEARLY;BYMONTH=3,9;BYDAY=1WE;COUNT=4"),
    ("20240229T090000", "FREQ=YEARLY;COUNT=3"),
    ("20240228T090000", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=28,29;COUNT=4"),
    ("20240513T090000", "FREQ=YEARLY;BYDAY=20MO;COUNT=3"),
    ("20240102T093000", "FREQ=DAILY;BYHOUR=9,14;BYMINUTE=30;COUNT=5"),
    ("20240105T110000", "FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=5,-5;BYMONTH=1,3,7;COUNT=5"),
]

for start, rule in CASES:
    dtstart = datetime.strptime(start, "%Y%m%dT%H%M%S")
    instances = list(rrulestr(rule, dtstart=dtstart))
    assert instances[0] == dtstart, (start, rule)
    shown = ", ".join('"%s"' % d.strftime("%Y-%m-%d %H:%M") for d in instances)
    print('        ("%s", "%s", [%s]),' % (start, rule, shown))
