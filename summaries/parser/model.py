"""The parsed summary: plain values the preview shows and the services save."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field

PRESENT, APOLOGIES, REPRESENTED = "present", "apologies", "represented"
REGULAR, AOB = "regular", "aob"
DECISION_KINDS = ("endorsed", "agreed", "welcomed", "noted", "requested", "other")


@dataclass
class Participant:
    name: str
    title: str = ""
    organization: str = ""
    role: str = ""
    status: str = PRESENT
    represented_by: str = ""
    # Division or office within the organisation ("Population Division").
    unit: str = ""
    # On whose behalf they attend ("the Director-General"), when no one is named.
    representing: str = ""
    # "in_person" or "online" when a hybrid meeting lists the two apart.
    mode: str = ""
    # Listed under "Also present" or a secretariat list rather than as members.
    also_present: bool = False


@dataclass
class Decision:
    kind: str
    text: str


@dataclass
class Action:
    text: str
    owner: str = ""
    due: str = ""


@dataclass
class Item:
    title: str
    kind: str = REGULAR
    discussion: str = ""
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    # Decisions and actions the document lists for the whole meeting, not under an item.
    general: bool = False


@dataclass
class TimeSpan:
    start: str  # "HH:MM", 24 hours
    end: str = ""
    label: str = ""


@dataclass
class Summary:
    title: str = ""
    modality: str = ""
    location: str = ""
    date: datetime.date | None = None
    times: list[TimeSpan] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    agenda: list[str] = field(default_factory=list)
    opening_remarks: str = ""
    items: list[Item] = field(default_factory=list)
    # True when the items are only a fallback: the whole text held as one item.
    fallback_item: bool = False
    # The date was written in numbers that read as another date the other way round.
    date_ambiguous: bool = False

    @property
    def present(self) -> list[Participant]:
        return [p for p in self.participants if p.status == PRESENT]

    @property
    def absent(self) -> list[Participant]:
        return [p for p in self.participants if p.status != PRESENT]

    @property
    def business_items(self) -> list[Item]:
        """The agenda items proper, without the holder of meeting-level outcomes."""
        return [i for i in self.items if not i.general]

    @property
    def decisions(self) -> list[Decision]:
        return [d for i in self.items for d in i.decisions]

    @property
    def actions(self) -> list[Action]:
        return [a for i in self.items for a in i.actions]

    @property
    def is_unstructured(self) -> bool:
        """Nothing recognised: no date, people, agenda, sections or outcomes."""
        return (
            self.date is None
            and not self.participants
            and not self.agenda
            and self.fallback_item
            and not self.decisions
            and not self.actions
        )

    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Summary:
        return cls(
            title=data.get("title", ""),
            modality=data.get("modality", ""),
            location=data.get("location", ""),
            date=datetime.date.fromisoformat(data["date"]) if data.get("date") else None,
            times=[TimeSpan(**t) for t in data.get("times", [])],
            participants=[Participant(**p) for p in data.get("participants", [])],
            agenda=list(data.get("agenda", [])),
            opening_remarks=data.get("opening_remarks", ""),
            items=[
                Item(
                    title=i["title"],
                    kind=i.get("kind", REGULAR),
                    discussion=i.get("discussion", ""),
                    decisions=[Decision(**d) for d in i.get("decisions", [])],
                    actions=[Action(**a) for a in i.get("actions", [])],
                    general=i.get("general", False),
                )
                for i in data.get("items", [])
            ],
            fallback_item=data.get("fallback_item", False),
            date_ambiguous=data.get("date_ambiguous", False),
        )
