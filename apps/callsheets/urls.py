from django.urls import path

from apps.callsheets import views

app_name = "callsheets"

urlpatterns = [
    path("", views.sheet_list, name="list"),
    path("day/<int:shoot_day_id>/start/", views.sheet_start, name="start"),
    path("<int:pk>/", views.sheet_detail, name="detail"),
    path("<int:pk>/edit/", views.sheet_edit, name="edit"),
    path("<int:pk>/publish/", views.sheet_publish, name="publish"),
    path("<int:pk>/pdf/", views.sheet_pdf, name="pdf"),
    path("<int:pk>/revisions/<int:number>/", views.revision_detail, name="revision"),
    path("<int:pk>/revisions/<int:number>/pdf/", views.revision_pdf, name="revision_pdf"),
    path("<int:pk>/revisions/<int:number>/tracking/", views.tracking, name="tracking"),
    path("<int:pk>/revisions/<int:number>/resend/", views.resend, name="resend"),
]
