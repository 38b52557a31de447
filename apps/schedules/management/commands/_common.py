from django.core.management.base import CommandError

from apps.productions.models import Production


def production_named(slug: str) -> Production:
    production = Production.objects.filter(slug=slug).first()
    if production is None:
        raise CommandError(f"No production with the slug {slug!r}.")
    return production
