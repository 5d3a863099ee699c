"""What an agenda item's title says about it."""

from __future__ import annotations

import re

# "AOB", "A.O.B.", "Any other business", "Other matters", optionally followed by a subject:
# "AOB: update on the workplan", "Any other business – SDG Summit".
_AOB = re.compile(
    r"^\s*(?:\d+[.)]\s*)?"
    r"(?:a\.?\s?o\.?\s?b\.?|any\s+other\s+(?:business|matters?)|other\s+(?:business|matters))"
    r"\s*(?:$|[:;,.\u2013\u2014-]\s*)",
    re.IGNORECASE,
)


def is_aob_title(title: str) -> bool:
    """True when the title names the "any other business" item."""
    return bool(_AOB.match(title or ""))
