"""The admin's shared widgets: autocomplete fields safe against ids that cannot exist, valid
HTML, and a name for every input.

Django's autocomplete widget looks the posted ids up while it shows a form again with its
errors; an id that is not a number, or out of the column's range, would make that look-up fail
with a server error instead of the form's own "Select a valid choice" message.

The rest of the admin's accessibility lives in templates/admin/ (the date and time boxes'
labels, the script that names the autocomplete boxes), templates/auth/widgets/ (the password
summary) and static/css/admin.css.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin import TabularInline
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.utils import pretty_name
from django.utils.text import capfirst


class _ValidIdsOnly:
    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, [v for v in value if self._could_exist(v)], attr)
        if not self.allow_multiple_selected:
            self._lead_with_blank(name, groups[0][1])
        return groups

    def _lead_with_blank(self, name, options) -> None:
        """A single choice starts with the "---------" choice of an ordinary select, also when
        the field is required: HTML wants a required select to start with an empty choice, and
        an empty choice to have a label. The autocomplete box shows it as its empty state."""
        if options and options[0]["value"] == "":
            options.pop(0)
        blank = self.create_option(name, "", BLANK_CHOICE_DASH[0][1], False, 0)
        options.insert(0, blank)
        for index, option in enumerate(options):
            option["index"] = str(index)

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


class HiddenInputWithoutLabel(forms.HiddenInput):
    """A hidden input for a form field listed in a ModelAdmin's `fields`: the admin writes a
    label for every field it lists, and a label may not point at a hidden input."""

    def id_for_label(self, id_):
        return None


class _ColumnHeadingsAsNames:
    """A tabular inline's formset: in a table the column heading is the only label a field has,
    so each input of each row (the "Delete" box too) also gets it as `aria-label`."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            if not field.widget.is_hidden:
                label = capfirst(field.label or pretty_name(name))
                field.widget.attrs.setdefault("aria-label", str(label))


class SafeAutocomplete:
    """Mix into every ModelAdmin and inline: safe autocomplete fields (above), and in a tabular
    inline a name for every input."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if isinstance(self, TabularInline):
            return type(formset.__name__, (_ColumnHeadingsAsNames, formset), {})
        return formset

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
