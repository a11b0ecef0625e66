"""``{% history_link obj %}`` (staff: a link to the object's history page, asked at the gate)
and ``{% public_history obj %}`` (citizens: "published on …, withdrawn on …", one query)."""

from django import template
from django.urls import reverse

from portal.permissions import can

from .. import selectors

register = template.Library()


def history_url(obj) -> str:
    meta = obj._meta
    return reverse(
        "history:object", kwargs={"app_label": meta.app_label, "model": meta.model_name,
                                  "pk": obj.pk}
    )


@register.inclusion_tag("history/includes/link.html", takes_context=True)
def history_link(context, obj):
    request = context.get("request")
    user = getattr(request, "user", None)
    allowed = obj is not None and user is not None and can(user, "history.view_history", obj)
    return {"url": history_url(obj) if allowed else ""}


@register.inclusion_tag("history/includes/public.html")
def public_history(obj):
    return {"entries": selectors.public_timeline(obj) if obj is not None else []}
