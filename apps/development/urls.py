from django.urls import include, path

app_name = "development"

urlpatterns: list = [
    path("finance/", include("apps.development.finance.urls")),
    path("pitch/", include("apps.development.pitch.urls")),
]
