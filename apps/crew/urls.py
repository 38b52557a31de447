from django.urls import path

from apps.crew.views import amendments, crew_list, days, hiring, memos, pay_rules, setup

app_name = "crew"

urlpatterns = [
    path("", crew_list.crew_list, name="list"),
    path("import/", crew_list.crew_list_upload, name="list_import"),
    path("engagements/<int:pk>/release/", crew_list.engagement_release, name="release"),
    path("days/", days.day_grid, name="days"),
    path("days/<int:pk>/remove/", days.day_assignment_remove, name="day_remove"),
    path("departments/", setup.departments, name="departments"),
    path("departments/<int:pk>/edit/", setup.department_edit, name="department_edit"),
    path("departments/<int:pk>/delete/", setup.department_delete, name="department_delete"),
    path("positions/<int:pk>/edit/", setup.position_edit, name="position_edit"),
    path("pay-rules/", pay_rules.pay_rules, name="pay_rules"),
    path("people/", setup.people, name="people"),
    path("people/new/", setup.person_add, name="person_add"),
    path("people/<int:pk>/edit/", setup.person_edit, name="person_edit"),
    path("openings/", hiring.openings, name="openings"),
    path("openings/new/", hiring.opening_add, name="opening_add"),
    path("openings/<int:pk>/", hiring.board, name="board"),
    path("openings/<int:pk>/edit/", hiring.opening_edit, name="opening_edit"),
    path("openings/<int:pk>/candidates/", hiring.candidate_add, name="candidate_add"),
    path("candidates/<int:pk>/", hiring.candidate_edit, name="candidate"),
    path("candidates/<int:pk>/move/", hiring.candidate_move, name="candidate_move"),
    path("candidates/<int:pk>/cv/", hiring.candidate_cv, name="candidate_cv"),
    path("memos/", memos.memo_list, name="memos"),
    path("memos/mine/", memos.my_memos, name="my_memos"),
    path("memos/new/", memos.memo_new, name="memo_new"),
    path("memos/<int:pk>/", memos.memo_detail, name="memo"),
    path("memos/<int:pk>/edit/", memos.memo_edit, name="memo_edit"),
    path("memos/<int:pk>/pdf/", memos.memo_pdf, name="memo_pdf"),
    path("memos/<int:pk>/send/", memos.memo_send, name="memo_send"),
    path("memos/<int:pk>/countersign/", memos.memo_countersign, name="memo_countersign"),
    path("memos/<int:pk>/void/", memos.memo_void, name="memo_void"),
    path("memos/<int:pk>/commit/", memos.memo_commit, name="memo_commit"),
    path("memos/<int:pk>/amend/", amendments.memo_amend, name="memo_amend"),
    path(
        "memos/<int:pk>/amendment/send/",
        amendments.memo_amendment_send,
        name="memo_amendment_send",
    ),
    path(
        "memos/<int:pk>/amendment/withdraw/",
        amendments.memo_amendment_withdraw,
        name="memo_amendment_withdraw",
    ),
]
