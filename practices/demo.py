"""Demo good practices, published and with photos drawn by Pillow, so the list and the catalogue look alive.

Idempotent: a practice is looked up by company and title and created only when missing. Companies come from
partnerships.demo (looked up by name); a practice whose company is absent is skipped.
"""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from partnerships.models import Company
from portal.lib.images import clean_image, make_thumbnail
from practices.models import Category, GoodPractice, PracticePhoto, PracticeStatus

PRACTICES = [
    {
        "company": "Columbus Energy",
        "title": "Elektrownia słoneczna na dachu biurowca",
        "summary": "Panele na dachu siedziby pokrywają blisko jedną trzecią zużycia prądu w biurze.",
        "body": "Na płaskim dachu zamontowaliśmy **instalację fotowoltaiczną** o mocy 150 kWp.\n\n"
        "- monitoring produkcji na ekranie w holu,\n- nadwyżki zasilają ładowarki samochodów służbowych.",
        "category": Category.RENEWABLE_ENERGY,
        "year_started": 2022,
        "place": "ul. Kuźnicy Kołłątajowskiej",
        "district": "04",
        "co2_tonnes_per_year": Decimal("95.5"),
        "mwh_saved": Decimal("160"),
        "colour": (242, 180, 40),
        "alt": "Rzędy paneli słonecznych na dachu biurowca w pogodny dzień",
    },
    {
        "company": "PGE Energia Ciepła",
        "title": "Odzysk ciepła ze spalin w elektrociepłowni",
        "summary": "Ekonomizer odzyskuje ciepło, które wcześniej uciekało kominem, i ogrzewa nim wodę sieciową.",
        "body": "Modernizacja objęła wymienniki ciepła i układ sterowania. Mniej paliwa na tę samą ilość ciepła "
        "oznacza niższą emisję.",
        "category": Category.ENERGY_EFFICIENCY,
        "year_started": 2021,
        "place": "Łęg",
        "district": "14",
        "co2_tonnes_per_year": Decimal("4200"),
        "mwh_saved": Decimal("15000"),
        "colour": (200, 90, 60),
        "alt": "Schemat wymiennika ciepła z zaznaczonym przepływem wody",
    },
    {
        "company": "Aptiv Services Poland",
        "title": "Wiata rowerowa, prysznice i rowerowy maj w firmie",
        "summary": "Bezpieczny parking rowerowy i szatnie sprawiły, że co piąta osoba dojeżdża do pracy rowerem.",
        "body": "Zbudowaliśmy zadaszoną wiatę na 120 rowerów, szatnie z prysznicami i stację napraw. "
        "Co roku startujemy w kampanii *Rowerowy maj*.",
        "category": Category.MOBILITY,
        "year_started": 2019,
        "place": "Podgórze",
        "district": "13",
        "co2_tonnes_per_year": Decimal("38"),
        "people_involved": 240,
        "colour": (40, 120, 200),
        "alt": "Zadaszona wiata z rowerami pracowników przed biurowcem",
    },
    {
        "company": "Cisco",
        "title": "Park kieszonkowy przy biurze",
        "summary": "Zamiast części parkingu powstał mały park z łąką kwietną, ławkami i drzewami.",
        "body": "Projekt przygotowaliśmy razem z sąsiadami. Łąka kwietna przyciąga zapylacze, "
        "a drzewa dają cień w upalne dni.",
        "category": Category.GREENERY,
        "year_started": 2023,
        "place": "Zabłocie",
        "district": "13",
        "trees_planted": 35,
        "people_involved": 60,
        "colour": (60, 160, 80),
        "alt": "Łąka kwietna i młode drzewa w małym parku między budynkami",
    },
    {
        "company": "Krakowski Park Technologiczny",
        "title": "Warsztaty klimatyczne dla młodych firm",
        "summary": "Cykl spotkań o liczeniu śladu węglowego i oszczędzaniu energii dla firm z inkubatora.",
        "body": "Każda firma wychodzi z warsztatów z własnym planem redukcji emisji i listą prostych działań.",
        "category": Category.EDUCATION,
        "year_started": 2024,
        "place": "Czyżyny",
        "district": "14",
        "people_involved": 180,
        "colour": (120, 80, 170),
        "alt": "Uczestnicy warsztatów przy stołach z laptopami i wykresami",
    },
    {
        "company": "Shell Business Operation Kraków",
        "title": "Wolontariusze sadzą las w Nowej Hucie",
        "summary": "Pracownicy i ich rodziny posadzili młody las razem z miejskimi służbami zieleni.",
        "body": "Akcja trwała dwa weekendy. Sadzonki dobrano do gleby i lokalnych gatunków.",
        "category": Category.GREENERY,
        "year_started": 2023,
        "place": "Łąki Nowohuckie",
        "district": "18",
        "trees_planted": 1200,
        "people_involved": 150,
        "colour": (30, 110, 60),
        "alt": "Wolontariusze w kaloszach sadzą drzewka na polanie",
    },
]


def _picture(colour, name):
    """A simple illustration: a sky-to-colour gradient with a sun and hills, as a PNG upload."""
    width, height = 960, 640
    image = Image.new("RGB", (width, height), (230, 240, 250))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(230 * (1 - t) + c * t) for c in colour))
    draw.ellipse((700, 80, 840, 220), fill=(255, 210, 80))
    draw.polygon([(0, 640), (0, 420), (300, 330), (620, 450), (960, 360), (960, 640)], fill=(40, 110, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile(f"{name}.png", buffer.getvalue(), content_type="image/png")


def seed(stdout):
    created = 0
    for entry in PRACTICES:
        company = Company.objects.filter(name__iexact=entry["company"]).first()
        if company is None:
            continue
        fields = {key: value for key, value in entry.items() if key not in ("company", "title", "colour", "alt")}
        practice, is_new = GoodPractice.objects.get_or_create(
            company=company,
            title=entry["title"],
            defaults={
                **fields,
                "status": PracticeStatus.APPROVED,
                "consent": True,
                "consent_at": timezone.now(),
                "submitted_at": timezone.now(),
                "decided_at": timezone.now(),
                "published_at": timezone.now(),
                "featured": created < 3,
            },
        )
        if is_new:
            created += 1
        if not practice.photos.exists():
            image = clean_image(_picture(entry["colour"], practice.slug[:40]))
            PracticePhoto.objects.create(
                practice=practice, image=image, thumbnail=make_thumbnail(image), alt_text=entry["alt"], order=1
            )
    stdout.write(f"Good practices: {created} created.")
