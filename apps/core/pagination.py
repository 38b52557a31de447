"""Long lists a page at a time: Django's Paginator with a page size people may choose.

`paginate` reads `?page=` and `?per_page=` (one of PAGE_SIZES; anything else is the default), and
answers a page past the end with the last page. `templates/partials/pagination.html` draws
"Page N of M", the page links and the size choice; its links keep every other query parameter
(filters, search), so a filter holds on every page.
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator

PAGE_SIZES = (25, 50, 100, 200)
DEFAULT_PAGE_SIZE = 50


def page_size(params) -> int:
    text = params.get("per_page", "")
    return int(text) if text in {str(size) for size in PAGE_SIZES} else DEFAULT_PAGE_SIZE


def paginate(request, items) -> Page:
    """The requested page of `items` (a queryset, or anything with count() and slicing)."""
    page = Paginator(items, page_size(request.GET)).get_page(request.GET.get("page"))
    page.links = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    page.sizes = PAGE_SIZES
    return page
