"""Writing the same columns of many rows at once.

Django's bulk_update builds one ``CASE WHEN id = ... THEN ...`` expression per field per batch;
for thousands of rows the building alone takes seconds. update_rows sends one parameterised
``UPDATE ... WHERE id = %s`` through the driver's executemany instead (SQLite runs it as one
prepared statement, psycopg 3 pipelines it): the same rows and values, without model signals,
like bulk_update. record_history does the same for simple_history's historical rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, models, router
from django.utils import timezone


def update_rows(model: type[models.Model], rows: Sequence[models.Model], fields: list[str]) -> int:
    """Write `fields` of every row in `rows` (instances of `model`, already changed in memory);
    returns how many rows were sent."""
    if not rows:
        return 0
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    table, key = quote(meta.db_table), quote(meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {key} = %s"  # noqa: S608 # nosec B608 - names quoted, values bound
    params = [
        [column.get_db_prep_save(getattr(row, column.attname), connection) for column in columns]
        + [meta.pk.get_db_prep_save(row.pk, connection)]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(rows)


def record_history(model: type[models.Model], rows: Sequence[models.Model], reason: str) -> int:
    """What simple_history's bulk_history_create(update=True) writes for `rows` (one historical
    row each, type "~", the request's user, this moment, `reason`), sent with one executemany
    INSERT instead of model instances; returns how many were written."""
    if not rows:
        return 0
    history = model.history.model
    connection = connections[router.db_for_write(history)]
    quote = connection.ops.quote_name
    tracked = [history._meta.get_field(field.name) for field in history.tracked_fields]
    extra = [history._meta.get_field(name) for name in HISTORY_COLUMNS]
    columns = [*tracked, *extra]
    user = history.get_default_history_user(rows[0])
    values = [timezone.now(), reason, "~", getattr(user, "pk", None)]
    fixed = [field.get_db_prep_save(v, connection) for field, v in zip(extra, values, strict=True)]
    names = ", ".join(quote(column.column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    table = quote(history._meta.db_table)
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 # nosec B608 - names quoted, values bound
    params = [
        [field.get_db_prep_save(getattr(row, field.attname), connection) for field in tracked]
        + fixed
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    return len(rows)


HISTORY_COLUMNS = ("history_date", "history_change_reason", "history_type", "history_user")
