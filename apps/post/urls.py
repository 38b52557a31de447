from django.urls import include, path

app_name = "post"

urlpatterns: list = [
    path("screenings/", include("apps.post.screenings.urls")),
]
