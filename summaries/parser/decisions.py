"""Decisions: listed under a label, or recorded in a sentence of the discussion."""

from __future__ import annotations

import re
from collections.abc import Callable

from summaries.parser.model import Decision
from summaries.parser.text import list_item, plain, sentences, without_reference

# ---------------------------------------------------------------------------------------------
# Decisions

_BODY_WORDS = (
    r"committee|board|council|principals|members|meeting|group|network|assembly|bureau|panel"
    r"|commission|force|tac|tsc|team|wg|sg|secretariat|plenary|conference"
)
# "The Committee approved ...": a collective subject opening the sentence, then the verb.
_ACTIVE = re.compile(
    rf"^\W*(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?:{_BODY_WORDS})\s+(?:\w+ly\s+|also\s+|then\s+)?"
    r"(approved|adopted|endorsed|accepted|agreed|decided|resolved|elected|appointed|re-elected"
    r"|ratified|took\s+note|noted\s+with|welcomed)\b",
    re.I,
)
_ACTIVE_KIND = {"took": "noted", "noted": "noted", "welcomed": "welcomed"}
_ENDORSING = ("approved", "adopted", "endorsed", "accepted", "ratified")

_DECISION_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("other", re.compile(r"\b(?:approved|adopted|endorsed)\s+under\s+(?:a\s+)?silence\b", re.I)),
    ("agreed", re.compile(r"\bRESOLVED\b|^\W*RESOLUTION\b")),
    # "Conclusion: use X for now.", "Agreed: ...", "Resolution: ...": a labelled outcome.
    (
        "agreed",
        re.compile(
            r"^\W*(?:conclusions?|agreed|agreement|resolution|resolved|decisions?|decided)\W*:\s*"
            r"(?!(?:none|no\b|not\b|n/a|tbd|pending|deferred|postponed))\S",
            re.I,
        ),
    ),
    ("endorsed", re.compile(r"^\W*(?:approved|adopted|endorsed)\W*:\s*\S", re.I)),
    (
        "agreed",
        re.compile(
            r"\bconsensus\s+(?:was\s+reached\s+)?to\b|\bconsensus\s+was\s+reached\b"
            r"|\b(?:reached|achieved)\s+(?:a\s+|general\s+)?(?:consensus|agreement)\b",
            re.I,
        ),
    ),
    (
        "agreed",
        re.compile(
            r"\b(?:it\s+)?(?:has|have|had)\s+been\s+(?:decided|agreed|resolved)\b"
            r"|\bthe\s+decision\s+(?:was|is)\s+(?:not\s+)?to\b",
            re.I,
        ),
    ),
    (
        "endorsed",
        re.compile(
            r"\b(?:has|have|had)\s+been\s+(?:unanimously\s+)?(?:accepted|approved|adopted|endorsed)\b"
            r"|\b(?:was|were)\s+(?:unanimously\s+)?accepted\b",
            re.I,
        ),
    ),
    (
        "endorsed",
        re.compile(
            r"\b(?:was|were|is|are)\s+(?:\w+ly\s+|also\s+)?(?:endorsed|adopted|approved)\b"
            r"|^\W*outcome\W*\s*(?:adopted|approved|endorsed|accepted)",
            re.I,
        ),
    ),
    (
        "welcomed",
        re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+|also\s+)?welcomed\b|\bwell[- ]received\b", re.I),
    ),
    (
        "agreed",
        re.compile(
            r"\b(?:it|this|that|which)\s+was\s+(?:\w+\s+)?agreed\b|\b(?:was|were)\s+agreed\b"
            r"|\bthe\s+(?:meeting|committee|board|principals|members|participants|team|group|"
            r"network|council|steering committee|working group)\s+(?:\w+ly\s+)?agreed\s+(?:to|that|on|upon)\b"
            r"|\bthere\s+was\s+(?:a\s+)?(?:general\s+)?(?:consensus|agreement)\b|^\W*consensus\s*:"
            r"|\bgeneral\s+agreement\b|\bby\s+consensus\b"
            r"|\bmotion\b.*\b(?:passed|carried)\b|\bseconded\W+(?:and\s+)?passed\b"
            r"|^\W*(?:motion\s+)?(?:passed|carried)\W*$",
            re.I,
        ),
    ),
    (
        "noted",
        re.compile(r"\b(?:was|were)\s+(?:\w+ly\s+|also\s+)?noted\b|\btook\s+note\s+of\b", re.I),
    ),
    (
        "requested",
        re.compile(
            r"\b(?:was|were)\s+(?:\w+ly\s+|also\s+)?requested\s+to\b|\b(?:it|this)\s+was\s+requested\b",
            re.I,
        ),
    ),
]
_KIND_PREFIX = re.compile(r"^(endorsed|agreed|welcomed|noted|requested|other)\s*:\s*(.+)$", re.I)
# An outcome recalled from before ("at the last meeting", "so far") is not taken at this one.
_RECALLED = re.compile(
    r"\b(?:so\s+far|at\s+the\s+(?:last|previous|prior)\s+meeting|previously|last\s+(?:week|month|time))\b",
    re.I,
)


