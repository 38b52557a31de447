from apps.core import registry


class PostConfig(registry.DomainAppConfig):
    name = "apps.post"
    verbose_name = "Post"

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        # One entry in the production's menu: schedule, deliverables, screenings, festivals and
        # distribution are the post pages' own tabs (templates/post/_nav.html).
        return [registry.NavItem("Post", "post:schedule", C.VIEW_POST, 800, "film")]

    def panels(self) -> list[registry.Panel]:
        from apps.post.milestones.registry import panels as milestone_panels

        return [*milestone_panels()]

    def audited(self) -> list[registry.Audited]:
        from apps.post.deliverables.registry import audited as deliverables_audited
        from apps.post.distribution.registry import audited as distribution_audited
        from apps.post.festivals.registry import audited as festival_audited
        from apps.post.milestones.registry import audited as milestone_audited
        from apps.post.screenings.registry import audited as screenings_audited

        return [
            *milestone_audited(),
            *festival_audited(),
            *deliverables_audited(),
            *distribution_audited(),
            *screenings_audited(),
        ]

    def demo(self):
        from apps.post.demo import seed_post

        return seed_post, 800  # after casting's 700 and development's 750

    def calendar(self, production, start, end, membership=None):
        from apps.post.festivals.registry import calendar as festival_calendar
        from apps.post.milestones.registry import calendar as milestone_calendar
        from apps.post.milestones.registry import sees_post

        # Only for a member who reaches post's pages: their calendar page and their own feed. The
        # production's shared feed has no member (its address is handed to the whole unit, crew
        # who get 403 on post included), so post's dates stay off it.
        if membership is None or not sees_post(membership):
            return []
        return [
            *milestone_calendar(production, start, end),
            *festival_calendar(production, start, end),
        ]
