"""What a bureau's tracker needs on its first day (``manage.py setup_site``): the city and
its districts, county-level cities, county and development zones as jurisdictions, the
supervised industries and their departments, rating criteria, inspection intervals and the
official holiday calendars. Idempotent: only what is missing is added, edits are kept."""

from portal.core import divisions

from . import holiday_data, holidays
from . import models as m
from . import reference_data as R

ORDER = 30


def jurisdictions() -> dict:
    """{code: Jurisdiction} for the city (``zz``), every place and every department."""
    city, _new = m.Jurisdiction.objects.get_or_create(
        code=divisions.CITY_SLUG,
        parent=None,
        defaults={"name": divisions.CITY_NAME, "kind": m.Jurisdiction.CITY},
    )
    places = {city.code: city}
    children = m.Jurisdiction.objects.filter(parent=city)
    for division in divisions.DIVISIONS:
        # A place entered earlier under another code (e.g. the old "zhongmou") is the same
        # place when its name is the official one: reuse it rather than add a twin.
        place = (
            children.filter(code=division.slug).first()
            or children.filter(name=division.name, kind=m.Jurisdiction.DISTRICT).first()
        )
        if place is None:
            place = m.Jurisdiction.objects.create(
                code=division.slug, parent=city, name=division.name, kind=m.Jurisdiction.DISTRICT
            )
        places[division.slug] = place
    for code, name in R.DEPARTMENTS:
        places[code], _new = m.Jurisdiction.objects.get_or_create(
            code=code, parent=city, defaults={"name": name, "kind": m.Jurisdiction.DEPARTMENT}
        )
    return places


def industries(places) -> dict:
    """{code: Industry}; each line department gets its industries (added, never removed)."""
    found = {}
    for code, name, department in R.INDUSTRIES:
        industry = m.Industry.objects.filter(code=code).first()
        if industry is None:
            industry = m.Industry.objects.filter(name=name).first() or m.Industry.objects.create(
                code=code, name=name
            )
        found[code] = industry
        if department:
            places[department].industries.add(industry)
    return found


def rating_reference():
    for i, (colour, title) in enumerate(R.CRITERIA):
        m.RatingCriterion.objects.get_or_create(
            title=title, defaults={"colour": colour, "sort_order": i}
        )
    for colour, days in R.INTERVALS:
        m.InspectionFrequency.objects.get_or_create(colour=colour, defaults={"interval_days": days})


def setup(stdout):
    places = jurisdictions()
    found = industries(places)
    rating_reference()
    added = sum(holidays.load_notice(year) for year in holiday_data.NOTICES)
    stdout.write(
        f"  accountability: {len(places)} jurisdictions, {len(found)} industries, "
        f"holiday calendars {', '.join(map(str, holiday_data.NOTICES))} ({added} days added)\n"
    )
