"""A filter's choice of one record among records that may be few or many.

While the reader may choose among a handful (a committee's bodies), the choice is a
`<select>`. Past `LIST_AT_MOST` a list would grow with the archive, so the field becomes a
text box: static/js/lookup.js suggests names as one types, from a JSON look-up, and a pick
fills a hidden field with the record's id. Without JavaScript the typed text is matched on
the server: one record matching it is chosen, none or several give a message saying so.

The chosen id travels under the field's own name (`?body=3`), so links and bookmarks made
either way keep working; the typed text travels as `<name>_text`.
"""

from __future__ import annotations

import copy

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

LIST_AT_MOST = 25
TEXT_SUFFIX = "_text"
TYPED_LENGTH = 200
NAMES_SHOWN = 5


class TypedText(str):
    """Text typed into the box instead of a suggestion picked."""


class LookupSelect(forms.Select):
    """A `<select>` while its choices are few; a search box and a hidden id once they are many.

    Which one is decided when the widget is rendered, so a form built and never shown (a page
    served from the cache) reads nothing.
    """

    def __init__(self, attrs=None, *, lookup_url="", list_at_most: int = LIST_AT_MOST):
        super().__init__(attrs)
        self.lookup_url = lookup_url
        self.list_at_most = list_at_most

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value not in (None, ""):
            return value
        text = (data.get(name + TEXT_SUFFIX) or "").strip()[:TYPED_LENGTH]
        return TypedText(text) if text else value

    def render(self, name, value, attrs=None, renderer=None):
        # One query reads the first rows: all of them for a select, or proof there are many.
        iterator = self.choices
        rows = list(iterator.queryset[: self.list_at_most + 1])
        if len(rows) <= self.list_at_most:
            select = copy.copy(self)
            empty = [] if iterator.field.empty_label is None else [("", iterator.field.empty_label)]
            select.choices = empty + [iterator.choice(row) for row in rows]
            if isinstance(value, TypedText):
                value = None
            return super(LookupSelect, select).render(name, value, attrs, renderer)
        attrs = self.build_attrs(self.attrs, attrs)
        box_id = attrs.get("id") or f"id_{name}"
        text, chosen = "", ""
        if isinstance(value, TypedText):
            text = value
        elif value not in (None, ""):
            record = (
                self.choices.queryset.filter(pk=value).first() if str(value).isdigit() else None
            )
            text, chosen = (str(record), record.pk) if record else ("", "")
        return format_html(
            '<input type="text" name="{}" id="{}" value="{}" autocomplete="off" '
            'placeholder="{}" data-lookup-url="{}" data-lookup-for="{}_id">'
            '<input type="hidden" name="{}" id="{}_id" value="{}">',
            name + TEXT_SUFFIX,
            box_id,
            text,
            _("Type a name"),
            self.lookup_url,
            box_id,
            name,
            box_id,
            chosen,
        )


class LookupChoiceField(forms.ModelChoiceField):
    """One record of `queryset`, picked from a list or typed (see the module)."""

    widget = LookupSelect
    default_error_messages = {
        "no_match": _("Nothing here matches “%(text)s”."),
        "many_matches": format_lazy(
            "{} {}",
            _("Several match “%(text)s”: %(names)s."),
            _("Pick one of the suggestions or type more of the name."),
        ),
    }

    def __init__(self, queryset, *, lookup_url, search_fields=("name",), **kwargs):
        self.search_fields = tuple(search_fields)
        super().__init__(queryset, **kwargs)
        self.widget.lookup_url = lookup_url

    def to_python(self, value):
        if isinstance(value, TypedText):
            return self.match(value)
        return super().to_python(value)

    def match(self, text: str):
        """The one record the typed text names: named exactly, else containing every word."""
        exact = Q()
        for field in self.search_fields:
            exact |= Q(**{f"{field}__iexact": text})
        found = list(self.queryset.filter(exact)[:2])
        if len(found) != 1:
            found = list(
                holding_every_word(self.queryset, text, self.search_fields)[: NAMES_SHOWN + 1]
            )
        if len(found) == 1:
            return found[0]
        if not found:
            raise ValidationError(
                self.error_messages["no_match"], code="no_match", params={"text": text}
            )
        names = ", ".join(str(record) for record in found[:NAMES_SHOWN])
        if len(found) > NAMES_SHOWN:
            names += ", …"
        raise ValidationError(
            self.error_messages["many_matches"],
            code="many_matches",
            params={"text": text, "names": names},
        )


def holding_every_word(queryset: QuerySet, text: str, fields: tuple[str, ...]) -> QuerySet:
    """The rows of `queryset` where each word of `text` is in one of `fields`."""
    condition = Q()
    for word in text.split()[:8]:
        either = Q()
        for field in fields:
            either |= Q(**{f"{field}__icontains": word})
        condition &= either
    return queryset.filter(condition)


class LookupChoiceFilter(django_filters.ModelChoiceFilter):
    """`LookupChoiceField` in a django-filter set."""

    field_class = LookupChoiceField
