from django.urls import path

from apps.payroll.paperwork import views

app_name = "paperwork"

urlpatterns = [
    path("", views.paperwork_list, name="list"),
    path("pack/", views.start_pack_edit, name="pack"),
    path("pack/<int:pk>/delete/", views.start_pack_item_delete, name="pack_item_delete"),
    path("<int:pk>/", views.paperwork_detail, name="detail"),
    path("<int:pk>/send/", views.paperwork_send, name="send"),
    path("files/<int:pk>/", views.paperwork_file, name="file"),
]
