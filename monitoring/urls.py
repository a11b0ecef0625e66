from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.landing, name="landing"),
    path("indicators/", views.indicator_list, name="indicator-list"),
    path("my/", views.desk, name="desk"),
    path("m/<slug:slug>/", views.municipality, name="municipality"),
    path("rayons/<slug:slug>/", views.rayon, name="rayon"),
    path("rayons/<slug:slug>/comparison.csv", views.rayon_csv, name="rayon-csv"),
    path("groups/<int:pk>/cycles/new/", views.cycle_create, name="cycle-create"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle-detail"),
    path("cycles/<int:pk>/scorecard/", views.scorecard, name="scorecard"),
    path("cycles/<int:pk>/scorecard.csv", views.scorecard_csv, name="scorecard-csv"),
    path("cycles/<int:pk>/plan/", views.plan_item_add, name="plan-item-add"),
    path("cycles/<int:pk>/acts/new/", views.act_create, name="act-create"),
    path("cycles/<int:pk>/dissent/", views.dissent, name="dissent"),
    path("cycles/<int:pk>/findings/", views.findings, name="findings"),
    path("cycles/<int:pk>/publish/", views.cycle_publish, name="cycle-publish"),
    path("cycles/<int:pk>/response/", views.response, name="response"),
    path("cycles/<int:pk>/actions/new/", views.action_add, name="action-add"),
    path("actions/<int:pk>/progress/", views.action_progress, name="action-progress"),
    path("acts/<int:pk>/", views.act_detail, name="act-detail"),
    path("acts/<int:pk>/edit/", views.act_edit, name="act-edit"),
    path("acts/<int:pk>/submit/", views.act_submit, name="act-submit"),
    path("acts/<int:pk>/review/", views.act_review, name="act-review"),
    path("acts/<int:pk>/publish/", views.act_publish, name="act-publish"),
    path("acts/<int:act_pk>/evaluations/new/", views.evaluation_form, name="evaluation-add"),
    path("evaluations/<int:pk>/edit/", views.evaluation_form, name="evaluation-edit"),
    path("evaluations/<int:pk>/delete/", views.evaluation_delete, name="evaluation-delete"),
    path("evaluations/<int:pk>/evidence/", views.evidence_add, name="evidence-add"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence-file"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence-delete"),
]
