from django.urls import path

from apps.payroll import views
from apps.payroll.crew_link import views as link_views

app_name = "payroll"

urlpatterns = [
    path("", views.timecard_list, name="list"),
    path("export.<str:fmt>", views.payroll_export, name="export"),
    path("start/<int:pk>/", views.timecard_start, name="start"),
    path("<int:pk>/", views.timecard_detail, name="detail"),
    path("<int:pk>/submit/", views.timecard_submit, name="submit"),
    path(
        "<int:pk>/approve-department/", views.timecard_approve_department, name="approve_department"
    ),
    path("<int:pk>/return-department/", views.timecard_return_department, name="return_department"),
    path("<int:pk>/approve/", views.timecard_approve, name="approve"),
    path("<int:pk>/return/", views.timecard_return, name="return"),
    path("<int:pk>/adjust/", views.timecard_adjust, name="adjust"),
    # The crew member's own link (pk: the engagement): sent, sent again, revoked by the office.
    path("link/<int:pk>/send/", link_views.link_send, name="link_send"),
    path("link/<int:pk>/revoke/", link_views.link_revoke, name="link_revoke"),
]
