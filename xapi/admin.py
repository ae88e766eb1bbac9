"""Operators' screens: LRS clients, external LRSs with their backlog, statements."""

from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext_lazy as _

from xapi import clients, forwarding
from xapi.models import ExternalLRS, LRSClient, Statement


@admin.register(LRSClient)
class LRSClientAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "key",
        "active",
        "trusted_for_progress",
        "scopes",
        "created_at",
    ]
    list_filter = ["active", "trusted_for_progress"]
    readonly_fields = ["key", "created_at"]
    fields = ["name", "scopes", "trusted_for_progress", "active", "key", "created_at"]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        client, secret = clients.client_create(
            name=obj.name,
            scopes=obj.scopes or None,
            trusted_for_progress=obj.trusted_for_progress,
        )
        obj.pk = client.pk
        obj.key = client.key
        messages.warning(
            request,
            _("Key %(key)s, secret %(secret)s — shown once, store it now.")
            % {"key": client.key, "secret": secret},
        )

    @admin.action(description=_("Revoke the selected clients"))
    def revoke(self, request, queryset):
        for client in queryset:
            clients.client_revoke(name=client.name)


@admin.register(ExternalLRS)
class ExternalLRSAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "endpoint",
        "active",
        "backlog",
        "last_success_at",
        "last_error_at",
    ]
    readonly_fields = ["last_error", "last_error_at", "last_success_at", "backlog"]
    # An endpoint typed without its scheme is an https one (statements carry
    # learners' names): Django 6's default, asked for now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        "name",
        "endpoint",
        "version",
        "username",
        "password",
        "active",
        "backlog",
        "last_success_at",
        "last_error_at",
        "last_error",
    ]

    def get_queryset(self, request):
        self._backlog = forwarding.outbox_backlog()
        return super().get_queryset(request)

    @admin.display(description=_("statements waiting"))
    def backlog(self, obj):
        backlog = getattr(self, "_backlog", None) or forwarding.outbox_backlog()
        return backlog.get(obj.id, 0)


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["id", "verb_id", "activity_id", "stored", "voided"]
    list_filter = ["voided"]
    search_fields = ["id", "activity_id", "verb_id"]
    readonly_fields = [f.name for f in Statement._meta.fields]

    # Statements are immutable except through voiding (xAPI-Data 2.3.2).
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
