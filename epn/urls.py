from django.urls import path

from epn import views

app_name = "epn"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("spaces.csv", views.spaces_csv, name="spaces_csv"),
    path("spaces.json", views.spaces_json, name="spaces_json"),
    path("agenda.csv", views.agenda_csv, name="agenda_csv"),
    path("agenda.json", views.agenda_json, name="agenda_json"),
    path("<slug:slug>/", views.space, name="space"),
]
