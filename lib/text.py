"""Text clean-up for what people type: bidirectional control characters."""

from __future__ import annotations

import re

# Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) can make a name read
# backwards ("Trojan Source"); the plain marks U+200E/U+200F that Arabic text uses are kept.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def strip_bidi(value: str) -> str:
    return BIDI_CONTROLS.sub("", value)
