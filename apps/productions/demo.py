"""Demo data hooks: each domain app registers a seeder that adds its part to the demo production.

A seeder is called as `seeder(production, people, size)` where `people` maps a Role to the demo
user in that role. It must be idempotent: running the seed twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

DemoSeeder = Callable[..., None]
_SEEDERS: list[tuple[int, DemoSeeder]] = []


def register_demo_seeder(seeder: DemoSeeder, *, order: int = 100) -> None:
    if seeder not in [s for _, s in _SEEDERS]:
        _SEEDERS.append((order, seeder))


def demo_seeders() -> list[DemoSeeder]:
    return [seeder for _, seeder in sorted(_SEEDERS, key=lambda item: item[0])]
