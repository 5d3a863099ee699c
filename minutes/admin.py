from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from lib.admin import SafeAutocomplete, related_links
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


class DocumentInline(SafeAutocomplete, admin.TabularInline):
    # The editor's form: the same type and size checks on uploads.
    form = DocumentForm
    model = Document
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    """A meeting's own fields; its attendance, items, action points and review are long lists,
    linked to their own pages rather than inlined, so this page opens fast and fits the screen."""

    list_display = ["title", "body", "start", "modality", "status", "review_deadline"]
    list_filter = ["status", "body", "modality"]
    search_fields = ["title", "location", "opening_remarks"]
    date_hierarchy = "start"
    list_select_related = ["body"]
    readonly_fields = ["record"]
    inlines = [DocumentInline]

    @admin.display(description=_("Its record"))
    def record(self, obj: Meeting) -> str:
        if obj.pk is None:
            return _("Save the meeting first.")
        return related_links(
            [
                (Attendance, "meeting__id__exact", obj.pk),
                (AgendaItem, "meeting__id__exact", obj.pk),
                (ActionPoint, "agenda_item__meeting__id__exact", obj.pk),
                (ReviewComment, "meeting__id__exact", obj.pk),
                (SummaryEvent, "meeting__id__exact", obj.pk),
            ]
        )


class DecisionInline(SafeAutocomplete, admin.StackedInline):
    model = Decision
    extra = 0
    fields = ["position", "kind", "text", "reference", "topics"]
    filter_horizontal = ["topics"]


@admin.register(AgendaItem)
class AgendaItemAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["title", "meeting", "position", "kind"]
    list_filter = ["kind", "meeting__body"]
    search_fields = ["title", "discussion"]
    list_select_related = ["meeting"]
    autocomplete_fields = ["meeting"]
    filter_horizontal = ["topics"]
    readonly_fields = ["action_points"]
    inlines = [DecisionInline]

    @admin.display(description=_("Action points"))
    def action_points(self, obj: AgendaItem) -> str:
        if obj.pk is None:
            return _("Save the item first.")
        return related_links([(ActionPoint, "agenda_item__id__exact", obj.pk)])


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
