from django.urls import reverse


def production_url(request, name: str, **kwargs) -> str:
    """A schedules URL in the request's production."""
    kwargs = {"production_slug": request.production.slug, **kwargs}
    return reverse(f"schedules:{name}", kwargs=kwargs)
