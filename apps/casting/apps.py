from apps.core import registry


class CastingConfig(registry.DomainAppConfig):
    name = "apps.casting"
    verbose_name = "Casting"

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        return [
            # One entry in the production's menu: roles, actors, agencies and auditions are
            # the casting pages' own tabs (templates/casting/_nav.html).
            registry.NavItem("Casting", "casting:roles", C.VIEW_CASTING, 540, "person-video"),
        ]

    def panels(self) -> list[registry.Panel]:
        from apps.casting.panel import panel_context
        from apps.productions.capabilities import Capability as C

        return [
            registry.Panel(
                "casting", "Casting", "casting/panel.html", C.VIEW_CASTING, panel_context, 540
            )
        ]

    def demo(self):
        from apps.casting.demo import seed_casting

        return seed_casting, 700  # after the schedule (its cast) and crew

    def connect(self) -> None:
        from apps.casting.offers.signals import connect

        connect()

    def audited(self) -> list[registry.Audited]:
        from apps.casting.auditions.registry import audited as audition_audited
        from apps.casting.models import (
            Actor,
            Agency,
            Representative,
            Role,
            ShortlistEntry,
            Submission,
            SubmissionLink,
            Unavailability,
        )
        from apps.casting.offers.registry import offers_audited

        return [
            registry.Audited(Role, "Casting role", lambda r: r.name),
            registry.Audited(Actor, "Actor", lambda a: a.name),
            registry.Audited(Agency, "Agency", lambda a: a.name),
            registry.Audited(
                Representative,
                "Agent or manager",
                lambda r: f"{r.name} ({r.agency.name})",
                select_related=("agency",),
            ),
            registry.Audited(
                Unavailability,
                "Actor's unavailable dates",
                lambda u: f"{u.actor.name}: {u}",
                select_related=("actor",),
            ),
            registry.Audited(
                Submission,
                "Submission",
                lambda s: f"{s.actor.name} for {s.role.name}",
                select_related=("actor", "role"),
            ),
            registry.Audited(
                ShortlistEntry,
                "Shortlist",
                lambda e: f"{e.actor.name} for {e.role.name} (rank {e.rank})",
                select_related=("actor", "role"),
            ),
            registry.Audited(
                SubmissionLink,
                "Submission link",
                lambda link: f"the agents' link for {link.role.name}",
                select_related=("role",),
            ),
            *audition_audited(),
            *offers_audited(),
        ]
