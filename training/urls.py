"""Under /organisations/<organisation_id>/paths/ (``mine/``: a learner's own)."""

from django.urls import path

from training import views

app_name = "training"
urlpatterns = [
    path("", views.paths, name="paths"),
    path("new/", views.path_create, name="path_create"),
    path("<int:path_id>/", views.path_detail, name="path"),
    path("<int:path_id>/edit/", views.path_edit, name="path_edit"),
    path("<int:path_id>/items/", views.path_item_add, name="item_add"),
    path(
        "<int:path_id>/items/<int:item_id>/move/",
        views.path_item_move,
        name="item_move",
    ),
    path(
        "<int:path_id>/items/<int:item_id>/remove/",
        views.path_item_remove,
        name="item_remove",
    ),
    path("<int:path_id>/copy/", views.path_copy, name="path_copy"),
    path("<int:path_id>/delete/", views.path_delete, name="path_delete"),
    path("<int:path_id>/assign/", views.path_assign, name="path_assign"),
    path(
        "assignments/<int:assignment_id>/",
        views.assignment_detail,
        name="assignment",
    ),
    path(
        "assignments/<int:assignment_id>/due-date/",
        views.assignment_due_date,
        name="assignment_due_date",
    ),
    path(
        "assignments/<int:assignment_id>/withdraw/",
        views.assignment_withdraw,
        name="assignment_withdraw",
    ),
    path("mine/<int:trainee_id>/", views.my_path, name="my_path"),
    path("report/", views.report, name="report"),
    path("report.csv", views.report_csv, name="report_csv"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("report/people/<int:user_id>/", views.report_person, name="report_person"),
]
