"""How sure the reading is: the fields a person should check before the summary is saved."""

from __future__ import annotations

from dataclasses import dataclass

from summaries.parser.model import Summary
from summaries.parser.zones import zone_name


@dataclass(frozen=True)
class Flag:
    field: str  # "date", "participants", "items", "modality", "times"
    message: str


def flags(summary: Summary) -> list[Flag]:
    """What the parser could not read, or read from too little to be trusted."""
    found = []
    if summary.date is None:
        found.append(Flag("date", "No date found."))
    elif summary.date_ambiguous:
        found.append(
            Flag("date", "The date is written in numbers that could be day or month first.")
        )
    if not summary.present:
        found.append(Flag("participants", "No participants found."))
    if len(summary.business_items) <= 1:
        found.append(
            Flag("items", "Only one agenda item found: the text may not have been divided.")
        )
    if not summary.modality:
        found.append(Flag("modality", "The summary does not say how the meeting was held."))
    if summary.times and not any(t.label for t in summary.times):
        found.append(Flag("times", "The times are written without a time zone."))
    return found


def unknown_zones(summary: Summary, body_labels: set[str]) -> list[Flag]:
    """Zone labels that are neither the body's own nor a zone the importer knows."""
    labels = [t.label for t in summary.times if t.label]
    known = [lb for lb in labels if lb.lower() in body_labels or zone_name(lb)]
    if not labels or known:
        return []
    return [Flag("times", f"The time zone “{labels[0]}” is not one the importer knows.")]
