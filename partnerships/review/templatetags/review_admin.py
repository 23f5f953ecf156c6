from django import template

from partnerships.review import waiting

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_counts(context):
    """[(verbose_name_plural, count)] for the registered models the user may see: one COUNT query each."""
    user = context["request"].user
    return [(model._meta.verbose_name_plural, count) for model, count in waiting.counts(user=user)]

