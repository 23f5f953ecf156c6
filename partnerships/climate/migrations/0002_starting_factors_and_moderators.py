"""The emission factors the portal starts with, and what the Moderators group may do with climate reports.

Staff check each starting value against the current edition of its source and add a new version where it differs;
a factor no report uses yet may also be corrected in place.
"""

from decimal import Decimal

from django.db import migrations

from partnerships.review.permissions import grant_moderators

KOBIZE = "https://www.kobize.pl/pl/fileCategory/id/28/wskazniki-emisyjnosci"
AIB = "https://www.aib-net.org/facts/european-residual-mix"
IPCC_AR6 = "https://www.ipcc.ch/report/ar6/wg1/chapter/chapter-7/"
DESNZ = "https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting"
MPEC = "https://www.mpec.krakow.pl/"
NOTE = "Starting value: check it against the current edition of the source and add a new version if it differs."

# (activity, scope, unit, kg CO2e per unit, year, source name, link)
FACTORS = [
    ("electricity", "scope_2_location", "kWh", "0.597", 2023,
     "KOBiZE: wskaźniki emisyjności CO2 dla energii elektrycznej (odbiorcy końcowi)", KOBIZE),
    ("electricity", "scope_2_market", "kWh", "0.752", 2023, "AIB: European Residual Mixes (Poland)", AIB),
    ("natural_gas", "scope_1", "kWh", "0.202", 2023,
     "KOBiZE: wartości opałowe i wskaźniki emisji CO2 (gaz ziemny, 56,1 kg CO2/GJ)", KOBIZE),
    ("district_heat", "scope_2_location", "GJ", "94.0", 2023,
     "MPEC Kraków: emisyjność ciepła sieciowego w Krakowie", MPEC),
    ("diesel", "scope_1", "l", "2.512", 2023,
     "UK DESNZ: greenhouse gas conversion factors for company reporting (diesel, average biofuel blend)", DESNZ),
    ("petrol", "scope_1", "l", "2.084", 2023,
     "UK DESNZ: greenhouse gas conversion factors for company reporting (petrol, average biofuel blend)", DESNZ),
    ("refrigerant_r410a", "scope_1", "kg", "2255.5", 2021, "IPCC AR6 WG I, chapter 7: GWP100 of R-410A", IPCC_AR6),
    ("refrigerant_r32", "scope_1", "kg", "771", 2021, "IPCC AR6 WG I, chapter 7: GWP100 of HFC-32", IPCC_AR6),
    ("refrigerant_r134a", "scope_1", "kg", "1530", 2021, "IPCC AR6 WG I, chapter 7: GWP100 of HFC-134a", IPCC_AR6),
]

PERMISSIONS = {
    "climate": [
        "view_report",
        "change_report",
        "view_emissionfactor",
        "add_emissionfactor",
        "change_emissionfactor",
        "view_activityline",
        "view_commitmentprogress",
        "view_evidence",
        "view_reportfactor",
        "view_reminder",
    ],
}


def seed(apps, schema_editor):
    EmissionFactor = apps.get_model("climate", "EmissionFactor")
    for activity, scope, unit, value, year, source_name, source_url in FACTORS:
        EmissionFactor.objects.get_or_create(
            activity=activity,
            scope=scope,
            year=year,
            version=1,
            defaults={
                "unit": unit,
                "value": Decimal(value),
                "source_name": source_name,
                "source_url": source_url,
                "note": NOTE,
            },
        )
    grant_moderators(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("climate", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
