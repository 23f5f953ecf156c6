"""Demo data: the nine companies of the first business meeting as verified partners, their demo users and one
company waiting for verification. Idempotent: rows are found by NIP or e-mail and saved only when they differ."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from partnerships.models import Company, Membership
from partnerships.review.permissions import MODERATORS_GROUP

DEMO_PASSWORD = "demo-password-2024"  # noqa: S105 - documented demo account, never used in production

# The NIPs are made up (with valid check digits); the addresses are placeholders.
VERIFIED = [
    {
        "nip": "9981001008",
        "name": "Aptiv Services Poland",
        "sector": "technology",
        "size": "large",
        "district": "13",
        "description": "Krakowskie centrum techniczne firmy Aptiv, która projektuje oprogramowanie i elektronikę "
        "dla przemysłu motoryzacyjnego.",
    },
    {
        "nip": "9981012118",
        "name": "ASTOR Robotics Center",
        "sector": "technology",
        "size": "medium",
        "district": "05",
        "description": "Centrum firmy ASTOR poświęcone robotyce przemysłowej i automatyzacji produkcji.",
    },
    {
        "nip": "9981023228",
        "name": "BP Polska",
        "sector": "fuel",
        "size": "large",
        "district": "08",
        "description": "Polski oddział grupy energetycznej BP, prowadzący m.in. sieć stacji paliw.",
    },
    {
        "nip": "9981034338",
        "name": "Cisco",
        "sector": "technology",
        "size": "large",
        "district": "09",
        "description": "Krakowskie biuro Cisco, firmy tworzącej technologie sieciowe i komunikacyjne.",
    },
    {
        "nip": "9981045448",
        "name": "Columbus Energy",
        "sector": "energy",
        "size": "large",
        "district": "05",
        "description": "Krakowska firma, która instaluje fotowoltaikę, pompy ciepła i magazyny energii.",
    },
    {
        "nip": "9981056558",
        "name": "Konfederacja Lewiatan",
        "sector": "business_organisation",
        "size": "medium",
        "district": "01",
        "description": "Organizacja pracodawców reprezentująca firmy prywatne w Polsce.",
    },
    {
        "nip": "9981067668",
        "name": "Krakowski Park Technologiczny",
        "sector": "business_services",
        "size": "medium",
        "district": "14",
        "description": "Spółka wspierająca innowacyjne firmy w regionie krakowskim i zarządzająca specjalną strefą "
        "ekonomiczną.",
    },
    {
        "nip": "9981078778",
        "name": "PGE Energia Ciepła",
        "sector": "energy",
        "size": "large",
        "district": "18",
        "description": "Spółka grupy PGE wytwarzająca ciepło i energię elektryczną, m.in. w krakowskiej "
        "elektrociepłowni.",
    },
    {
        "nip": "9981089888",
        "name": "Shell Business Operations Kraków",
        "sector": "business_services",
        "size": "large",
        "district": "02",
        "description": "Krakowskie centrum usług biznesowych grupy Shell, obsługujące m.in. finanse i IT.",
    },
]

PENDING = {
    "nip": "9981100992",
    "name": "Zielony Warsztat sp. z o.o.",
    "sector": "manufacturing",
    "size": "small",
    "district": "12",
    "description": "Przykładowa firma, która czeka na weryfikację przez urząd.",
}


def _save_if_changed(obj, values):
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    for field in changed:
        setattr(obj, field, values[field])
    if changed or obj.pk is None:
        obj.save()
    return obj


def _company(data, status, number):
    values = {
        "name": data["name"],
        "sector": data["sector"],
        "size": data["size"],
        "district": data["district"],
        "description": data["description"],
        "street": f"ul. Przykładowa {number}",
        "postal_code": "31-000",
        "city": "Kraków",
        "status": status,
    }
    company = Company.objects.filter(nip=data["nip"]).first() or Company(nip=data["nip"], submitted_at=timezone.now())
    return _save_if_changed(company, values)


def _user(email, **flags):
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, privacy_accepted_at=timezone.now())
        user.set_password(DEMO_PASSWORD)
    _save_if_changed(user, flags)
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _member(company, user, role):
    membership = Membership.objects.filter(user=user).first() or Membership(user=user, company=company)
    return _save_if_changed(membership, {"company": company, "role": role})


def seed(stdout):
    companies = [_company(data, Company.Status.VERIFIED, i) for i, data in enumerate(VERIFIED, start=1)]
    _company(PENDING, Company.Status.PENDING, len(VERIFIED) + 1)
    first = companies[0]
    _member(first, _user("owner@example.com", first_name="Anna", last_name="Nowak"), Membership.Role.OWNER)
    _member(first, _user("colleague@example.com", first_name="Piotr", last_name="Kowalski"), Membership.Role.COLLEAGUE)
    staff = _user("staff@example.com", first_name="Ewa", last_name="Urzędnik", is_staff=True, is_superuser=False)
    staff.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    stdout.write(f"Companies: {len(companies)} verified partners and 1 waiting for verification.")
    stdout.write(f"Demo users (password {DEMO_PASSWORD}): owner@example.com, colleague@example.com, staff@example.com.")
