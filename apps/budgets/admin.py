from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from apps.budgets.models import Actual, Budget, BudgetVersion, Commitment, DepartmentGrant


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ["name", "production", "created_at"]


@admin.register(BudgetVersion)
class BudgetVersionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "budget", "status", "production"]
    list_filter = ["status"]


@admin.register(Actual)
class ActualAdmin(SimpleHistoryAdmin):
    list_display = ["date", "account_number", "payee", "amount", "production"]


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["date", "account_number", "description", "amount", "status", "production"]


@admin.register(DepartmentGrant)
class DepartmentGrantAdmin(admin.ModelAdmin):
    list_display = ["department", "kind", "number", "production"]
