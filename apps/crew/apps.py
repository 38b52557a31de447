from apps.core import registry


class CrewConfig(registry.DomainAppConfig):
    name = "apps.crew"
    verbose_name = "Crew"

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        return [
            registry.NavItem("Crew", "crew:list", C.VIEW_CREW, 300, "people-fill"),
            registry.NavItem(
                "My deal memos", "crew:my_memos", C.VIEW_PRODUCTION, 310, "pen", unless=C.VIEW_CREW
            ),
        ]

    def panels(self) -> list[registry.Panel]:
        from apps.crew.panel import panel_context
        from apps.productions.capabilities import Capability as C

        return [registry.Panel("crew", "Open hires", "crew/panel.html", C.VIEW_CREW, panel_context)]

    def audited(self) -> list[registry.Audited]:
        from apps.crew.models import (
            DayAssignment,
            DealMemo,
            Engagement,
            MemoAmendment,
            PayRules,
            Person,
        )

        def person_as_position(r) -> str:
            return f"{r.person.name if r.person else '?'} as {r.position}"

        return [
            registry.Audited(Person, "Person", lambda r: r.name),
            registry.Audited(
                DealMemo, "Deal memo", person_as_position, select_related=("person", "position")
            ),
            registry.Audited(
                MemoAmendment,
                "Memo amendment",
                lambda r: f"Amendment {r.number} to {r.memo.person.name if r.memo else '?'}'s memo",
                select_related=("memo__person",),
            ),
            registry.Audited(
                Engagement, "Engagement", person_as_position, select_related=("person", "position")
            ),
            registry.Audited(
                DayAssignment,
                "Day booking",
                lambda r: f"{r.person.name if r.person else '?'} on {r.shoot_day}",
                select_related=("person", "shoot_day"),
            ),
            registry.Audited(PayRules, "Pay rules", lambda r: "Pay rules"),
        ]

    def connect(self) -> None:
        from apps.crew.services.people import member_joined_receiver
        from apps.productions.signals import member_joined

        member_joined.connect(member_joined_receiver, dispatch_uid="crew.member_joined")

    def demo(self):
        from apps.crew.demo import seed_crew

        return seed_crew, 300
