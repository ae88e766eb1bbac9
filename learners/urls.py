from django.urls import path

from learners import views

app_name = "learners"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("start/", views.start, name="start"),
    path("language/", views.language_choose, name="language"),
    path("profile/", views.profile, name="profile"),
    path(
        "profile/email-and-password/",
        views.email_and_password_add,
        name="email_and_password",
    ),
    path("accompanied/end/", views.accompanied_finish, name="accompanied_end"),
    path("card/", views.card_sign_in, name="card_sign_in"),
    path("card/done/", views.card_finish, name="card_finish"),
    path("card/signed-out/", views.card_signed_out, name="card_signed_out"),
    path("card/<str:link_key>/", views.card_link, name="card_link"),
    path("profile/export/", views.data_export, name="data_export"),
    path("profile/delete/", views.account_delete, name="account_delete"),
    path("enrolments/<int:enrolment_id>/", views.enrolment_detail, name="enrolment"),
    path("courses/<int:course_id>/enrol/", views.enrol, name="enrol"),
    path("courses/<int:course_id>/resume/", views.resume, name="resume"),
    path(
        "lessons/<int:lesson_id>/questions/<str:question_id>/answer/",
        views.answer,
        name="answer",
    ),
    path(
        "lessons/<int:lesson_id>/puzzles/<str:puzzle_id>/run/",
        views.puzzle_run,
        name="puzzle_run",
    ),
    path(
        "lessons/<int:lesson_id>/puzzles/<str:puzzle_id>/hint/",
        views.puzzle_hint,
        name="puzzle_hint",
    ),
    path(
        "lessons/<int:lesson_id>/exercises/<str:exercise_id>/report/",
        views.exercise_report,
        name="exercise_report",
    ),
    path(
        "lessons/<int:lesson_id>/exercises/<str:exercise_id>/hint/",
        views.exercise_hint,
        name="exercise_hint",
    ),
    path(
        "lessons/<int:lesson_id>/exercises/<str:exercise_id>/solution/",
        views.exercise_solution,
        name="exercise_solution",
    ),
    path("lessons/<int:lesson_id>/complete/", views.complete, name="complete"),
]
