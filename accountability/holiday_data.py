"""Official public-holiday arrangements (放假 and 调休), as the State Council's General
Office publishes them each autumn for the next year. ``manage.py setup_site`` loads these;
later years are imported from their notice with ``manage.py import_holidays FILE``.

Sources:
- 2025: 《国务院办公厅关于2025年部分节假日安排的通知》（国办发明电〔2024〕12号）, which
  also applied the amended 《全国年节及纪念日放假办法》 (春节 and 劳动节 one day longer).
- 2026: 《国务院办公厅关于2026年部分节假日安排的通知》（国办发明电〔2025〕7号）.
Each period lists every day off (weekends inside it included, as the notice reads) and the
adjusted working days (调休, weekend days worked)."""

from __future__ import annotations

import datetime as dt

# year -> [(festival, first day off, last day off, [adjusted working days])]
NOTICES = {
    2025: [
        ("元旦", "2025-01-01", "2025-01-01", []),
        ("春节", "2025-01-28", "2025-02-04", ["2025-01-26", "2025-02-08"]),
        ("清明节", "2025-04-04", "2025-04-06", []),
        ("劳动节", "2025-05-01", "2025-05-05", ["2025-04-27"]),
        ("端午节", "2025-05-31", "2025-06-02", []),
        ("国庆节、中秋节", "2025-10-01", "2025-10-08", ["2025-09-28", "2025-10-11"]),
    ],
    2026: [
        ("元旦", "2026-01-01", "2026-01-03", ["2026-01-04"]),
        ("春节", "2026-02-15", "2026-02-23", ["2026-02-14", "2026-02-28"]),
        ("清明节", "2026-04-04", "2026-04-06", []),
        ("劳动节", "2026-05-01", "2026-05-05", ["2026-05-09"]),
        ("端午节", "2026-06-19", "2026-06-21", []),
        ("中秋节", "2026-09-25", "2026-09-27", []),
        ("国庆节", "2026-10-01", "2026-10-07", ["2026-09-20", "2026-10-10"]),
    ],
}

NOTICE_REFERENCES = {
    2025: "国办发明电〔2024〕12号",
    2026: "国办发明电〔2025〕7号",
}


def days(year: int) -> list[tuple[dt.date, bool, str]]:
    """(date, is working day, name) for every day the notice of ``year`` names."""
    result = []
    for name, first, last, workdays in NOTICES[year]:
        day, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        while day <= end:
            result.append((day, False, name))
            day += dt.timedelta(days=1)
        result += [(dt.date.fromisoformat(w), True, f"{name}调休上班") for w in workdays]
    return sorted(result)
