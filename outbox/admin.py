from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from lib.admin import SafeAutocomplete
from outbox.models import DeliveryPreference, Notification, OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(SafeAutocomplete, admin.ModelAdmin):
    list_display = ["subject", "recipient", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["recipient", "subject"]
    readonly_fields = ["created_at", "sent_at", "last_error"]
    actions = ["retry_now"]

    @admin.action(description=_("Retry now (failed or waiting messages)"))
    def retry_now(self, request, queryset):
        from django.utils import timezone

        queryset.exclude(status=OutboxMessage.Status.SENT).update(
            status=OutboxMessage.Status.PENDING, next_attempt_at=timezone.now()
        )


@admin.register(Notification)
class NotificationAdmin(SafeAutocomplete, admin.ModelAdmin):
    list_display = ["subject", "user", "created_at", "read_at", "digest_pending"]
    list_select_related = ["user"]
    search_fields = ["subject", "user__username"]


admin.site.register(DeliveryPreference)
