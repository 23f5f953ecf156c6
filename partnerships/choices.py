from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.TextChoices):
    """Kraków's eighteen districts, and a choice for places outside the city."""

    STARE_MIASTO = "01", "I Stare Miasto"
    GRZEGORZKI = "02", "II Grzegórzki"
    PRADNIK_CZERWONY = "03", "III Prądnik Czerwony"
    PRADNIK_BIALY = "04", "IV Prądnik Biały"
    KROWODRZA = "05", "V Krowodrza"
    BRONOWICE = "06", "VI Bronowice"
    ZWIERZYNIEC = "07", "VII Zwierzyniec"
    DEBNIKI = "08", "VIII Dębniki"
    LAGIEWNIKI = "09", "IX Łagiewniki-Borek Fałęcki"
    SWOSZOWICE = "10", "X Swoszowice"
    PODGORZE_DUCHACKIE = "11", "XI Podgórze Duchackie"
    BIEZANOW_PROKOCIM = "12", "XII Bieżanów-Prokocim"
    PODGORZE = "13", "XIII Podgórze"
    CZYZYNY = "14", "XIV Czyżyny"
    MISTRZEJOWICE = "15", "XV Mistrzejowice"
    BIENCZYCE = "16", "XVI Bieńczyce"
    WZGORZA_KRZESLAWICKIE = "17", "XVII Wzgórza Krzesławickie"
    NOWA_HUTA = "18", "XVIII Nowa Huta"
    OUTSIDE = "00", _("Outside Kraków")


class Sector(models.TextChoices):
    ENERGY = "energy", _("Energy")
    FUEL = "fuel", _("Fuels")
    TECHNOLOGY = "technology", _("New technologies and IT")
    BUSINESS_SERVICES = "business_services", _("Business services")
    MANUFACTURING = "manufacturing", _("Manufacturing")
    CONSTRUCTION = "construction", _("Construction and real estate")
    TRANSPORT = "transport", _("Transport and logistics")
    TRADE = "trade", _("Trade")
    FINANCE = "finance", _("Finance")
    HOSPITALITY = "hospitality", _("Hospitality and food")
    BUSINESS_ORGANISATION = "business_organisation", _("Business organisation")
    OTHER = "other", _("Other")


class CompanySize(models.TextChoices):
    MICRO = "micro", _("Micro (fewer than 10 people)")
    SMALL = "small", _("Small (10–49 people)")
    MEDIUM = "medium", _("Medium (50–249 people)")
    LARGE = "large", _("Large (250 people or more)")
