"""Time-zone labels as summaries write them ("UTC", "CET", "Geneva time") to IANA zones."""

from __future__ import annotations

import re
import zoneinfo
from functools import cache

# Abbreviations in common use; the summer and winter forms name the same place's zone.
_ABBREVIATIONS = {
    "utc": "UTC",
    "gmt": "UTC",
    "z": "UTC",
    "cet": "Europe/Paris",
    "cest": "Europe/Paris",
    "eet": "Europe/Athens",
    "eest": "Europe/Athens",
    "wet": "Europe/Lisbon",
    "west": "Europe/Lisbon",
    "bst": "Europe/London",
    "et": "America/New_York",
    "est": "America/New_York",
    "edt": "America/New_York",
    "ct": "America/Chicago",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "mt": "America/Denver",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "pt": "America/Los_Angeles",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "sgt": "Asia/Singapore",
    "hkt": "Asia/Hong_Kong",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
    "eat": "Africa/Nairobi",
    "cat": "Africa/Maputo",
    "wat": "Africa/Lagos",
    "ict": "Asia/Bangkok",
}
# Places meetings are held whose zone is named after another city.
_PLACES = {
    "geneva": "Europe/Zurich",
    "gva": "Europe/Zurich",
    "new york": "America/New_York",
    "ny": "America/New_York",
    "nyc": "America/New_York",
    "washington": "America/New_York",
    "boston": "America/New_York",
    "ottawa": "America/Toronto",
    "montreal": "America/Toronto",
    "san francisco": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "bonn": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "the hague": "Europe/Amsterdam",
    "brussels": "Europe/Brussels",
    "eastern": "America/New_York",
    "pacific": "America/Los_Angeles",
    "central european": "Europe/Paris",
}
_OFFSET = re.compile(r"^(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$")


@cache
def _cities() -> dict[str, str]:
    found = {}
    for name in zoneinfo.available_timezones():
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/")):
            found.setdefault(name.rsplit("/", 1)[1].replace("_", " ").lower(), name)
    return found


def zone_name(label: str) -> str | None:
    """The IANA zone a label names, or None when it names none the importer knows.

    A fixed offset ("UTC+2") is returned as "UTC+02:00", which the caller turns into a
    fixed-offset zone.
    """
    text = re.sub(r"\s+", " ", label.strip().lower()).strip(" .()")
    text = re.sub(r"\s*(?:time|local time|standard time|daylight time)$", "", text).strip()
    if not text:
        return None
    if m := _OFFSET.match(text):
        return f"UTC{m[1]}{int(m[2]):02d}:{m[3] or '00'}"
    return _ABBREVIATIONS.get(text) or _PLACES.get(text) or _cities().get(text)
