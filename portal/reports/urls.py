from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("<slug:kind>/<int:object_id>/", views.report_create, name="create"),
    path("<int:pk>/", views.report_status, name="status"),
    path("<int:pk>/download/", views.report_download, name="download"),
]
