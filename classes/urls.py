from django.urls import path

from classes import views

app_name = "classes"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.create, name="create"),
    path("<int:classroom_id>/", views.detail, name="detail"),
    path("<int:classroom_id>/children/", views.children_add, name="children_add"),
    path("<int:classroom_id>/course/", views.course, name="course"),
    path("<int:classroom_id>/cards/", views.card_sheet, name="cards"),
    path("<int:classroom_id>/cards.pdf", views.card_sheet_pdf, name="cards_pdf"),
    path("<int:classroom_id>/cards/new/", views.cards_reissue, name="cards_reissue"),
    path(
        "<int:classroom_id>/children/<int:child_id>/card/new/",
        views.card_reissue,
        name="card_reissue",
    ),
    path(
        "<int:classroom_id>/children/<int:child_id>/remove/",
        views.child_remove,
        name="child_remove",
    ),
    path("<int:classroom_id>/delete/", views.classroom_delete, name="delete"),
    path("<int:classroom_id>/progress/", views.progress, name="progress"),
]
