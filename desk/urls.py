from django.urls import path

from desk import views

app_name = "desk"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.account_create, name="account_create"),
    path("notice/", views.notice, name="notice"),
    path("journal/", views.journal, name="journal"),
    path("me/", views.mine, name="mine"),
    path("me/accompanied/", views.accompanied_join, name="accompanied_join"),
    path("me/<int:accompaniment_id>/end/", views.mine_end, name="mine_end"),
    path("people/<int:accompaniment_id>/", views.learner, name="learner"),
    path("people/<int:accompaniment_id>/card/", views.card, name="card"),
    path("people/<int:accompaniment_id>/card.pdf", views.card_pdf, name="card_pdf"),
    path(
        "people/<int:accompaniment_id>/card/new/",
        views.card_reissue,
        name="card_reissue",
    ),
    path("people/<int:accompaniment_id>/card/stop/", views.card_stop, name="card_stop"),
    path("people/<int:accompaniment_id>/end/", views.end, name="end"),
    path("people/<int:accompaniment_id>/enrol/", views.enrol, name="enrol"),
    path("people/<int:accompaniment_id>/book/", views.book, name="book"),
    path("people/<int:accompaniment_id>/profile/", views.profile, name="profile"),
    path("people/<int:accompaniment_id>/accompany/", views.accompany, name="accompany"),
]
