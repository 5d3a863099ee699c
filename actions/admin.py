from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from actions.models import CalendarToken, ReminderLog
from lib import due
from lib.admin import HiddenInputWithoutLabel, SafeAutocomplete, related_links
from minutes import services
from minutes.models import ActionPoint, ActionUpdate


class ActionPointAdminForm(forms.ModelForm):
    """The fields the record's action service changes, and the version the page was opened on."""

    seen_version = forms.IntegerField(widget=HiddenInputWithoutLabel)

    class Meta:
        model = ActionPoint
        fields = [
            "text",
            "owner_organizations",
            "owner_people",
            "owner_note",
            "due_date",
            "due_precision",
            "status",
            "topics",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = self.instance.version

    def clean(self) -> dict:
        data = super().clean()
        if data.get("seen_version") != self.instance.version:
            stale = services.StaleEdit(
                _("action point %(reference)s") % {"reference": self.instance.reference}
            )
            raise forms.ValidationError(
                _("%(summary)s Your changes were not saved; open the page again to see theirs.")
                % {"summary": stale.summary}
            )
        if data.get("due_precision") not in (None, due.NONE) and not data.get("due_date"):
            self.add_error("due_date", _("Give a day in the due period, or choose “No date”."))
        return data


@admin.register(ActionPoint)
class ActionPointAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    """Saves go through the record's action service, so the admin's changes are logged too.

    Action points are added and removed in the meeting editor; where they sit, their reference
    and their closing fields are kept by the record, so they are shown, not edited, here.
    """

    form = ActionPointAdminForm
    list_display = ["reference", "short_text", "status", "due_date", "due_precision"]
    list_filter = ["status", "due_precision", "agenda_item__meeting__body", "owner_organizations"]
    search_fields = ["reference", "text", "owner_note"]
    fields = [
        "reference",
        "agenda_item",
        "decision",
        *ActionPointAdminForm.Meta.fields,
        "closed_at",
        "closed_at_meeting",
        "progress_log",
        "seen_version",
    ]
    readonly_fields = [
        "reference",
        "agenda_item",
        "decision",
        "closed_at",
        "closed_at_meeting",
        "progress_log",
    ]
    autocomplete_fields = ["owner_organizations", "owner_people"]
    filter_horizontal = ["topics"]

    @admin.display(description=_("Progress log"))
    def progress_log(self, obj: ActionPoint) -> str:
        if obj.pk is None:
            return ""
        return related_links([(ActionUpdate, "action__id__exact", obj.pk)])

    def lookup_allowed(self, lookup, value, request=None) -> bool:
        # The meeting page's link to its action points.
        if lookup == "agenda_item__meeting__id__exact":
            return True
        return super().lookup_allowed(lookup, value, request)

    @admin.display(description="text")
    def short_text(self, obj: ActionPoint) -> str:
        return obj.text[:100]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        data = form.cleaned_data
        services.action_point_update(
            action=obj,
            by=request.user,
            version=data["seen_version"],
            text=data["text"],
            owner_organizations=data["owner_organizations"],
            owner_people=data["owner_people"],
            owner_note=data["owner_note"],
            topics=data["topics"],
            status=data["status"],
            due_day=data["due_date"],
            due_precision=data["due_precision"],
        )

    def save_related(self, request, form, formsets, change) -> None:
        """The owners and topics were saved by the service; nothing else is related here."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.ServiceError as error:
            # A save that lost a race after the form was checked: nothing was written.
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


@admin.register(ActionUpdate)
class ActionUpdateAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["action", "author", "created_at", "status_from", "status_to"]
    list_filter = ["status_to"]
    search_fields = ["text", "action__reference"]
    list_select_related = ["action", "author"]
    autocomplete_fields = ["action", "reviewed_at_meeting"]


@admin.register(ReminderLog)
class ReminderLogAdmin(SafeAutocomplete, admin.ModelAdmin):
    """What reminders went out: a record, so it is read-only."""

    list_display = ["email", "sent_on", "action_count", "created_at"]
    list_filter = ["sent_on"]
    search_fields = ["email"]
    date_hierarchy = "sent_on"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CalendarToken)
class CalendarTokenAdmin(SafeAutocomplete, admin.ModelAdmin):
    """Calendar feed tokens; deleting one revokes the user's feed URL."""

    list_display = ["user", "created_at"]
    search_fields = ["user__username", "user__email"]
    readonly_fields = ["token", "created_at"]
    autocomplete_fields = ["user"]
