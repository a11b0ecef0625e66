from django.urls import path

from . import staff_views
from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="landing"),
    path("calendar/", views.event_calendar, name="calendar"),
    path("manage/", staff_views.managed_list, name="manage"),
    path("new/", staff_views.event_create, name="create"),
    path("feed.ics", views.feed_all, name="feed"),
    path("municipality/<slug:slug>/feed.ics", views.feed_municipality, name="feed-municipality"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/event.ics", views.feed_event, name="feed-event"),
    path("<int:pk>/edit/", staff_views.event_edit, name="update"),
    path("<int:pk>/status/", staff_views.event_transition, name="transition"),
    path("<int:pk>/documents/", staff_views.document_add, name="document-add"),
    path("<int:pk>/documents/<int:document_pk>/", views.document_download, name="document"),
    path("<int:pk>/protocol/", views.protocol_download, name="protocol"),
    path("<int:pk>/documents/<int:document_pk>/remove/", staff_views.document_remove,
         name="document-remove"),
    path("<int:pk>/alternatives/", staff_views.alternative_add, name="alternative-add"),
    path("<int:pk>/alternatives/<int:alternative_pk>/remove/", staff_views.alternative_remove,
         name="alternative-remove"),
    path("<int:pk>/results/", staff_views.results_edit, name="results"),
    path("<int:pk>/attendance/", staff_views.attendance_edit, name="attendance"),
    path("<int:pk>/balance.csv", views.event_balance_csv, name="balance-csv"),
    path("<int:pk>/comments/", views.comment_create, name="comment-create"),
    path("<int:pk>/choose/", views.choose, name="choose"),
    path("<int:pk>/attend/", views.attend, name="attend"),
    path("comments/<int:pk>/flag/", views.comment_flag, name="comment-flag"),
    path("comments/<int:pk>/hide/", views.comment_hide, name="comment-hide"),
    path("comments/<int:pk>/dismiss/", views.comment_dismiss, name="comment-dismiss"),
    path("comments/<int:pk>/restore/", views.comment_restore, name="comment-restore"),
]
