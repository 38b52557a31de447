"""The audit log reads every audited model, whatever its own fields are called."""

from __future__ import annotations

import pytest

from apps.casting.models import Actor, Role, Submission
from apps.productions.audit import entries_for

pytestmark = pytest.mark.django_db


def test_a_model_with_a_field_named_source_does_not_break_the_log(production):
    # A casting submission has a `source` (agent, link, by hand): the log's union of every
    # history once named its own column "source" too, and every production's log failed.
    role = Role.objects.create(production=production, name="Mara")
    actor = Actor.objects.create(production=production, name="Ines Quarrie")
    Submission.objects.create(production=production, role=role, actor=actor)
    kinds = {entry.kind for entry in entries_for(production)}
    assert {"Casting role", "Actor", "Submission"} <= kinds
