"""An RFC 5545 iCalendar writer for activities: CRLF line ends, lines folded at 75 octets
without splitting a UTF-8 character, TEXT values escaped, DTSTAMP in UTC, start and end in
Asia/Shanghai with a VTIMEZONE definition (China has had no daylight saving since 1991)."""

import datetime as dt
from zoneinfo import ZoneInfo

TZID = "Asia/Shanghai"
SHANGHAI = ZoneInfo(TZID)
CRLF = "\r\n"

VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    value = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into chunks of at most 75 octets (§3.1)."""
    out, current, size = [], "", 0
    limit = 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75  # continuation lines start with a space
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(SHANGHAI).strftime("%Y%m%dT%H%M%S")


def calendar(events, *, name: str, host: str, now: dt.datetime | None = None) -> str:
    """``events`` are dicts with uid, summary, start, end and optional description,
    location, url, categories, last_modified."""
    now = now or dt.datetime.now(dt.UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{escape_text(host)}//Campaign activities//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event['uid']}@{host}",
            f"DTSTAMP:{utc_stamp(now)}",
            f"DTSTART;TZID={TZID}:{local_stamp(event['start'])}",
            f"DTEND;TZID={TZID}:{local_stamp(event['end'])}",
            f"SUMMARY:{escape_text(event['summary'])}",
        ]
        if event.get("description"):
            lines.append(f"DESCRIPTION:{escape_text(event['description'])}")
        if event.get("location"):
            lines.append(f"LOCATION:{escape_text(event['location'])}")
        if event.get("categories"):
            lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event["categories"]))
        if event.get("url"):
            lines.append(f"URL:{event['url']}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
