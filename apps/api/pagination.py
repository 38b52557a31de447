"""Lists a page at a time, as the pages do (apps/core/pagination.py): `?page=` and `?per_page=`
up to 200, 50 by default. The answer carries `count`, `next` and `previous` links and `results`."""

from __future__ import annotations

from rest_framework.pagination import PageNumberPagination

from apps.core.pagination import DEFAULT_PAGE_SIZE, PAGE_SIZES


class Pages(PageNumberPagination):
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "per_page"
    max_page_size = max(PAGE_SIZES)
