from apps.core import registry


class AccountsConfig(registry.DomainAppConfig):
    name = "apps.accounts"
    verbose_name = "Accounts"
