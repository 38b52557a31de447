from django.urls import include, path

app_name = "post"

urlpatterns: list = [
    path("", include("apps.post.milestones.urls")),
    path("festivals/", include("apps.post.festivals.urls")),
]
