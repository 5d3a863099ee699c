"""Random input shared by the fuzz tests, and what they compare before and after a request."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

from lib.text import strip_bidi

# Any text, including NUL, bidi controls, lone surrogates' neighbours and very long runs.
TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(["\x00", "\u202e", "=1+1", "<script>", "x" * 5000, " ", ""]),
)
DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: f"{d.day:02}/{d.month:02}/{d.year:04}"),
    st.sampled_from(["9999-12-31", "0001-01-01", "2023-02-30", "", "31-12-9999"]),
    TEXT,
)
TIMES = st.one_of(st.times().map(lambda t: t.strftime("%H:%M")), TEXT)
FILES = st.tuples(
    st.one_of(st.sampled_from(["a.pdf", "a.docx", "a.txt", "a.png", "../x.pdf", "x"]), TEXT),
    st.binary(max_size=2000),
)
# Ids as a browser or a hand-made request sends them: real ones are mixed in by each test.
IDS = st.one_of(
    st.integers(min_value=-2, max_value=2**63).map(str),
    st.sampled_from(["", "0", "1.5", "1e3", "abc", "\x00", "99999999999999999999999"]),
    TEXT,
)
PRECISIONS = st.sampled_from(["day", "month", "quarter", "half", "year", "none", "", "bogus"])


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or "x", content)


def counts(*models) -> tuple[int, ...]:
    return tuple(model.objects.count() for model in models)


def rows(queryset, *fields) -> list[tuple]:
    """Every row's fields, in a fixed order: equal before and after means nothing was written."""
    return list(queryset.order_by("pk").values_list("pk", *fields))


def errors(response) -> list[str]:
    """The error messages this request left for the next page.

    Only the ones queued by this request: the redirects are not followed, so the messages of
    earlier examples are still waiting in the session.
    """
    queued = getattr(get_messages(response.wsgi_request), "_queued_messages", [])
    return [str(m) for m in queued if m.level_tag == "error"]


def stripped(value: str) -> str:
    """What is kept of what was typed: bidi controls removed, then a CharField's strip."""
    return strip_bidi(value).strip()
