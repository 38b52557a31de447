from __future__ import annotations

from decimal import Decimal

from apps.core.errors import DomainError
from apps.core.money import round_money
from apps.productions.models import Production
from apps.vendors.models import VendorSettings


class VendorError(DomainError):
    """A purchasing rule refused the action."""


def settings_for(production: Production) -> VendorSettings:
    """The production's vendor settings; the defaults (unsaved) until someone saves them, so a
    page that only reads them writes nothing."""
    found = VendorSettings.objects.filter(production=production).first()
    return found or VendorSettings(production=production)


def money(production: Production, value: Decimal) -> Decimal:
    """Rounded to the production currency's minor unit: the one place vendors rounds money."""
    return round_money(value, production.currency)
