# English as the portal writes it, for every English-speaking visitor: the day first and the 24-hour clock.
DATE_FORMAT = "j F Y"  # 2 December 2026
TIME_FORMAT = "H:i"  # 21:33
DATETIME_FORMAT = "j F Y, H:i"  # 2 December 2026, 21:33
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"  # 2 Dec 2026: short, and read the same way in Britain and America
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# What a typed date may look like. The ISO form comes first: forms and the admin's calendar show dates that way.
# A date written with slashes is read day first, as the portal writes it.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M",
]
