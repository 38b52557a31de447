from apps.core import registry


class PayrollConfig(registry.DomainAppConfig):
    name = "apps.payroll"
    verbose_name = "Payroll"

    def connect(self) -> None:
        from apps.payroll.posting import memo_spent as answer
        from apps.productions.signals import memo_spent

        memo_spent.connect(answer, dispatch_uid="payroll.memo_spent")
        from apps.payroll.prefill import report_signed
        from apps.productions.signals import daily_report_signed

        daily_report_signed.connect(report_signed, dispatch_uid="payroll.report_signed")
        from apps.payroll.posting import day_pay
        from apps.productions.signals import timecard_pay_asked

        timecard_pay_asked.connect(day_pay, dispatch_uid="payroll.day_pay")
        from apps.payroll.services import release_closes
        from apps.productions.signals import engagement_released

        engagement_released.connect(release_closes, dispatch_uid="payroll.release_closes")
        paperwork()

    def demo(self):
        from apps.payroll.demo import seed_payroll

        return seed_payroll, 850  # after crew; before the periods close (daily reports, 900)

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        return [
            registry.NavItem("Timecards", "payroll:list", C.VIEW_TIMECARDS, 530, "clock"),
            registry.NavItem("Paperwork", "paperwork:list", C.VIEW_PAPERWORK, 535, "folder-check"),
        ]

    def audited(self) -> list[registry.Audited]:
        from apps.payroll.models import PackEntry, StartPack, Timecard, TimecardAdjustment

        return [
            registry.Audited(
                Timecard,
                "Timecard",
                lambda t: f"{t.person.name}, week of {t.week_start:%d %b %Y}",
                select_related=("person",),
            ),
            registry.Audited(
                TimecardAdjustment,
                "Timecard adjustment",
                lambda a: f"{a.timecard.person.name}, week of {a.timecard.week_start:%d %b %Y}",
                select_related=("timecard__person",),
            ),
            registry.Audited(
                StartPack,
                "Start pack",
                lambda p: p.engagement.person.name,
                select_related=("engagement__person",),
            ),
            registry.Audited(
                PackEntry,
                "Start pack item",
                lambda e: f"{e.pack.engagement.person.name}: {e.title}",
                select_related=("pack__engagement__person",),
            ),
        ]


def paperwork() -> None:
    """Start paperwork's receivers: a hire's pack on their memo's acceptance, and its state on
    the crew list."""
    from apps.payroll.paperwork.queries import badges
    from apps.payroll.paperwork.services import on_memo_accepted
    from apps.productions.signals import crew_badges, memo_accepted

    memo_accepted.connect(on_memo_accepted, dispatch_uid="payroll.paperwork.memo_accepted")
    crew_badges.connect(badges, dispatch_uid="payroll.paperwork.crew_badges")
