from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from actions.models import ActionPoint, ActionUpdate


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
