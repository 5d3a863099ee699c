"""The Django admin, with the door of config.admin."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class SecretariatAdminConfig(AdminConfig):
    default_site = "config.admin.SecretariatAdminSite"
