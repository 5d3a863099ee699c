"""Compare a parsed summary with a hand-made truth, field by field, for the accuracy tests."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from summaries import parser

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PARTICIPANT_FIELDS = (
    "title",
    "unit",
    "organisation",
    "role",
    "status",
    "represented_by",
    "representing",
)


def truths(folder: Path) -> list[dict]:
    return json.loads((folder / "truth.json").read_text(encoding="utf-8"))


def _same(a, b) -> bool:
    return (a or "") == (b or "")


def _key(text: str) -> str:
    text = parser.text.plain(text).lower()
    return re.sub(r"[^\w]+", " ", text).strip()


def owner_parts(owner: str) -> list[str]:
    return sorted(p.strip() for p in re.split(r",|;|&|/|\band\b", owner) if p.strip())


def score(summary: parser.Summary, truth: dict) -> Counter:
    """Counts of fields compared ("total") and right ("right"), and per field."""
    tally: Counter = Counter()

    def check(name: str, ok: bool) -> None:
        tally[f"{name}:total"] += 1
        tally[f"{name}:right"] += int(ok)

    check("title", _same(summary.title, truth["title"]))
    check("modality", _same(summary.modality, truth["modality"]))
    check("location", _same(summary.location, truth["location"]))
    check("date", _same(summary.date and summary.date.isoformat(), truth["date"]))
    times = {(t.label, t.start, t.end) for t in summary.times}
    expected = {(label, t["start"], t["end"]) for label, t in truth["times"].items()}
    check("times", times == expected)
    people = {p.name: p for p in summary.participants}
    for want in truth["participants"]:
        got = people.get(want["name"])
        check("participant", got is not None)
        for name in PARTICIPANT_FIELDS:
            attr = "organization" if name == "organisation" else name
            check(f"participant.{name}", got is not None and _same(getattr(got, attr), want[name]))
    items = summary.items
    titles = [_key(i.title) for i in items]
    for want in truth["agenda"]:
        check(
            "item",
            _key(want["title"]) in titles
            or _key(want["heading"]) in titles
            or (want["kind"] == "aob" and any(i.kind == "aob" for i in items)),
        )
    decisions = {_key(d.text): (d, n) for n, i in enumerate(items, 1) for d in i.decisions}
    for want in truth["decisions"]:
        got = decisions.get(_key(want["text"]))
        check("decision", got is not None)
        check("decision.kind", got is not None and got[0].kind == want["kind"])
        check("decision.item", got is not None and got[1] == want["item"])
    actions = {_key(a.text)[:60]: (a, n) for n, i in enumerate(items, 1) for a in i.actions}
    for want in truth["action_points"]:
        got = actions.get(_key(want["text"])[:60])
        check("action", got is not None)
        action = got[0] if got else None
        due, precision = parser.parse_due(action.due) if action else (None, "")
        check("action.item", got is not None and got[1] == want["item"])
        check(
            "action.owners",
            action is not None and owner_parts(action.owner) == sorted(want["owners"]),
        )
        check("action.due", action is not None and _same(due and due.isoformat(), want["due"]))
        check("action.precision", action is not None and precision == want["due_precision"])
    return tally


def accuracy(tally: Counter, prefix: str = "") -> float:
    total = sum(v for k, v in tally.items() if k.endswith(":total") and k.startswith(prefix))
    right = sum(v for k, v in tally.items() if k.endswith(":right") and k.startswith(prefix))
    return right / total if total else 1.0
