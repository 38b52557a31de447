from apps.core import registry


class PostConfig(registry.DomainAppConfig):
    name = "apps.post"
    verbose_name = "Post"

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        # One entry; the schedule, deliverables, screenings, festivals and distribution are the
        # post pages' own tabs.
        return [registry.NavItem("Post", "post:deliverables", C.VIEW_POST, 560, "film")]

    def demo(self):
        from apps.post.demo import seed_post

        return seed_post, 800  # after casting's 700 and development's 750

    def audited(self) -> list[registry.Audited]:
        from apps.post.deliverables.registry import audited as deliverables_audited
        from apps.post.distribution.registry import audited as distribution_audited
        from apps.post.screenings.registry import audited as screenings_audited

        return [*deliverables_audited(), *distribution_audited(), *screenings_audited()]
