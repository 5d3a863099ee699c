"""A summary's second-language version: text only, so the record is never duplicated."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from minutes.models import Meeting, SummaryTranslation
from minutes.services.base import ServiceError, author, claim_version, written_by


def summary_translation_save(
    *,
    meeting: Meeting,
    language: str,
    text: str,
    by: User | None,
    version: int | None = None,
) -> SummaryTranslation:
    """Write the translation into `language` (new, or over the one read at `version`)."""
    if language == meeting.language:
        raise ServiceError(_("The summary is already written in this language."))
    if not text.strip():
        raise ServiceError(_("Write the translated summary."))
    now = timezone.now()
    with transaction.atomic():
        current = SummaryTranslation.objects.filter(meeting=meeting, language=language).first()
        if current is None:
            translation = SummaryTranslation(
                meeting=meeting,
                language=language,
                text=text,
                created_by=author(by),
                updated_by=author(by),
                created_at=now,
                updated_at=now,
            )
            translation.full_clean(exclude=["meeting"])
            try:
                with transaction.atomic():
                    written_by(translation, by).save()
            except IntegrityError:
                raise ServiceError(
                    _("Somebody else added this translation meanwhile; open it again.")
                ) from None
            return translation
        current.version = claim_version(
            SummaryTranslation,
            current.pk,
            current.version if version is None else version,
            _("this translation"),
        )
        current.text, current.updated_by, current.updated_at = text, author(by), now
        written_by(current, by).save()
        return current
