"""The portal's date and time formats, one module per language (settings.FORMAT_MODULE_PATH).

Django's own English formats are American (12/02/2026 9:33 p.m.), and a browser asking for British English gets
them too, as the portal has one English. Both languages here write the day before the month and the time on the
24-hour clock: "2 grudnia 2026, 21:33" and "2 December 2026, 21:33". What is not set here comes from Django's
formats for the language.
"""
