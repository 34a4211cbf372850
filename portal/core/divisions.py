"""Zhengzhou's administrative divisions: the official name and division code of every place
in :class:`portal.core.districts.District`, for the reference data ``manage.py setup_site``
creates (the accountability tracker's jurisdictions).

Sources:
- County-level divisions: GB/T 2260 codes as published by the Ministry of Civil Affairs
  (行政区划代码), city 410100.
- Development zones: they are not administrative divisions and have no GB/T 2260 code.
  The National Bureau of Statistics lists three of them with statistical division codes
  (统计用区划代码) 410171-410173; those are given, marked ``statistical``.
- 郑东新区 has no code of its own in either list (its land belongs to Jinshui, Guancheng and
  Zhongmu in the division tables): its code is left empty rather than invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from .districts import District

CITY_CODE = "410100"
CITY_NAME = "郑州市"
# The jurisdiction code of the city node (the root of every jurisdiction path, "zz/…").
CITY_SLUG = "zz"

ADMINISTRATIVE, STATISTICAL, NONE = "GB/T 2260", "statistical", ""


@dataclass(frozen=True)
class Division:
    slug: str  # the site code of portal.core.districts.District
    name: str  # official name
    code: str  # division code, "" when none can be verified
    source: str  # ADMINISTRATIVE, STATISTICAL or NONE
    kind: str  # 市辖区 / 县级市 / 县 / 功能区


DIVISIONS = [
    Division(District.ZHONGYUAN, "中原区", "410102", ADMINISTRATIVE, "市辖区"),
    Division(District.ERQI, "二七区", "410103", ADMINISTRATIVE, "市辖区"),
    Division(District.GUANCHENG, "管城回族区", "410104", ADMINISTRATIVE, "市辖区"),
    Division(District.JINSHUI, "金水区", "410105", ADMINISTRATIVE, "市辖区"),
    Division(District.SHANGJIE, "上街区", "410106", ADMINISTRATIVE, "市辖区"),
    Division(District.HUIJI, "惠济区", "410108", ADMINISTRATIVE, "市辖区"),
    Division(District.ZHONGMU, "中牟县", "410122", ADMINISTRATIVE, "县"),
    Division(District.GONGYI, "巩义市", "410181", ADMINISTRATIVE, "县级市"),
    Division(District.XINGYANG, "荥阳市", "410182", ADMINISTRATIVE, "县级市"),
    Division(District.XINMI, "新密市", "410183", ADMINISTRATIVE, "县级市"),
    Division(District.XINZHENG, "新郑市", "410184", ADMINISTRATIVE, "县级市"),
    Division(District.DENGFENG, "登封市", "410185", ADMINISTRATIVE, "县级市"),
    Division(District.ECONOMIC, "郑州经济技术开发区", "410171", STATISTICAL, "功能区"),
    Division(District.HIGHTECH, "郑州高新技术产业开发区", "410172", STATISTICAL, "功能区"),
    Division(District.AIRPORT, "郑州航空港经济综合实验区", "410173", STATISTICAL, "功能区"),
    # No verifiable code: see the module docstring.
    Division(District.ZHENGDONG, "郑东新区", "", NONE, "功能区"),
]

BY_SLUG = {d.slug: d for d in DIVISIONS}
BY_CODE = {d.code: d for d in DIVISIONS if d.code}
