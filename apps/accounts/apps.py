from apps.core import registry


class AccountsConfig(registry.DomainAppConfig):
    name = "apps.accounts"
    verbose_name = "Accounts"

    def connect(self) -> None:
        from apps.core.freshness import not_data

        # An API request notes when its token was used: that changes no page's data.
        not_data("accounts_apitoken")
