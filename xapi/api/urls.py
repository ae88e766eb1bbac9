from django.urls import path

from xapi.api import views

app_name = "xapi"
urlpatterns = [
    path("about", views.about, name="about"),
    path("statements", views.statements, name="statements"),
]
