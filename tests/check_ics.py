# SPDX-License-Identifier: MIT
"""Reads an exported iCalendar file back with a real parser (python3-icalendar)
and checks that every event carries one reminder, at 19:00 the evening before
it (an all-day event counts from its midnight). Prints one line a event,
"START -> REMINDER SUMMARY", in the file's order, then the count."""
import datetime
import sys

import icalendar


def main(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    events = 0
    for event in cal.walk("VEVENT"):
        start = event.decoded("DTSTART")
        if not isinstance(start, datetime.datetime):
            start = datetime.datetime.combine(start, datetime.time(0, 0))
        alarms = [c for c in event.subcomponents if c.name == "VALARM"]
        if len(alarms) != 1:
            print("%s: %d reminders" % (event.get("SUMMARY"), len(alarms)))
            return 1
        alarm = alarms[0]
        trigger = alarm.decoded("TRIGGER")
        if str(alarm.get("ACTION")) != "DISPLAY" or not isinstance(trigger, datetime.timedelta):
            print("%s: not a displayed reminder before it" % event.get("SUMMARY"))
            return 1
        remind = start + trigger
        evening_before = datetime.datetime.combine(start.date() - datetime.timedelta(days=1), datetime.time(19, 0))
        if remind != evening_before:
            print("%s: reminder at %s" % (event.get("SUMMARY"), remind))
            return 1
        print("%s -> %s %s" % (start.strftime("%Y-%m-%d %H:%M"), remind.strftime("%Y-%m-%d %H:%M"),
                               str(event.get("SUMMARY"))[:24]))
        events += 1
    print("%d events, each with a reminder the evening before" % events)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