def decision_kind(text: str) -> str | None:
    if _RECALLED.search(text):
        return None
    if (m := _ACTIVE.search(text)) and not re.match(r"^\W*(?:several|many|some)\b", text, re.I):
        verb = m[1].lower()
        if verb in _ENDORSING:
            return "endorsed"
        return _ACTIVE_KIND.get(verb.split()[0], "agreed")
    for kind, pattern in _DECISION_PATTERNS:
        if pattern.search(text):
            return kind
    return None


def listed_decision(text: str) -> Decision:
    text = without_reference(plain(text))
    if m := _KIND_PREFIX.match(text):
        return Decision(kind=m[1].lower(), text=m[2].strip())
    kind = decision_kind(text)
    if kind is None:
        low = text.lower()
        kind = next(
            (
                k
                for k, words in (
                    ("endorsed", ("endorse", "adopt", "approv")),
                    ("welcomed", ("welcom",)),
                    ("noted", ("note",)),
                    ("requested", ("request",)),
                )
                if any(low.startswith(w) or f" {w}" in low for w in words)
            ),
            "agreed",
        )
    return Decision(kind=kind, text=text)


# A heading over the outcome of the discussion above it: "#### Conclusion", "### Resolution".
_CONCLUSION_HEADING = re.compile(
    r"^#+\s*(?:conclusions?|outcomes?|resolutions?|agreed|decisions?)\W*$", re.I
)


def decisions_in_prose(
    discussion: str, is_task: Callable[[str], bool] | None = None
) -> list[Decision]:
    """Decisions in sentences; under a "Conclusion" heading, each paragraph is one.

    `is_task` tells a sentence that gives someone a task, which a conclusion leaves out.
    """
    found: list[Decision] = []
    previous = ""
    concluding = False
    for block in re.split(r"\n\s*\n", discussion):
        for line in units(block):
            if line.startswith("#"):
                previous = ""
                concluding = bool(_CONCLUSION_HEADING.match(line))
                continue
            unit = plain(list_item(line) or line)
            if not unit:
                continue
            if concluding:
                said = [s for s in sentences(unit) if not (is_task and is_task(s))]
                if said:
                    found.append(
                        Decision(kind=decision_kind(unit) or "agreed", text=" ".join(said))
                    )
                continue
            # A whole line first ("GD: seconded. Passed"), then sentence by sentence.
            kind = decision_kind(unit) if len(unit) < 60 else None
            found_in = [unit] if kind else sentences(unit)
            for sentence in found_in:
                kind = decision_kind(sentence)
                if kind:
                    text = sentence.strip()
                    # "This was agreed." says nothing alone: keep what was agreed with it.
                    if len(text) < 40 and previous:
                        text = f"{previous} {text}"
                    found.extend(Decision(kind=kind, text=t) for t in _split_elliptical(text))
                previous = sentence.strip()
    return found


_ELLIPSIS = re.compile(
    r"^(?P<first>.*?\b(?P<verb>was|were)\s+(?P<done>\w+))\s*,\s*(?:and\s+)?(?:as|so)\s+"
    r"(?:was|were)\s+(?P<second>.+?)\.?$",
    re.I,
)


def _split_elliptical(text: str) -> list[str]:
    """ "X were welcomed, and as were Y." records two outcomes: X, and Y that "were welcomed"."""
    m = _ELLIPSIS.match(text)
    if not m or len(m["second"].split()) < 3:
        return [text]
    second = m["second"].strip()
    second = second[0].upper() + second[1:]
    return [f"{m['first']}.", f"{second} {m['verb']} {m['done']}."]


def units(block: str) -> list[str]:
    """A paragraph as one unit, or each list item of a list as one unit."""
    lines = [ln for ln in block.split("\n") if ln.strip()]
    if any(list_item(ln) is not None for ln in lines) or any(ln.startswith("#") for ln in lines):
        return lines
    return [" ".join(ln.strip() for ln in lines)]
