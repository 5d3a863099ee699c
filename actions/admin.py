from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actions.models import CalendarToken, ReminderLog
from minutes.models import ActionPoint, ActionUpdate


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    extra = 0
    autocomplete_fields = ["reviewed_at_meeting"]


@admin.register(ActionPoint)
class ActionPointAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "short_text", "status", "due_date", "due_precision"]
    list_filter = ["status", "due_precision", "agenda_item__meeting__body", "owner_organizations"]
    search_fields = ["reference", "text", "owner_note"]
    autocomplete_fields = [
        "agenda_item",
        "decision",
        "owner_organizations",
        "owner_people",
        "closed_at_meeting",
    ]
    filter_horizontal = ["topics"]
    inlines = [ActionUpdateInline]

    @admin.display(description="text")
    def short_text(self, obj: ActionPoint) -> str:
        return obj.text[:100]


@admin.register(ActionUpdate)
class ActionUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["action", "author", "created_at", "status_from", "status_to"]
    list_filter = ["status_to"]
    search_fields = ["text", "action__reference"]
    list_select_related = ["action", "author"]
    autocomplete_fields = ["action", "reviewed_at_meeting"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
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
class CalendarTokenAdmin(admin.ModelAdmin):
    """Calendar feed tokens; deleting one revokes the user's feed URL."""

    list_display = ["user", "created_at"]
    search_fields = ["user__username", "user__email"]
    readonly_fields = ["token", "created_at"]
    autocomplete_fields = ["user"]
