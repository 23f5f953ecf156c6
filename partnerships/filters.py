import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.choices import District, Sector
from partnerships.models import Company


class PartnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by name"), method="search")
    sector = django_filters.ChoiceFilter(label=_("Sector"), choices=Sector.choices, empty_label=_("All sectors"))
    district = django_filters.ChoiceFilter(
        label=_("District"), choices=District.choices, empty_label=_("All districts")
    )

    class Meta:
        model = Company
        fields = ["q", "sector", "district"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["q"].field.widget = forms.TextInput(attrs={"type": "search"})

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value.strip())
