from django import template
from django.urls import NoReverseMatch, reverse

from partnerships import review

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_counts(context):
    """[(verbose_name_plural, count, changelist_url)] for the registered models the user may see."""
    user = context["request"].user
    rows = []
    for model, count in review.counts(user=user):
        opts = model._meta
        try:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        except NoReverseMatch:
            url = ""
        rows.append((opts.verbose_name_plural, count, url))
    return rows
