from apps.core import registry


class PostConfig(registry.DomainAppConfig):
    name = "apps.post"
    verbose_name = "Post"
