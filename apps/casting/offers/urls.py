"""Offers, holds and re-prices, under /p/<production>/casting/offers/ (names in `casting:`)."""

from django.urls import path

from apps.casting.offers import views

urlpatterns = [
    path("", views.offer_list, name="offers"),
    path("new/", views.offer_new, name="offer_new"),
    path("offers.<str:fmt>", views.offer_export, name="offers_export"),
    path("<int:pk>/", views.offer_detail, name="offer"),
    path("<int:pk>/offer.pdf", views.offer_pdf, name="offer_pdf"),
    path("<int:pk>/edit/", views.offer_edit, name="offer_edit"),
    path("<int:pk>/send/", views.offer_send, name="offer_send"),
    path("<int:pk>/countersign/", views.offer_countersign, name="offer_countersign"),
    path("<int:pk>/void/", views.offer_void, name="offer_void"),
    path("<int:pk>/commit/", views.offer_commit, name="offer_commit"),
    path("<int:pk>/amend/", views.amendment_new, name="offer_amend"),
    path("<int:pk>/amendment/send/", views.amendment_send, name="offer_amendment_send"),
    path("<int:pk>/amendment/withdraw/", views.amendment_withdraw, name="offer_amendment_withdraw"),
    path("holds/new/", views.hold_new, name="hold_new"),
    path("holds/<int:pk>/release/", views.hold_release, name="hold_release"),
    path("reprices/<int:pk>/confirm/", views.reprice_confirm, name="reprice_confirm"),
]
