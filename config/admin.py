"""The Django admin's door: only the secretariat (and superusers) come in.

The admin shows every record unfiltered, drafts included, so it is for those who read
everything (minutes.access); any other staff login is refused at the door.
"""

from __future__ import annotations

from django.contrib import admin

from participants import roles


class SecretariatAdminSite(admin.AdminSite):
    def has_permission(self, request) -> bool:
        return super().has_permission(request) and roles.is_secretariat(request.user)
