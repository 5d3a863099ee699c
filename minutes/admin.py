from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lib.admin import SafeAutocomplete
from minutes.forms import DocumentForm
from minutes.models import (
    ActionPoint,
    AgendaItem,
    Attendance,
    Decision,
    Document,
    Meeting,
    ReviewComment,
    SummaryEvent,
    Topic,
)


class AttendanceInline(SafeAutocomplete, admin.TabularInline):
    model = Attendance
    fk_name = "meeting"
    extra = 0
    autocomplete_fields = ["person", "organization", "represented_by"]


class AgendaItemInline(SafeAutocomplete, admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "kind", "discussion"]
    show_change_link = True


class DocumentInline(SafeAutocomplete, admin.TabularInline):
    # The editor's form: the same type and size checks on uploads.
    form = DocumentForm
    model = Document
    extra = 0


class SummaryEventInline(SafeAutocomplete, admin.TabularInline):
    model = SummaryEvent
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["title", "body", "start", "modality", "status", "review_deadline"]
    list_filter = ["status", "body", "modality"]
    search_fields = ["title", "location", "opening_remarks"]
    date_hierarchy = "start"
    list_select_related = ["body"]
    inlines = [AttendanceInline, AgendaItemInline, DocumentInline, SummaryEventInline]


class DecisionInline(SafeAutocomplete, admin.StackedInline):
    model = Decision
    extra = 0
    fields = ["position", "kind", "text", "reference", "topics"]
    filter_horizontal = ["topics"]


class ActionPointInline(SafeAutocomplete, admin.StackedInline):
    """Shown, not edited, here: a change to an action goes through its own page, which logs it."""

    model = ActionPoint
    extra = 0
    can_delete = False
    fields = [
        "position",
        "reference",
        "text",
        "owner_organizations",
        "owner_people",
        "owner_note",
        "due_date",
        "due_precision",
        "status",
        "closed_at",
        "closed_at_meeting",
    ]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AgendaItem)
class AgendaItemAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["title", "meeting", "position", "kind"]
    list_filter = ["kind", "meeting__body"]
    search_fields = ["title", "discussion"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting"]
    filter_horizontal = ["topics"]
    inlines = [DecisionInline, ActionPointInline]


@admin.register(Decision)
class DecisionAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["reference", "kind", "short_text", "agenda_item"]
    list_filter = ["kind", "agenda_item__meeting__body"]
    search_fields = ["reference", "text"]
    list_select_related = ["agenda_item"]
    autocomplete_fields = ["agenda_item"]
    filter_horizontal = ["topics"]

    @admin.display(description="text")
    def short_text(self, obj: Decision) -> str:
        return obj.text[:100]


@admin.register(Topic)
class TopicAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Attendance)
class AttendanceAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["person", "organization", "title", "role", "status", "meeting"]
    list_filter = ["status", "organization"]
    search_fields = ["person__name", "title", "role"]
    list_select_related = ["person", "organization", "meeting"]
    autocomplete_fields = ["meeting", "person", "organization", "represented_by"]


@admin.register(Document)
class DocumentAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    form = DocumentForm
    list_display = ["title", "meeting", "agenda_item", "url", "file"]
    search_fields = ["title", "url"]
    autocomplete_fields = ["meeting", "agenda_item"]


@admin.register(ReviewComment)
class ReviewCommentAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["meeting", "author", "organization", "kind", "status", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["text", "reply"]
    autocomplete_fields = ["meeting", "agenda_item", "organization"]


@admin.register(SummaryEvent)
class SummaryEventAdmin(SafeAutocomplete, admin.ModelAdmin):
    list_display = ["meeting", "kind", "by", "at"]
    list_filter = ["kind"]
    autocomplete_fields = ["meeting"]
