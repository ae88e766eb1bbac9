from django.urls import path

from xapi.api import documents as document_views
from xapi.api import views

app_name = "xapi"
urlpatterns = [
    path("about", views.about, name="about"),
    path("statements", views.statements, name="statements"),
    path("activities/state", document_views.state, name="state"),
    path(
        "activities/profile", document_views.activity_profile, name="activity_profile"
    ),
    path("activities", document_views.activities, name="activities"),
    path("agents/profile", document_views.agent_profile, name="agent_profile"),
    path("agents", document_views.agents, name="agents"),
]
