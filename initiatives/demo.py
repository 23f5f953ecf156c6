"""Demo initiatives: several upcoming and past ones, and a current bike campaign with rides of demo companies.

Idempotent: initiatives are looked up by slug, participations by (initiative, company), rides by (rider, date).
Companies and their members come from the partnerships demo; without them only the initiatives are created.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from initiatives.models import Initiative, Participation, Ride
from partnerships.cooperation.models import CooperationForm
from partnerships.models import Company

DEMO_COMPANIES = ["Cisco", "Columbus Energy", "Krakowski Park Technologiczny", "Aptiv Services Poland"]


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _initiatives(today):
    campaign_start = today - timedelta(days=10)
    return [
        {
            "slug": "rowerem-do-pracy-biezaca-edycja",
            "title": "Rowerem do pracy — bieżąca edycja",
            "kind": Initiative.Kind.BIKE_CAMPAIGN,
            "cooperation_form": "kampanie-rowerowe",
            "description": "Zespoły firm liczą przejazdy rowerem do pracy. Wygrywają kilometry, udział aktywnych "
            "rowerzystów i uniknięta emisja CO2.",
            "start": _at(campaign_start, 6),
            "end": _at(campaign_start + timedelta(days=30), 22),
            "registration_deadline": _at(campaign_start + timedelta(days=20), 23),
            "place_name": "Cały Kraków",
            "organiser": "Wydział Kształtowania Środowiska UMK",
            "capacity": None,
        },
        {
            "slug": "sadzenie-drzew-nowa-huta",
            "title": "Sadzimy drzewa w Nowej Hucie",
            "kind": Initiative.Kind.TREE_PLANTING,
            "cooperation_form": "zielen-z-zzm",
            "description": "Wspólne sadzenie drzew z Zarządem Zieleni Miejskiej. Rękawice i narzędzia na miejscu.",
            "start": _at(today + timedelta(days=14), 10),
            "end": _at(today + timedelta(days=14), 14),
            "registration_deadline": _at(today + timedelta(days=10), 23),
            "place_name": "Łąki Nowohuckie",
            "address": "ul. Bulwarowa, Kraków",
            "district": "18",
            "latitude": Decimal("50.070500"),
            "longitude": Decimal("20.045000"),
            "organiser": "Zarząd Zieleni Miejskiej w Krakowie",
            "capacity": 60,
            "capacity_unit": Initiative.CapacityUnit.PEOPLE,
        },
        {
            "slug": "park-kieszonkowy-grzegorzki",
            "title": "Park kieszonkowy na Grzegórzkach",
            "kind": Initiative.Kind.POCKET_PARK,
            "cooperation_form": "zielen-z-zzm",
            "description": "Urządzamy mały park sąsiedzki: nasadzenia, ławki i łąka kwietna.",
            "start": _at(today + timedelta(days=30), 9),
            "end": _at(today + timedelta(days=30), 15),
            "registration_deadline": _at(today + timedelta(days=25), 23),
            "place_name": "Skwer przy ul. Grzegórzeckiej",
            "address": "ul. Grzegórzecka, Kraków",
            "district": "02",
            "latitude": Decimal("50.058900"),
            "longitude": Decimal("19.955500"),
            "organiser": "Zarząd Zieleni Miejskiej w Krakowie",
            "capacity": 5,
            "capacity_unit": Initiative.CapacityUnit.COMPANIES,
        },
        {
            "slug": "szkolenie-klimatyczne-dla-pracownikow",
            "title": "Szkolenie klimatyczne dla pracowników",
            "kind": Initiative.Kind.TRAINING,
            "description": "Doradcy klimatyczni miasta o oszczędzaniu energii w biurze i w domu.",
            "start": _at(today + timedelta(days=7), 12),
            "end": _at(today + timedelta(days=7), 14),
            "registration_deadline": _at(today + timedelta(days=5), 23),
            "place_name": "Urząd Miasta Krakowa, ul. Wielicka 28A",
            "address": "ul. Wielicka 28A, Kraków",
            "district": "13",
            "latitude": Decimal("50.035600"),
            "longitude": Decimal("19.972800"),
            "organiser": "Zespół Doradców Klimatycznych i Środowiskowych",
            "capacity": 30,
        },
        {
            "slug": "forum-wymiany-doswiadczen-jesien",
            "title": "Forum wymiany doświadczeń — spotkanie jesienne",
            "kind": Initiative.Kind.FORUM_MEETING,
            "description": "Firmy partnerskie dzielą się dobrymi praktykami z ostatniego półrocza.",
            "start": _at(today - timedelta(days=40), 10),
            "end": _at(today - timedelta(days=40), 13),
            "registration_deadline": _at(today - timedelta(days=45), 23),
            "place_name": "Krakowski Park Technologiczny",
            "address": "ul. Podole 60, Kraków",
            "district": "09",
            "organiser": "Wydział Kształtowania Środowiska UMK",
            "capacity": 40,
        },
        {
            "slug": "rowerowy-maj-poprzednia-edycja",
            "title": "Rowerowy maj — poprzednia edycja",
            "kind": Initiative.Kind.BIKE_CAMPAIGN,
            "cooperation_form": "kampanie-rowerowe",
            "description": "Majowa kampania rowerowa zakończona; wyniki pozostają do wglądu.",
            "start": _at(today - timedelta(days=200), 6),
            "end": _at(today - timedelta(days=170), 22),
            "registration_deadline": _at(today - timedelta(days=180), 23),
            "place_name": "Cały Kraków",
            "organiser": "Wydział Kształtowania Środowiska UMK",
            "capacity": None,
        },
    ]


def seed(stdout):
    today = timezone.localdate()
    created = 0
    for data in _initiatives(today):
        slug = data.pop("slug")
        # The cooperation forms come from partnerships' data migration; an initiative is linked if its form exists.
        form_slug = data.pop("cooperation_form", None)
        data["cooperation_form"] = CooperationForm.objects.filter(slug=form_slug).first() if form_slug else None
        _obj, was_created = Initiative.objects.get_or_create(
            slug=slug, defaults={**data, "status": Initiative.Status.PUBLISHED}
        )
        created += was_created
    stdout.write(f"Initiatives: {created} created.")

    companies = list(Company.objects.verified().filter(name__in=DEMO_COMPANIES).prefetch_related("memberships__user"))
    if not companies:
        stdout.write("Initiatives: no demo companies found, participations and rides skipped.")
        return
    campaign = Initiative.objects.get(slug="rowerem-do-pracy-biezaca-edycja")
    training = Initiative.objects.get(slug="szkolenie-klimatyczne-dla-pracownikow")
    first_day = campaign.campaign_dates()[0]
    for index, company in enumerate(companies):
        members = [m.user for m in company.memberships.all()]
        contact = members[0] if members else None
        defaults = {
            "participants": 5 + index * 3,
            "contact_name": contact.get_full_name() if contact else company.name,
            "contact_email": contact.email if contact else f"kontakt+{company.slug}@example.com",
        }
        Participation.objects.get_or_create(initiative=campaign, company=company, defaults=defaults)
        if index < 2:
            Participation.objects.get_or_create(initiative=training, company=company, defaults=defaults)
        for rider_index, user in enumerate(members):
            for offset in range(0, min(8, (today - first_day).days + 1), 1 + rider_index):
                Ride.objects.get_or_create(
                    initiative=campaign,
                    user=user,
                    date=first_day + timedelta(days=offset),
                    defaults={"company": company, "km": Decimal(6 + 2 * index + rider_index)},
                )
    stdout.write(f"Initiatives: participations and rides for {len(companies)} demo companies in place.")
