from django.urls import include, path

app_name = "casting"

urlpatterns = [
    path("auditions/", include("apps.casting.auditions.urls")),
]
