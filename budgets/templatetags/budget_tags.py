from django import template

from budgets import formatting

register = template.Library()


@register.filter
def som(value, decimals: int = 2) -> str:
    return formatting.som(value, int(decimals))


@register.filter
def som0(value) -> str:
    return formatting.som(value, 0)


@register.filter
def percent(value) -> str:
    return formatting.percent(value)


@register.filter
def get_item(mapping, key):
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def percent_of(value, whole) -> str:
    from budgets.figures import ratio

    return formatting.percent(ratio(value, whole))
