from django.urls import path

from . import staff_views
from . import views

app_name = "budgets"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("all/", views.budget_list, name="list"),
    path("transfers/", views.transfers, name="transfers"),
    path("transfers/data.<str:fmt>", views.transfers_export, name="transfers-export"),
    path("transfers/add/", staff_views.transfer_edit, name="transfer-create"),
    path("transfers/<int:pk>/edit/", staff_views.transfer_edit, name="transfer-update"),
    path("open-data/", views.open_data, name="open-data"),
    path("template/<str:lang>.<str:fmt>", views.spreadsheet_template, name="template"),
    path("compare/<slug:slug>/", views.compare, name="compare"),
    path("<slug:slug>/", views.municipality, name="municipality"),
    path("<slug:slug>/add/", staff_views.budget_create, name="budget-create"),
    path("<slug:slug>/<int:year>/", views.budget_detail, name="budget-detail"),
    path("<slug:slug>/<int:year>/citizen/", views.citizen_budget, name="citizen"),
    path("<slug:slug>/<int:year>/data.<str:fmt>", views.budget_export, name="budget-export"),
    path("<slug:slug>/<int:year>/edit/", staff_views.budget_edit, name="budget-edit"),
    path("<slug:slug>/<int:year>/upload/", staff_views.budget_upload, name="upload"),
    path(
        "<slug:slug>/<int:year>/upload/<int:pk>/",
        staff_views.upload_preview,
        name="upload-preview",
    ),
    path("<slug:slug>/<int:year>/revisions/", views.revisions, name="revisions"),
    path(
        "<slug:slug>/<int:year>/revisions/<int:number>/",
        views.revision_detail,
        name="revision-detail",
    ),
    path(
        "<slug:slug>/<int:year>/calendar/<int:pk>/document/",
        views.stage_document,
        name="stage-document",
    ),
    path("<slug:slug>/<int:year>/calendar/add/", staff_views.stage_edit, name="stage-create"),
    path(
        "<slug:slug>/<int:year>/calendar/<int:pk>/edit/",
        staff_views.stage_edit,
        name="stage-update",
    ),
]
