from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.productions.models import Invitation, Membership, Production


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Production)
class ProductionAdmin(SimpleHistoryAdmin):
    list_display = ["title", "slug", "format", "phase", "first_shoot_day"]
    list_filter = ["format", "phase"]
    search_fields = ["title", "slug", "company_name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "production", "role", "department"]
    list_filter = ["role"]
    search_fields = ["user__email", "production__title"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "production", "role", "send_status", "created_at", "accepted_at"]
    list_filter = ["send_status"]
    exclude = ["token_hash"]
