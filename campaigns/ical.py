"""The iCalendar feed of activities, written with the maintained ``icalendar`` library
(RFC 5545: CRLF line ends, lines folded at 75 octets without splitting a UTF-8
character, TEXT values escaped, DTSTAMP in UTC). Start and end are in Asia/Shanghai, with
the VTIMEZONE the library derives from the time-zone database."""

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import icalendar

TZID = "Asia/Shanghai"
SHANGHAI = ZoneInfo(TZID)


@lru_cache(maxsize=8)
def _vtimezone(tzid: str) -> icalendar.Timezone:
    """The VTIMEZONE of ``tzid``, derived once per process: the library walks every UTC
    offset from 1970 to 2038 to build it (about half the cost of a short feed), and it
    only changes with the time-zone database."""
    return icalendar.Timezone.from_tzid(tzid)


def calendar(events, *, name: str, host: str, now: dt.datetime | None = None) -> str:
    """``events`` are dicts with uid, summary, start, end and optional description,
    location, url, categories."""
    now = now or dt.datetime.now(dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{host}//Campaign activities//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    for event in events:
        item = icalendar.Event()
        item.add("uid", f"{event['uid']}@{host}")
        item.add("dtstamp", now.astimezone(dt.UTC))
        item.add("dtstart", event["start"].astimezone(SHANGHAI))
        item.add("dtend", event["end"].astimezone(SHANGHAI))
        item.add("summary", event["summary"])
        for key in ("description", "location", "url"):
            if event.get(key):
                item.add(key, event[key])
        if event.get("categories"):
            item.add("categories", list(event["categories"]))
        cal.add_component(item)
    # What add_missing_timezones() does, with the VTIMEZONE built once: before the events.
    for position, tzid in enumerate(sorted(cal.get_missing_tzids())):
        cal.subcomponents.insert(position, _vtimezone(tzid))
    return cal.to_ical().decode("utf-8")
