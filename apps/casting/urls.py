from django.urls import include, path

app_name = "casting"

urlpatterns = [
    path("offers/", include("apps.casting.offers.urls")),
]
