"""Each person picks English, French or Spanish: the browser's language by default, the header's
switcher or the settings page to change it; the choice lasts (cookie, session, and for a
signed-in person their stored preference, their e-mails included)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from lib import due, timefmt
from outbox.models import DeliveryPreference

NY, GVA = ZoneInfo("America/New_York"), ZoneInfo("Europe/Zurich")
ZONES = [(NY, "NY time"), (GVA, "GVA time")]
START = datetime.datetime(2023, 3, 20, 10, 0, tzinfo=NY)


def _html_lang(response) -> str:
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


def test_the_browser_language_is_the_default(client_for, secretariat):
    client = client_for(secretariat)
    response = client.get(reverse("minutes:meeting_list"), HTTP_ACCEPT_LANGUAGE="fr-CH,fr;q=0.9")
    assert _html_lang(response) == "fr"
    assert "Réunions" in response.content.decode()
    response = client.get(reverse("minutes:meeting_list"), HTTP_ACCEPT_LANGUAGE="de-DE")
    assert _html_lang(response) == "en"


def test_the_login_page_follows_the_browser_and_offers_the_switcher(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<html lang="es">' in page
    assert 'action="/language/"' in page
    assert '<option value="fr" lang="fr">Français</option>' in page


def test_the_switcher_stores_the_choice_and_returns_to_the_page(client_for, secretariat):
    client = client_for(secretariat)
    response = client.post(
        reverse("outbox:language"), {"language": "es", "next": "/meetings/?page=2"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/meetings/?page=2"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    assert DeliveryPreference.objects.get(user=secretariat).language == "es"
    # The choice beats the browser's language from now on.
    page = client.get(reverse("minutes:meeting_list"), HTTP_ACCEPT_LANGUAGE="fr")
    assert _html_lang(page) == "es"
    assert "Reuniones" in page.content.decode()


def test_the_stored_choice_returns_at_the_next_sign_in(client, secretariat):
    DeliveryPreference.objects.create(user=secretariat, language="fr")
    secretariat.set_password("a-long-enough-password")
    secretariat.save()
    response = client.post(
        reverse("login"),
        {"username": "secretariat", "password": "a-long-enough-password"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    page = client.get(reverse("minutes:meeting_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert _html_lang(page) == "fr"


def test_an_anonymous_visitor_switches_for_this_browser_only(client, db):
    response = client.post(
        reverse("outbox:language"), {"language": "fr", "next": "/accounts/login/"}
    )
    assert response["Location"] == "/accounts/login/"
    assert not DeliveryPreference.objects.exists()
    assert '<html lang="fr">' in client.get(reverse("login")).content.decode()


@pytest.mark.parametrize("posted", [{"language": "de"}, {"language": ""}, {}])
def test_an_unknown_language_is_refused_with_a_message(client_for, secretariat, posted):
    client = client_for(secretariat)
    response = client.post(
        reverse("outbox:language"), {**posted, "next": "/meetings/"}, follow=True
    )
    assert "Choose one of the languages offered." in response.content.decode()
    assert not DeliveryPreference.objects.exists()


def test_the_switcher_never_sends_anyone_to_another_site(client_for, secretariat):
    response = client_for(secretariat).post(
        reverse("outbox:language"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_settings_page_sets_the_language_or_returns_to_the_browser_s(client_for, secretariat):
    client = client_for(secretariat)
    response = client.post(reverse("outbox:preferences"), {"delivery": "daily", "language": "es"})
    assert response.status_code == 302
    preference = DeliveryPreference.objects.get(user=secretariat)
    assert (preference.delivery, preference.language) == ("daily", "es")
    page = client.get(reverse("outbox:preferences"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="es">' in page and "Guardado." in page

    client.post(reverse("outbox:preferences"), {"delivery": "daily", "language": ""})
    assert DeliveryPreference.objects.get(user=secretariat).language == ""
    page = client.get(reverse("outbox:preferences"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr">' in page


def test_dates_and_times_follow_the_active_language():
    end = START + datetime.timedelta(minutes=90)
    with translation.override("en"):
        assert timefmt.format_day(START, NY) == "Monday, 20 March 2023"
        assert timefmt.format_span(START, end, ZONES[:1]) == "10.00 \u2013 11.30 (NY time)"
    with translation.override("fr"):
        assert timefmt.format_day(START, NY) == "lundi 20 mars 2023"
        assert timefmt.format_span(START, end, ZONES[:1]) == (
            "10 h 00 \u2013 11 h 30 (heure de New York)"
        )
        assert timefmt.format_moment(START, GVA, "GVA time") == (
            "20 mars 2023 à 15 h 00 (heure de Genève)"
        )
    with translation.override("es"):
        assert timefmt.format_day(START, NY) == "lunes, 20 de marzo de 2023"
        assert timefmt.format_span(START, end, ZONES[:1]) == (
            "10:00 \u2013 11:30 (hora de Nueva York)"
        )


def test_a_label_the_catalogues_do_not_know_is_shown_as_typed():
    with translation.override("fr"):
        assert timefmt.format_span(START, None, [(NY, "Heure de NY")]) == "10 h 00 (Heure de NY)"


def test_due_dates_follow_the_active_language():
    half = datetime.date(2024, 12, 31)
    with translation.override("fr"):
        assert due.format_due(half, due.HALF) == "second semestre 2024"
        assert due.format_due(datetime.date(2024, 6, 30), due.DAY) == "d’ici au 30 juin 2024"
        assert due.format_due(datetime.date(2024, 9, 30), due.QUARTER) == "T3 2024"
    with translation.override("es"):
        assert due.format_due(half, due.HALF) == "segundo semestre de 2024"
        assert due.format_due(datetime.date(2024, 6, 30), due.MONTH) == "junio de 2024"
