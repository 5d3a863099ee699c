"""The benchmark archive generator."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from devtools import archive
from minutes.models import ActionPoint, Meeting
from search.models import SearchEntry


def generate(scale: float = 0.02, seed: int = 42) -> str:
    out = io.StringIO()
    call_command("generate_archive", scale=scale, seed=seed, verbosity=0, stdout=out)
    return out.getvalue()


def test_generator_is_deterministic_for_a_seed(db):
    generate(seed=7)
    first = archive.fingerprint()
    generate(seed=7)  # replaces the first archive
    assert archive.fingerprint() == first
    generate(seed=8)
    assert archive.fingerprint() != first


def test_generator_writes_realistic_connected_records(db):
    output = generate(scale=0.05)
    meetings = Meeting.objects.filter(body__slug__startswith=archive.BODY_PREFIX)
    assert meetings.count() == 12
    actions = ActionPoint.objects.filter(agenda_item__meeting__in=meetings)
    # About 12.5 action points per meeting: 3,000 for 240 meetings at scale 1.
    assert 90 <= actions.count() <= 210
    assert "Generated 12 meetings" in output
    text = " ".join(actions.values_list("text", flat=True))
    assert "Regional" in text or "migra" in text
    assert "lorem" not in text.lower()
    assert actions.filter(topics__isnull=False).exists()
    assert actions.filter(owner_organizations__isnull=False).exists()


def test_generated_archive_is_searchable_on_postgres(on_postgres, db):
    generate(scale=0.02)
    # The generator bulk-inserts with the triggers off, then backfills the stored vectors.
    generated = ActionPoint.objects.filter(agenda_item__meeting__body__slug__startswith="gen-")
    assert SearchEntry.objects.filter(kind="action").count() == generated.count()


@pytest.mark.parametrize("scale", [0, -1, 5000])
def test_generator_refuses_silly_scales(db, scale):
    with pytest.raises(CommandError):
        call_command("generate_archive", scale=scale, verbosity=0)


def test_the_benchmark_plan_lists_every_page_with_its_cold_request(db, tmp_path):
    """`make bench` starts from this plan: each page answered, with its queries and the time
    of a request made with the cache emptied; a search with no possible match does not stop it."""
    import json

    generate(scale=0.02)
    plan_file = tmp_path / "plan.json"
    call_command("benchmark", plan=plan_file, stdout=io.StringIO())
    plan = json.loads(plan_file.read_text())
    pages = {page["name"]: page for page in plan["pages"]}
    for name in ("floor (hello)", "dashboard, principal", "action tracker, secretariat",
                 "search: rare word", "admin: action points (peer)"):  # fmt: skip
        assert pages[name]["status"] == 200, name
        assert pages[name]["queries"] >= 3
        assert pages[name]["cold_ms"] > 0
    assert pages["action tracker, secretariat"]["bytes"] > 1000
    assert plan["counts"]["meetings"] >= 5
    assert set(plan["cookies"]) == {"principal", "secretariat", "admin"}
