"""What the API reads and writes, one module per app. Reads are model serializers over the rows
the pages show; writes are plain serializers whose fields are the service's arguments, so a
service's refusal naming an argument lands on the field of the same name."""

from __future__ import annotations


def read_only_meta(model, *fields: str) -> type:
    """A model serializer's Meta that shows `fields` and takes none of them as input."""
    return type("Meta", (), {"model": model, "fields": list(fields), "read_only_fields": fields})
