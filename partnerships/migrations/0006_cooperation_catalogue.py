"""The city's cooperation catalogue as first published, and what the Moderators group may do with applications.

Staff edit these rows in the admin afterwards; the migration only creates the ones that are missing.
"""

from django.db import migrations

from partnerships.permissions import grant_moderators

MODERATOR_PERMISSIONS = {
    "partnerships": [
        "view_application",
        "change_application",
        "view_historicalapplication",
        "view_cooperationform",
        "change_cooperationform",
        "add_cooperationform",
    ]
}

# slug, group, kind, order, (title, summary, involves, gains, gives) in Polish, the same in English
CATALOGUE = [
    (
        "pakt-dla-klimatu", "form", "pact", 10,
        (
            "Pakt dla klimatu",
            "Firma podpisuje z miastem zobowiązania klimatyczne i wyznacza rok, w którym chce osiągnąć neutralność "
            "klimatyczną.",
            "Wybór zobowiązań (np. energia odnawialna, efektywność energetyczna, mobilność pracowników, odpady, "
            "zielone zakupy, zieleń, edukacja załogi), wskazanie roku docelowego i osoby podpisującej, a potem "
            "coroczne informowanie o postępach.",
            "Miejsce wśród sygnatariuszy paktu na stronie miasta, wsparcie doradców ds. klimatu i kontakt z firmami, "
            "które idą tą samą drogą.",
            "Konkretne, mierzalne działania na rzecz klimatu i gotowość do dzielenia się ich wynikami.",
        ),
        (
            "Climate Pact",
            "The company signs climate commitments with the city and sets the year in which it aims to be "
            "climate-neutral.",
            "Choosing commitments (such as renewable energy, energy efficiency, employee mobility, waste, green "
            "procurement, greenery, staff education), naming a target year and a signatory, then reporting progress "
            "every year.",
            "A place among the pact's signatories on the city's site, support from the climate advisors and contact "
            "with companies on the same path.",
            "Concrete, measurable climate action and the willingness to share its results.",
        ),
    ),
    (
        "zespol-doradczy-rady-portfela", "form", "advisory", 20,
        (
            "Zespół doradczy Rady Portfela Zeroemisyjny Kraków",
            "Firma zgłasza eksperta, który doradza miastu w pracach nad zeroemisyjnym Krakowem.",
            "Udział wskazanego eksperta w spotkaniach zespołu doradczego i opiniowanie miejskich projektów.",
            "Wpływ na kierunek miejskich działań klimatycznych i wgląd w plany miasta z pierwszej ręki.",
            "Czas i wiedzę specjalisty z firmy.",
        ),
        (
            "Advisory team of the Zero-Emission Kraków Portfolio Council",
            "The company nominates an expert who advises the city on its way to a zero-emission Kraków.",
            "The nominated expert takes part in the advisory team's meetings and comments on the city's projects.",
            "A say in the direction of the city's climate work and first-hand insight into its plans.",
            "The time and knowledge of one of the company's specialists.",
        ),
    ),
    (
        "atelier-innowacji", "form", "atelier", 30,
        (
            "Atelier innowacji",
            "Wspólne szukanie rozwiązań miejskich wyzwań klimatycznych: firma wnosi pomysł albo zasoby.",
            "Opisanie pomysłu lub zasobów (wiedzy, technologii, sprzętu, ludzi) i wskazanie wyzwania, którego dotyczą; "
            "potem warsztaty z miastem.",
            "Możliwość przetestowania rozwiązania w mieście i współpracę z miejskimi jednostkami.",
            "Pomysł, know-how lub zasoby potrzebne do pilotażu.",
        ),
        (
            "Innovation Atelier",
            "Looking together for answers to the city's climate challenges: the company brings an idea or resources.",
            "Describing the idea or resources (know-how, technology, equipment, people) and the challenge they address; "
            "then workshops with the city.",
            "A chance to test a solution in the city and to work with its units.",
            "An idea, know-how or the resources a pilot needs.",
        ),
    ),
    (
        "kampanie-rowerowe", "form", "bike", 40,
        (
            "Kampanie rowerowe: „Rowerem do pracy” i „Rowerowy maj”",
            "Firma zgłasza drużynę pracowników do miejskich kampanii rowerowych.",
            "Wybór kampanii, wskazanie koordynatora w firmie i zachęcenie pracowników do dojazdów rowerem.",
            "Zdrowszy zespół, mniej samochodów pod biurem i policzone kilogramy CO2, których nie wyemitowano.",
            "Zaangażowanie pracowników i, jeśli to możliwe, udogodnienia dla rowerzystów.",
        ),
        (
            "Bike campaigns “Rowerem do pracy” and “Rowerowy maj”",
            "The company enters a team of employees into the city's bike campaigns.",
            "Choosing a campaign, naming a coordinator in the company and encouraging employees to ride to work.",
            "A healthier team, fewer cars at the office and counted kilograms of CO2 not emitted.",
            "Employees' involvement and, where possible, facilities for cyclists.",
        ),
    ),
    (
        "zielen-z-zzm", "form", "greening", 50,
        (
            "Zieleń z Zarządem Zieleni Miejskiej",
            "Firma dołącza do miejskich działań: zakładania ogrodów, parków kieszonkowych i sadzenia drzew z ZZM.",
            "Wybór rodzaju działania i dzielnicy oraz udział wolontariuszy z firmy w terminie ustalonym z ZZM.",
            "Widoczny, trwały efekt w mieście i wspólne działanie zespołu.",
            "Pracę wolontariuszy, a czasem sadzonki lub wsparcie organizacyjne.",
        ),
        (
            "Greening with the city's green-space authority",
            "The company joins the city's work with ZZM: community gardens, pocket parks and tree planting.",
            "Choosing the kind of action and the district; volunteers from the company take part on a date agreed with "
            "ZZM.",
            "A visible, lasting result in the city and a shared day out for the team.",
            "Volunteers' work, and sometimes seedlings or organisational help.",
        ),
    ),
    (
        "krakow-w-dobrym-klimacie", "form", "campaign", 60,
        (
            "Treści do kampanii „Kraków w dobrym klimacie”",
            "Firma dzieli się dobrymi praktykami, które miasto pokazuje w swojej kampanii informacyjno-edukacyjnej.",
            "Opisanie praktyki i zgoda na wykorzystanie materiałów w kanałach kampanii.",
            "Pokazanie działań firmy szerokiej publiczności.",
            "Rzetelny opis praktyki, zdjęcia i zgodę na ich publikację.",
        ),
        (
            "Content for the campaign “Kraków w dobrym klimacie”",
            "The company shares good practices that the city presents in its information and education campaign.",
            "Describing the practice and agreeing that the city may use the material in the campaign's channels.",
            "The company's work shown to a wide audience.",
            "An honest description of the practice, photos and consent to publish them.",
        ),
    ),
    (
        "szkolenia-dla-pracownikow", "joint_work", "joint_work_training", 10,
        (
            "Szkolenia dla pracowników",
            "Miejscy doradcy ds. klimatu i środowiska prowadzą szkolenie dla pracowników firmy.",
            "Wskazanie tematu, proponowanych terminów i liczby uczestników.",
            "Wiedzę o klimacie, powietrzu i oszczędzaniu energii podaną przez ekspertów miasta.",
            "Salę lub spotkanie online i czas pracowników.",
        ),
        (
            "Training for employees",
            "The city's climate and environment advisors train the company's employees.",
            "Naming the topic, preferred dates and the number of participants.",
            "Knowledge of climate, air and saving energy from the city's experts.",
            "A room or an online meeting and the employees' time.",
        ),
    ),
    (
        "prelegent-z-urzedu", "joint_work", "speaker", 20,
        (
            "Przedstawiciel miasta na wydarzeniu firmowym",
            "Przedstawiciel urzędu opowiada na wydarzeniu firmy o klimatycznych działaniach i inicjatywach miasta.",
            "Podanie nazwy i daty wydarzenia oraz przewidywanej liczby słuchaczy.",
            "Ciekawe wystąpienie o tym, co miasto robi dla klimatu, i okazję do rozmowy.",
            "Miejsce w programie wydarzenia.",
        ),
        (
            "A city speaker at your event",
            "A representative of the city hall presents the city's climate actions and initiatives at a company event.",
            "Giving the name and date of the event and the expected audience.",
            "A talk on what the city does for the climate, and a chance to discuss it.",
            "A slot in the event's programme.",
        ),
    ),
    (
        "wspolpraca-z-organizacjami", "joint_work", "ngo", 30,
        (
            "Kontakt z organizacjami pozarządowymi",
            "Miasto pomaga nawiązać współpracę z lokalnymi organizacjami, np. jadłodzielnią lub bankiem żywności.",
            "Opisanie, czego firma szuka i z jaką organizacją chciałaby działać.",
            "Sprawdzonego partnera społecznego blisko firmy.",
            "Zaangażowanie, a czasem nadwyżki żywności, sprzęt lub wolontariat.",
        ),
        (
            "Introductions to NGOs",
            "The city helps the company start working with local organisations such as a food-sharing point or the "
            "food bank.",
            "Describing what the company is looking for and which kind of organisation it would like to work with.",
            "A trusted community partner close to the company.",
            "Commitment, and sometimes surplus food, equipment or volunteering.",
        ),
    ),
    (
        "pozyczki-i-dotacje", "joint_work", "funding", 40,
        (
            "Pożyczki i dotacje z Urzędu Marszałkowskiego",
            "Miasto pomaga nawiązać kontakt z Urzędem Marszałkowskim w sprawie pożyczek i dotacji dla przedsiębiorców.",
            "Opisanie inwestycji lub projektu i rodzaju wsparcia, którego firma szuka.",
            "Wskazanie właściwych programów i osób w samorządzie województwa.",
            "Opis planowanego przedsięwzięcia.",
        ),
        (
            "Loans and grants from the regional government",
            "The city puts the company in touch with the Marshal's Office about loans and grants for business.",
            "Describing the investment or project and the kind of support the company seeks.",
            "Pointers to the right programmes and people in the regional government.",
            "A description of the planned project.",
        ),
    ),
    (
        "artykuly", "communication", "communication", 10,
        (
            "Artykuły o działaniach firmy",
            "Publikacja tekstów o klimatycznych działaniach firmy w kanałach miasta i w mediach z nim współpracujących.",
            "Zaproponowanie tematu i przekazanie materiałów.",
            "Dotarcie do mieszkańców i innych firm.",
            "Materiały, zdjęcia i dane do artykułu.",
        ),
        (
            "Articles about your work",
            "Articles about the company's climate work in the city's channels and in media working with the city.",
            "Proposing a topic and providing material.",
            "Reaching residents and other companies.",
            "Material, photos and figures for the article.",
        ),
    ),
    (
        "forum-wymiany-doswiadczen", "communication", "communication", 20,
        (
            "Forum wymiany doświadczeń",
            "Regularne spotkania firm i miasta, na których uczestnicy dzielą się tym, co działa.",
            "Udział w spotkaniach i zaproponowanie tematu do omówienia.",
            "Sprawdzone pomysły innych firm i kontakty.",
            "Własne doświadczenia, także te trudne.",
        ),
        (
            "Experience-exchange forum",
            "Regular meetings of companies and the city where participants share what works.",
            "Taking part in the meetings and proposing a topic to discuss.",
            "Proven ideas from other companies and new contacts.",
            "Your own experience, including the hard lessons.",
        ),
    ),
    (
        "e-book-dobrych-praktyk", "communication", "communication", 30,
        (
            "E-book dobrych praktyk",
            "Katalog dobrych praktyk firm w formie e-booka, wydawany przez miasto.",
            "Zgłoszenie praktyki do katalogu i przekazanie opisu.",
            "Obecność w publikacji, która trafia do mieszkańców i przedsiębiorców.",
            "Opis praktyki i zgodę na publikację.",
        ),
        (
            "Good-practice e-book",
            "A catalogue of companies' good practices published by the city as an e-book.",
            "Proposing a practice for the catalogue and providing its description.",
            "A place in a publication read by residents and businesses.",
            "A description of the practice and consent to publish it.",
        ),
    ),
    (
        "wspolne-wydarzenia", "communication", "communication", 40,
        (
            "Wspólne wydarzenia",
            "Wydarzenia z udziałem przedstawicieli firm i urzędu.",
            "Zaproponowanie wydarzenia, jego tematu i przewidywanej liczby uczestników.",
            "Wspólną promocję i rozmowę z mieszkańcami.",
            "Udział w przygotowaniu i prowadzeniu wydarzenia.",
        ),
        (
            "Joint events",
            "Events with representatives of companies and the city hall.",
            "Proposing an event, its topic and the expected number of participants.",
            "Joint promotion and a conversation with residents.",
            "A share in preparing and running the event.",
        ),
    ),
]

FIELDS = ("title", "summary", "involves", "gains", "gives")


def create_catalogue(apps, schema_editor):
    CooperationForm = apps.get_model("partnerships", "CooperationForm")
    for slug, group, kind, order, polish, english in CATALOGUE:
        defaults = {"group": group, "kind": kind, "order": order}
        defaults.update({f"{name}_pl": text for name, text in zip(FIELDS, polish, strict=True)})
        defaults.update({f"{name}_en": text for name, text in zip(FIELDS, english, strict=True)})
        CooperationForm.objects.get_or_create(slug=slug, defaults=defaults)


def grant(apps, schema_editor):
    grant_moderators(apps, MODERATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0005_cooperation"),
        ("partnerships", "0003_moderators_group"),
    ]

    operations = [
        migrations.RunPython(create_catalogue, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
