"""The admin's autocomplete fields, safe against ids that cannot exist.

Django's autocomplete widget looks the posted ids up while it shows a form again with its
errors; an id that is not a number, or out of the column's range, would make that look-up fail
with a server error instead of the form's own "Select a valid choice" message.
"""

from __future__ import annotations

from django.contrib.admin import TabularInline
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import connection


class _ValidIdsOnly:
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._could_exist(v)], attr)

    def _could_exist(self, value) -> bool:
        model = self.field.remote_field.model
        target = model._meta.get_field(
            getattr(self.field.remote_field, "field_name", None) or model._meta.pk.name
        )
        try:
            cleaned = target.to_python(value)
        except (ValidationError, ValueError, TypeError):
            return False
        if isinstance(cleaned, int):
            low, high = connection.ops.integer_field_range(target.get_internal_type())
            return (low is None or cleaned >= low) and (high is None or cleaned <= high)
        return True


class SafeAutocompleteSelect(_ValidIdsOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(_ValidIdsOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocomplete:
    """Mix into a ModelAdmin or an inline that has `autocomplete_fields`.

    In a tabular inline the column heading is the only label a field has; each field also
    gets it as `aria-label`, so a screen reader names every input of every row.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(self, TabularInline):
            field.widget.attrs.setdefault("aria-label", str(db_field.verbose_name).capitalize())
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and type(field.widget) is AutocompleteSelect:
            field.widget.__class__ = SafeAutocompleteSelect
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and type(field.widget) is AutocompleteSelectMultiple:
            field.widget.__class__ = SafeAutocompleteSelectMultiple
        return field


def related_links(lists) -> str:
    """Links to the admin lists of a record's parts: [(model, lookup, value), ...], each
    "Attendance (12)". A list too long to inline is one click away, filtered to the record."""
    from django.urls import reverse
    from django.utils.html import format_html, format_html_join

    rows = []
    for model, lookup, value in lists:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        count = model._default_manager.filter(**{lookup.removesuffix("__exact"): value}).count()
        rows.append((f"{url}?{lookup}={value}", str(opts.verbose_name_plural).capitalize(), count))
    return format_html(
        '<ul class="admin-related">{}</ul>',
        format_html_join("", '<li><a href="{}">{} ({})</a></li>', rows),
    )
