from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from participants.models import Body, BodyMembership, BodyTimeZone, Organization, Person, Position


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["acronym", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["acronym", "name"]
    autocomplete_fields = ["parent"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "email", "user"]
    search_fields = ["name", "email", "positions__title", "positions__organization__acronym"]
    autocomplete_fields = ["user"]
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(SimpleHistoryAdmin):
    list_display = ["person", "title", "organization", "is_principal", "start", "end"]
    list_filter = ["is_principal", "organization"]
    search_fields = ["person__name", "title", "organization__acronym"]
    autocomplete_fields = ["person", "organization"]


class BodyTimeZoneInline(admin.TabularInline):
    model = BodyTimeZone
    extra = 0


class BodyMembershipInline(admin.TabularInline):
    model = BodyMembership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "slug"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BodyTimeZoneInline, BodyMembershipInline]


@admin.register(BodyTimeZone)
class BodyTimeZoneAdmin(admin.ModelAdmin):
    list_display = ["body", "position", "zone", "label"]
    list_filter = ["body"]


@admin.register(BodyMembership)
class BodyMembershipAdmin(SimpleHistoryAdmin):
    list_display = ["body", "organization", "start", "end", "is_rotating"]
    list_filter = ["body", "is_rotating"]
    search_fields = ["organization__acronym", "organization__name"]
