from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from participants import roles


def role_flags(request: HttpRequest) -> dict:
    user = request.user
    return {
        "is_secretariat": SimpleLazyObject(lambda: roles.is_secretariat(user)),
        "is_principal": SimpleLazyObject(lambda: roles.is_principal(user)),
        "my_organization": SimpleLazyObject(lambda: roles.user_organization(user)),
    }
