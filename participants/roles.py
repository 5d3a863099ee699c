"""Roles are groups. These helpers answer role questions once per request and cache the answer."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from lib import readcache

SECRETARIAT = "Secretariat"
PRINCIPALS = "Principals"


def _group_names(user: User | AnonymousUser) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_group_names"):
        user._group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._group_names


def is_secretariat(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (user.is_superuser or SECRETARIAT in _group_names(user))


def is_principal(user: User | AnonymousUser) -> bool:
    return PRINCIPALS in _group_names(user)


def user_organization(user: User | AnonymousUser):
    """The organisation of the person linked to this login, by their current position."""
    from participants import zones
    from participants.models import Organization, Position

    if not user.is_authenticated:
        return None
    if not hasattr(user, "_organization"):
        today = zones.today()

        def find() -> tuple:
            current = Position.objects.on(today).filter(person__user=user)
            return (
                Organization.objects.filter(positions__in=current.values("pk"))
                .order_by("pk")
                .first(),
            )

        # Every page asks (the navigation names it): kept per login and day until a record
        # changes, as a one-item tuple so that "none" is kept too.
        user._organization = readcache.kept(
            "user-organization", (user.pk, today.isoformat()), find, actions=False
        )[0]
    return user._organization
