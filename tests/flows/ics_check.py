#!/usr/bin/env python3
"""Reads an ICS file with an independent parser (icalendar +
recurring-ical-events) and prints, as JSON, every occurrence of every VEVENT
and VTODO between two dates: uid, component, summary, start (ISO 8601 with
its UTC offset) and the zone name.

usage: ics_check.py FILE.ics FROM_DATE TO_DATE
"""
import datetime as dt
import json
import sys

import icalendar
import recurring_ical_events


def main() -> None:
    path, start, end = sys.argv[1], dt.date.fromisoformat(sys.argv[2]), dt.date.fromisoformat(sys.argv[3])
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out = []
    for c in recurring_ical_events.of(cal, components=["VEVENT", "VTODO"]).between(start, end):
        when = c.get("DTSTART") or c.get("DUE")
        value = when.dt
        out.append({
            "component": c.name,
            "uid": str(c.get("UID")),
            "summary": str(c.get("SUMMARY")),
            "start": value.isoformat(),
            "zone": str(getattr(getattr(value, "tzinfo", None), "key", "") or (value.tzname() if hasattr(value, "tzname") else "") or ""),
            "all_day": not isinstance(value, dt.datetime),
        })
    out.sort(key=lambda o: (o["start"], o["uid"]))
    json.dump({"occurrences": out, "vtimezones": check_vtimezones(cal, start, end), "version": icalendar.__version__}, sys.stdout, ensure_ascii=False)


def check_vtimezones(cal, start, end):
    """Compares the file's own VTIMEZONE rules (read by icalendar, not by
    name) with the system's zoneinfo, every 6 hours of the range."""
    import zoneinfo

    result = []
    for tzc in cal.walk("VTIMEZONE"):
        name = str(tzc["TZID"])
        ours = tzc.to_tz()
        system = zoneinfo.ZoneInfo(name)
        probes, mismatches = 0, []
        t = dt.datetime.combine(start, dt.time(0, 0), tzinfo=dt.timezone.utc)
        while t.date() < end:
            probes += 1
            a, b = t.astimezone(ours).utcoffset(), t.astimezone(system).utcoffset()
            if a != b:
                mismatches.append(f"{t.isoformat()}: file {a}, zoneinfo {b}")
            t += dt.timedelta(hours=6)
        result.append({"tzid": name, "probes": probes, "mismatches": mismatches[:5]})
    return result


if __name__ == "__main__":
    main()
