from django.urls import path

from scheduling import views

app_name = "scheduling"
urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("<int:session_id>/", views.session, name="session"),
    path(
        "<int:session_id>/calendar.ics",
        views.session_calendar,
        name="session_calendar",
    ),
    path("<int:session_id>/book/", views.book, name="book"),
    path("bookings/<uuid:booking_uuid>/cancel/", views.cancel, name="cancel"),
    path("bookings/cancel/<str:token>/", views.cancel_by_link, name="cancel_by_link"),
    path("bookings/<uuid:booking_uuid>/ticket/", views.booking_ticket, name="ticket"),
    path("mine/", views.my_bookings, name="my_bookings"),
    path(
        "feeds/organisers/<int:organiser_id>.ics",
        views.organiser_feed,
        name="organiser_feed",
    ),
    path("feeds/mine/<str:token>.ics", views.learner_feed, name="learner_feed"),
    path(
        "mine/calendar-link/",
        views.learner_feed_renew,
        name="learner_feed_renew",
    ),
    path("facilitator/", views.facilitator_home, name="facilitator"),
    path(
        "facilitator/sessions/new/",
        views.facilitator_session_edit,
        name="facilitator_new",
    ),
    path(
        "facilitator/sessions/<int:session_id>/",
        views.facilitator_session,
        name="facilitator_session",
    ),
    path(
        "facilitator/sessions/<int:session_id>/edit/",
        views.facilitator_session_edit,
        name="facilitator_edit",
    ),
    path(
        "facilitator/sessions/<int:session_id>/attendance/",
        views.facilitator_attendance,
        name="facilitator_attendance",
    ),
    path(
        "facilitator/sessions/<int:session_id>/cancel/",
        views.facilitator_session_cancel,
        name="facilitator_session_cancel",
    ),
    path(
        "facilitator/bookings/<int:booking_id>/cancel/",
        views.facilitator_booking_cancel,
        name="facilitator_booking_cancel",
    ),
    path(
        "facilitator/bookings/<int:booking_id>/attendance/",
        views.facilitator_booking_attendance,
        name="facilitator_booking_attendance",
    ),
    path("facilitator/check-in/<uuid:booking_uuid>/", views.check_in, name="check_in"),
]
