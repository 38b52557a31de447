from apps.core import registry


class PostConfig(registry.DomainAppConfig):
    name = "apps.post"
    verbose_name = "Post"

    def nav(self) -> list[registry.NavItem]:
        from apps.productions.capabilities import Capability as C

        return [registry.NavItem("Post", "post:screenings", C.VIEW_POST, 560, "film")]

    def audited(self) -> list[registry.Audited]:
        from apps.post.screenings.registry import audited as screenings_audited

        return [*screenings_audited()]

    def demo(self):
        from apps.post.demo import seed_post

        return seed_post, 800
