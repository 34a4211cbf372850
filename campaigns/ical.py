"""The iCalendar feed of activities, written with the maintained ``icalendar`` library
(RFC 5545: CRLF line ends, lines folded at 75 octets without splitting a UTF-8
character, TEXT values escaped, DTSTAMP in UTC). Start and end are in Asia/Shanghai, with
the VTIMEZONE the library derives from the time-zone database."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar

TZID = "Asia/Shanghai"
SHANGHAI = ZoneInfo(TZID)


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
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")
