# Polish: Django's formats, with a comma before the time and the numeric dates written with dots.
DATE_FORMAT = "j E Y"  # 2 grudnia 2026
TIME_FORMAT = "H:i"  # 21:33
DATETIME_FORMAT = "j E Y, H:i"  # 2 grudnia 2026, 21:33
SHORT_DATE_FORMAT = "d.m.Y"  # 02.12.2026
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
