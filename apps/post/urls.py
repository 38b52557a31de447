from django.urls import include, path

app_name = "post"

urlpatterns: list = [
    path("", include("apps.post.milestones.urls")),
    path("festivals/", include("apps.post.festivals.urls")),
    path("deliverables/", include("apps.post.deliverables.urls")),
    path("distribution/", include("apps.post.distribution.urls")),
    path("screenings/", include("apps.post.screenings.urls")),
]
