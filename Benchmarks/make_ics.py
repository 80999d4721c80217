"""Writes a synthetic iCalendar file for the calendar-reading benchmark:
EVENTS VEVENTs, a third of them weekly series over two years (104 instances
each, with an EXDATE and a moved instance every tenth series), the rest
single meetings spread over the same two years; TZID=America/New_York with
its VTIMEZONE, folded lines, attendees, a VALARM on every fifth event.

Usage: python3 Benchmarks/make_ics.py EVENTS OUT.ics
"""
import random
import sys
from datetime import datetime, timedelta

events, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(1)
start = datetime(2023, 9, 4, 0, 0)
rooms = ["weh-5309", "weh-4623", "dh-2210", "wh-600", "nsh-3305", "ghc-8102", "skibo-cafe"]
people = ["chen", "lopez", "ahmed", "clark", "tanaka", "ellis", "fox", "meier", "okafor", "silva"]

def stamp(t):
    return t.strftime("%Y%m%dT%H%M%S")

def fold(line):
    data = line.encode()
    parts = []
    while len(data) > 75:
        cut = 75 if not parts else 74
        parts.append(data[:cut])
        data = data[cut:]
    parts.append(data)
    return b"\r\n ".join(parts).decode() + "\r\n"

lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//mtltree//benchmark//EN", "X-WR-TIMEZONE:America/New_York",
         "BEGIN:VTIMEZONE", "TZID:America/New_York",
         "BEGIN:DAYLIGHT", "TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "DTSTART:20070311T020000",
         "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "END:DAYLIGHT",
         "BEGIN:STANDARD", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500", "DTSTART:20071104T020000",
         "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "END:STANDARD", "END:VTIMEZONE"]
text = [fold(l) for l in lines]
for i in range(events):
    recurring = i % 3 == 0
    day = start + timedelta(days=rng.randrange(0, 7 if recurring else 728))
    begin = day.replace(hour=rng.randrange(8, 18), minute=rng.choice([0, 15, 30, 45]))
    end = begin + timedelta(minutes=rng.choice([30, 45, 60, 90]))
    who = rng.sample(people, rng.randrange(1, 4))
    ev = ["BEGIN:VEVENT", "UID:event-%d@bench.example" % i, "DTSTAMP:20250101T000000Z",
          "DTSTART;TZID=America/New_York:" + stamp(begin), "DTEND;TZID=America/New_York:" + stamp(end),
          "SUMMARY:Meeting number %d about a topic with a long enough title to be folded by the writer" % i,
          "LOCATION:" + rng.choice(rooms), "ORGANIZER;CN=Owner:mailto:owner@cs.example.edu",
          "CREATED:20230801T120000Z"]
    ev += ["ATTENDEE;CN=%s;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:%s@cs.example.edu" % (p, p) for p in who]
    if recurring:
        ev.append("RRULE:FREQ=WEEKLY;COUNT=104")
        if i % 30 == 0:
            ev.append("EXDATE;TZID=America/New_York:" + stamp(begin + timedelta(weeks=5)))
    if i % 5 == 0:
        ev += ["BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PT10M", "DESCRIPTION:Reminder", "END:VALARM"]
    ev.append("END:VEVENT")
    if recurring and i % 30 == 0:
        moved = begin + timedelta(weeks=7)
        ev += ["BEGIN:VEVENT", "UID:event-%d@bench.example" % i,
               "RECURRENCE-ID;TZID=America/New_York:" + stamp(moved),
               "DTSTART;TZID=America/New_York:" + stamp(moved + timedelta(days=1)),
               "DTEND;TZID=America/New_York:" + stamp(moved + timedelta(days=1, minutes=60)),
               "LOCATION:" + rng.choice(rooms), "END:VEVENT"]
    text += [fold(l) for l in ev]
text.append("END:VCALENDAR\r\n")
with open(out, "w", newline="") as f:
    f.write("".join(text))
