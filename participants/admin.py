from __future__ import annotations

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from lib.admin import SafeAutocomplete
from participants.models import Body, BodyMembership, BodyTimeZone, Organization, Person, Position


class PositionInline(SafeAutocomplete, admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Organization)
class OrganizationAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["acronym", "name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["acronym", "name"]
    autocomplete_fields = ["parent"]


@admin.register(Person)
class PersonAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["name", "email", "user"]
    search_fields = ["name", "email", "positions__title", "positions__organization__acronym"]
    autocomplete_fields = ["user"]
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["person", "title", "organization", "is_principal", "start", "end"]
    list_filter = ["is_principal", "organization"]
    search_fields = ["person__name", "title", "organization__acronym"]
    autocomplete_fields = ["person", "organization"]


class BodyTimeZoneInline(SafeAutocomplete, admin.TabularInline):
    model = BodyTimeZone
    extra = 0


class BodyMembershipInline(SafeAutocomplete, admin.TabularInline):
    model = BodyMembership
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Body)
class BodyAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["name", "short_name", "slug"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [BodyTimeZoneInline, BodyMembershipInline]


@admin.register(BodyTimeZone)
class BodyTimeZoneAdmin(SafeAutocomplete, admin.ModelAdmin):
    list_display = ["body", "position", "zone", "label"]
    list_filter = ["body"]


@admin.register(BodyMembership)
class BodyMembershipAdmin(SafeAutocomplete, SimpleHistoryAdmin):
    list_display = ["body", "organization", "start", "end", "is_rotating"]
    list_filter = ["body", "is_rotating"]
    search_fields = ["organization__acronym", "organization__name"]
