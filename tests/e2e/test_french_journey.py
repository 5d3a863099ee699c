"""A principal whose browser speaks French reviews a summary in French, then switches to
Spanish in the header; the choice outlives the session."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from minutes.models import Meeting, ReviewComment
from outbox.models import DeliveryPreference
from tests.e2e.conftest import DEMO_PASSWORD

pytestmark = pytest.mark.e2e


@pytest.fixture
def french_page(browser, demo_site):
    context = browser.new_context(locale="fr-FR")
    yield context.new_page()
    context.close()


def _log_in_in_french(page, base: str) -> None:
    page.goto(f"{base}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("Nom d’utilisateur").fill("principal")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"{base}/")


def test_a_principal_reviews_in_french_and_switches_to_spanish(french_page, demo_site):
    page = french_page
    meeting = Meeting.objects.get(status=Meeting.Status.CIRCULATED)
    first_item = meeting.agenda_items.order_by("position").first()
    _log_in_in_french(page, demo_site)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord")

    page.get_by_role("navigation", name="Principale").get_by_role("link", name="Réunions").click()
    page.get_by_label("État").select_option("circulated")
    page.get_by_role("button", name="Filtrer").click()
    page.locator("tbody tr").first.get_by_role("link").click()
    expect(page.locator(".summary-status")).to_contain_text("Observations et objections jusqu’au")
    # The summary is written in English: marked so, and its fixed text stays English.
    summary = page.locator("article.summary")
    expect(summary).to_have_attribute("lang", "en")
    expect(summary).to_contain_text("Participants:")
    expect(summary).to_contain_text("(NY time)")

    page.locator("#id_agenda_item").select_option(label=f"1. {first_item.title}")
    page.get_by_label("Observation", exact=True).check()
    page.get_by_label("Votre observation").fill("Merci de citer les commissions régionales.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Votre observation a été transmise au secrétariat.")).to_be_visible()
    assert ReviewComment.objects.filter(meeting=meeting, kind="comment").count() == 1

    page.get_by_label("Langue").select_option("es")
    page.get_by_role("button", name="Changer").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("navigation", name="Principal")).to_contain_text("Reuniones")
    assert DeliveryPreference.objects.get(user__username="principal").language == "es"

    # Signed out and in again from a French browser: still Spanish.
    page.get_by_role("button", name="Cerrar sesión").click()
    page.context.clear_cookies()
    page.goto(f"{demo_site}/accounts/login/")
    page.locator("#id_username").fill("principal")
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"{demo_site}/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Panel")
