import factory

from partnerships.cooperation.models import Application, CooperationForm
from tests.factories import CompanyFactory


class CooperationFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationForm

    slug = factory.Sequence(lambda n: f"forma-{n}")
    group = CooperationForm.Group.FORM
    kind = CooperationForm.Kind.COMMUNICATION
    title_pl = factory.Sequence(lambda n: f"Forma współpracy {n}")
    title_en = factory.Sequence(lambda n: f"Cooperation form {n}")
    summary_pl = "Krótki opis."
    summary_en = "A short summary."


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    company = factory.SubFactory(CompanyFactory)
    form = factory.SubFactory(CooperationFormFactory)
    answers = factory.LazyFunction(lambda: {"topic": "Warsztaty", "details": "Dla 20 osób."})


PACT_ANSWERS = {
    "commitments": ["renewable_energy", "mobility"],
    "target_year": "2040",
    "baseline": "1250.5",
    "signatory_name": "Anna Nowak",
    "signatory_role": "Prezeska zarządu",
}
