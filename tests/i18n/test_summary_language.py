"""A summary keeps the language it is written in; a second-language version is text only,
readable exactly when the summary is; e-mails go out in each recipient's language."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from minutes import services
from minutes.models import Meeting, SummaryTranslation
from outbox.models import DeliveryPreference
from outbox.sending import send_due
from tests.factories import make_action, make_attendance, make_item, make_meeting, make_person

NY = ZoneInfo("America/New_York")


@pytest.fixture
def french_meeting(body, member_org):
    meeting = make_meeting(body=body, language="fr", status=Meeting.Status.APPROVED)
    item = make_item(meeting, title="Examens régionaux")
    make_action(
        item, text="Préparer la note", due_date=datetime.date(2024, 12, 31), due_precision="half"
    )
    make_attendance(meeting, make_person(name="Amy Pope", organization=member_org))
    return meeting


def test_the_export_uses_the_summary_language_whatever_the_reader_s(
    client_for, secretariat, french_meeting
):
    client = client_for(secretariat)
    text = client.get(
        reverse("summaries:export_markdown", args=[french_meeting.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "## Participants :" in text
    assert "## L’ordre du jour de la réunion comportait les points suivants :" in text
    assert "### Points d’action :" in text
    assert "Préparer la note (échéance : second semestre 2024)" in text
    assert "lundi 20 mars 2023" in text


def test_an_english_summary_exports_in_english_for_a_french_reader(client_for, secretariat, body):
    meeting = make_meeting(body=body, status=Meeting.Status.APPROVED)
    make_action(
        make_item(meeting),
        text="Draft the note",
        due_date=datetime.date(2024, 12, 31),
        due_precision="half",
    )
    text = (
        client_for(secretariat)
        .get(reverse("summaries:export_markdown", args=[meeting.pk]), HTTP_ACCEPT_LANGUAGE="fr")
        .content.decode()
    )
    assert "### Action Points:" in text and "Draft the note (due second half of 2024)" in text
    assert "Monday, 20 March 2023" in text


def test_the_summary_page_marks_a_summary_in_another_language(
    client_for, secretariat, french_meeting
):
    page = (
        client_for(secretariat)
        .get(french_meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert '<html lang="en">' in page
    assert (
        '<article class="summary" id="summary" aria-labelledby="summary-title" lang="fr">' in page
    )
    assert "L’ordre du jour de la réunion comportait" in page
    # The interface around it stays in the reader's language.
    assert "Log out" in page and "Dashboard" in page
    french = (
        client_for(secretariat)
        .get(french_meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
        .content.decode()
    )
    assert '<article class="summary" id="summary" aria-labelledby="summary-title">' in french


def test_the_secretariat_writes_a_translation_and_readers_are_offered_it(
    client_for, secretariat, principal, body
):
    meeting = make_meeting(body=body, status=Meeting.Status.CIRCULATED)
    make_action(make_item(meeting), text="Draft the note")
    client = client_for(secretariat)
    url = reverse("minutes:translation_edit", args=[meeting.pk, "fr"])
    response = client.post(url, {"text": "## Examens régionaux\n\nLe Réseau a débattu."})
    assert response.status_code == 302
    translation = SummaryTranslation.objects.get(meeting=meeting)
    assert (translation.language, translation.created_by) == ("fr", secretariat)
    assert translation.history.count() == 1

    client.force_login(principal)
    summary = client.get(meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    link = f'<a href="/meetings/{meeting.pk}/in/fr/" hreflang="fr" lang="fr">Lire en français</a>'
    assert link in summary
    page = client.get(f"/meetings/{meeting.pk}/in/fr/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="fr"' in page and "Le Réseau a débattu." in page
    assert f'<a href="/meetings/{meeting.pk}/" hreflang="en" lang="en">Read in English</a>' in page
    # The action points stay recorded once.
    assert meeting.agenda_items.get().action_points.count() == 1


def test_a_translation_is_hidden_whenever_the_summary_is(client_for, secretariat, principal, body):
    meeting = make_meeting(body=body, status=Meeting.Status.DRAFT)
    services.summary_translation_save(
        meeting=meeting, language="es", text="Resumen", by=secretariat
    )
    client = client_for(principal)
    assert client.get(f"/meetings/{meeting.pk}/in/es/").status_code == 404
    assert "Leer en español" not in client.get(meeting.get_absolute_url()).content.decode()
    client.force_login(secretariat)
    assert client.get(f"/meetings/{meeting.pk}/in/es/").status_code == 200


def test_principals_cannot_write_translations(client_for, principal, body):
    meeting = make_meeting(body=body, status=Meeting.Status.CIRCULATED)
    response = client_for(principal).post(
        reverse("minutes:translation_edit", args=[meeting.pk, "fr"]), {"text": "Texte"}
    )
    assert response.status_code == 403
    assert not SummaryTranslation.objects.exists()


def test_no_translation_into_the_summary_s_own_language_or_an_unknown_one(
    client_for, secretariat, body
):
    meeting = make_meeting(body=body)
    client = client_for(secretariat)
    assert (
        client.post(
            reverse("minutes:translation_edit", args=[meeting.pk, "en"]), {"text": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            reverse("minutes:translation_edit", args=[meeting.pk, "de"]), {"text": "x"}
        ).status_code
        == 404
    )
    with pytest.raises(services.ServiceError):
        services.summary_translation_save(meeting=meeting, language="en", text="x", by=secretariat)
    assert not SummaryTranslation.objects.exists()


def test_an_empty_or_stale_translation_is_refused_and_keeps_what_was_typed(
    client_for, secretariat, body
):
    meeting = make_meeting(body=body)
    first = services.summary_translation_save(
        meeting=meeting, language="fr", text="Un", by=secretariat
    )
    url = reverse("minutes:translation_edit", args=[meeting.pk, "fr"])
    client = client_for(secretariat)
    services.summary_translation_save(
        meeting=meeting, language="fr", text="Deux", by=secretariat, version=first.version
    )
    page = client.post(url, {"text": "Trois", "version": first.version}).content.decode()
    assert "Somebody else saved" in page and "Trois" in page
    assert SummaryTranslation.objects.get().text == "Deux"
    page = client.post(url, {"text": "   ", "version": 2}).content.decode()
    assert "This field is required." in page or "Write the translated summary." in page
    assert SummaryTranslation.objects.get().text == "Deux"


def test_the_meeting_form_sets_the_summary_language(client_for, secretariat, body):
    response = client_for(secretariat).post(
        reverse("minutes:meeting_create"),
        {
            "body": body.pk,
            "modality": "virtual",
            "date": "2023-03-20",
            "status": "draft",
            "language": "es",
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.get().language == "es"


def test_each_principal_is_told_in_their_own_language(
    body, secretariat, principal, other_principal
):
    principal.email, other_principal.email = "triggs@example.org", "abdi@example.org"
    principal.save()
    other_principal.save()
    DeliveryPreference.objects.create(user=principal, language="fr")
    meeting = make_meeting(body=body)
    make_item(meeting)
    with time_machine.travel(datetime.datetime(2023, 4, 3, 9, 0, tzinfo=NY), tick=False):
        services.meeting_circulate(
            meeting=meeting,
            by=secretariat,
            deadline=datetime.datetime(2023, 4, 7, 18, 0, tzinfo=NY),
        )
        send_due()
    sent = {m.to[0]: m for m in mail.outbox}
    french = sent["triggs@example.org"]
    assert french.subject.startswith("Résumé soumis pour examen :")
    assert "vendredi 7 avril 2023 à 18 h 00 (heure de New York)" in french.body
    assert "Choisissez entre un courriel par notification" in french.body
    assert sent["abdi@example.org"].subject.startswith("Summary for review:")
