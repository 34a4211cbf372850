"""The nearest-shelter finder's data (``nearby/`` (JSON)), identical for every visitor.

The browser reads the visitor's position (WGS-84) and compares it with these points, so
shelter, district-seat and landmark coordinates are sent in WGS-84, converted here from
the stored GCJ-02; the position itself never leaves the phone. Labels travel with the data
so the script needs no translation catalogue."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.core import geo
from portal.core.districts import District, district_order

from .districts import SEATS


def _point(lat, lon):
    wlat, wlon = geo.gcj02_to_wgs84(float(lat), float(lon))
    return round(wlat, 6), round(wlon, 6)


def finder_payload(index_page, landmarks) -> dict:
    """``landmarks``: the bureau's ``Landmark`` rows in name order (the page model passes
    them: this module lies below the models)."""
    labels = dict(District.choices)
    shelters = []
    queryset = index_page.base_queryset().order_by(district_order("district"), "title", "pk")
    for shelter in queryset:
        if not shelter.has_coordinates:
            continue
        lat, lon = _point(shelter.latitude, shelter.longitude)
        shelters.append(
            {
                "name": shelter.title,
                "url": shelter.get_url(),
                "district": str(labels.get(shelter.district, shelter.district)),
                "address": shelter.address,
                "lat": lat,
                "lon": lon,
                "capacity": shelter.capacity,
                "type": str(shelter.get_shelter_type_display()),
                "class": str(shelter.get_category_display()),
                "status": shelter.status,
                "status_label": str(shelter.get_status_display()),
                "links": [
                    {"label": link["label"], "url": link["url"], "app": link["app"]}
                    for link in shelter.map_links
                ],
            }
        )
    districts = [
        {"code": code, "name": str(labels[code]), "lat": lat, "lon": lon}
        for code in District.values
        if code in SEATS
        for lat, lon in [_point(*SEATS[code])]
    ]
    landmarks = [
        {
            "name": landmark.name,
            "aliases": landmark.aliases.split(),
            "district": str(labels.get(landmark.district, "")),
            "lat": lat,
            "lon": lon,
        }
        for landmark in landmarks
        for lat, lon in [_point(landmark.latitude, landmark.longitude)]
    ]
    return {
        "shelters": shelters,
        "districts": districts,
        "landmarks": landmarks,
        "directions": geo.compass_names(),
        "labels": {
            "described": _("%(direction)s, %(distance)s")
            % {"direction": "{direction}", "distance": "{distance}"},
            "metres": _("%(n)s m") % {"n": "{n}"},
            "kilometres": _("%(n)s km") % {"n": "{n}"},
            "capacity": _("Holds %(n)s people") % {"n": "{n}"},
            "from_here": _("Nearest shelters to your position"),
            "from_place": _("Nearest shelters to %(place)s") % {"place": "{place}"},
            "locating": _("Finding your position…"),
            "denied": _(
                "Your position is not available. Choose a district or type a landmark below."
            ),
            "unsupported": _("This browser cannot share its position. Choose a district below."),
            "unknown_place": _("“%(place)s” is not on the list. Choose one of the suggestions.")
            % {"place": "{place}"},
            "loading_failed": _("The shelter list could not be loaded. Check the connection."),
            "open_in": _("Open in:"),
            "more": _("Show all"),
        },
    }
