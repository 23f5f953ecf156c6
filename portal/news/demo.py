"""Demo news: three published items, one with a photo drawn by Pillow. Idempotent: looked up by the Polish title."""

from datetime import timedelta

from django.utils import timezone

from portal.lib.images import clean_image, make_thumbnail
from portal.news.models import NewsItem
from practices.demo import _picture

NEWS = [
    {
        "title_pl": "Dziewięć firm na pierwszym spotkaniu partnerstwa",
        "title_en": "Nine companies at the partnership's first meeting",
        "lead_pl": "Przedstawiciele dziewięciu krakowskich firm usiedli z miastem przy jednym stole, by ustalić, "
        "od czego zaczniemy wspólną pracę dla klimatu.",
        "lead_en": "People from nine Kraków companies sat down with the city to agree where joint climate work "
        "should begin.",
        "body_pl": "Rozmawialiśmy o **Pakcie dla klimatu**, kampaniach rowerowych i wspólnym sadzeniu drzew.\n\n"
        "Najważniejsze ustalenia:\n\n- portal partnerstwa zbiera zgłoszenia do form współpracy,\n"
        "- dobre praktyki firm trafią do katalogu,\n- kolejne spotkanie odbędzie się jesienią.",
        "body_en": "We talked about the **Climate Pact**, bike campaigns and planting trees together.\n\n"
        "What we agreed:\n\n- the partnership's portal collects applications to the forms of cooperation,\n"
        "- companies' good practices go into the catalogue,\n- the next meeting is in the autumn.",
        "days_ago": 30,
        "photo": (
            (60, 120, 180), "Sala konferencyjna z okrągłym stołem i ekranem", "A meeting room with a round table"
        ),
    },
    {
        "title_pl": "Rowerowy maj: zapisy drużyn firmowych otwarte",
        "title_en": "Bike May: company teams can sign up",
        "lead_pl": "Firmy mogą zgłaszać drużyny do kampanii Rowerowy maj i liczyć przejechane do pracy kilometry.",
        "lead_en": "Companies can enter teams in the Bike May campaign and count the kilometres ridden to work.",
        "body_pl": "Zgłoszenie drużyny zajmuje kilka minut: wystarczy wskazać koordynatora i liczbę osób. "
        "Wyniki pokazujemy na stronie kampanii.",
        "body_en": "Entering a team takes a few minutes: name a coordinator and the number of riders. "
        "The results are shown on the campaign's page.",
        "days_ago": 12,
    },
    {
        "title_pl": "Nowe kieszonkowe parki w Nowej Hucie",
        "title_en": "",
        "lead_pl": "Zarząd Zieleni Miejskiej zaprasza firmy do wspólnego zakładania kieszonkowych parków.",
        "lead_en": "",
        "body_pl": "Wolontariusze z firm pomogą posadzić krzewy i byliny. Szczegóły i zapisy znajdziesz w zakładce "
        "inicjatyw.",
        "body_en": "",
        "days_ago": 3,
    },
]


def seed(stdout):
    created = 0
    now = timezone.now()
    for entry in NEWS:
        fields = {key: value for key, value in entry.items() if key not in ("title_pl", "days_ago", "photo")}
        item, is_new = NewsItem.objects.get_or_create(
            title_pl=entry["title_pl"],
            defaults={**fields, "is_published": True, "publish_at": now - timedelta(days=entry["days_ago"])},
        )
        if is_new and "photo" in entry:
            colour, alt_pl, alt_en = entry["photo"]
            item.photo = clean_image(_picture(colour, item.slug[:40]))
            item.photo_thumbnail = make_thumbnail(item.photo)
            item.photo_alt_pl, item.photo_alt_en = alt_pl, alt_en
            item.save()
        created += is_new
    stdout.write(f"News: {created} created.")
