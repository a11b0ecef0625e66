from django.urls import path
from django.urls import re_path

from . import views

app_name = "reports"
# A report is reached by its random token only (Report.token); /reports/<id>/ is no address.
ADDRESS_KEY = r"(?P<token>[A-Za-z0-9_-]{20,64})"
urlpatterns = [
    path("<slug:kind>/<int:object_id>/", views.report_create, name="create"),
    re_path(rf"^{ADDRESS_KEY}/$", views.report_status, name="status"),
    re_path(rf"^{ADDRESS_KEY}/download/$", views.report_download, name="download"),
]
