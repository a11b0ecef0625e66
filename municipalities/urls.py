from django.urls import path

from . import views

app_name = "municipalities"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("directory/", views.directory, name="directory"),
    path("open-data/", views.open_data, name="open_data"),
    path("open-data/units.csv", views.export_csv, name="export_csv"),
    path("open-data/units.json", views.export_json, name="export_json"),
    path("reform/", views.reform, name="reform"),
    path("reform/merge/", views.merge, name="merge"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/charter/", views.charter_download, name="charter"),
    path("<slug:slug>/edit/", views.workspace, name="workspace"),
    path("<slug:slug>/edit/profile/", views.profile_edit, name="profile_edit"),
    path("<slug:slug>/edit/names/", views.names_edit, name="names_edit"),
    path("<slug:slug>/edit/charter/", views.charter_edit, name="charter_edit"),
    path("<slug:slug>/edit/villages/add/", views.village_edit, name="village_add"),
    path("<slug:slug>/edit/villages/<int:pk>/", views.village_edit, name="village_edit"),
    path(
        "<slug:slug>/edit/villages/<int:pk>/delete/", views.village_delete, name="village_delete"
    ),
    path("<slug:slug>/edit/<str:kind>/", views.body_edit, name="body_edit"),
    path("<slug:slug>/edit/<str:kind>/people/add/", views.member_edit, name="member_add"),
    path("<slug:slug>/edit/<str:kind>/people/<int:pk>/", views.member_edit, name="member_edit"),
    path(
        "<slug:slug>/edit/<str:kind>/people/<int:pk>/delete/",
        views.member_delete,
        name="member_delete",
    ),
    path("<slug:slug>/history/", views.history, name="history"),
]
