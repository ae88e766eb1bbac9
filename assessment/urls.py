from django.urls import path

from assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.intro, name="intro"),
    path("start/", views.start, name="start"),
    path("paper/", views.paper, name="paper"),
    path("paper/<int:accompaniment_id>/", views.paper_entry, name="paper_entry"),
    path("<uuid:attempt_uuid>/", views.question, name="question"),
    path("<uuid:attempt_uuid>/result/", views.result, name="result"),
    path("<uuid:attempt_uuid>/share/", views.share, name="share"),
    path("shared/<str:share_key>/", views.shared_result, name="shared"),
]
