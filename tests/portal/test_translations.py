from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "pl" / "LC_MESSAGES"


def test_every_message_has_a_polish_translation():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert missing == []


def test_no_polish_translation_is_left_fuzzy():
    catalogue = polib.pofile(str(LOCALE / "django.po"))
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_translations():
    source = polib.pofile(str(LOCALE / "django.po"))
    compiled = polib.mofile(str(LOCALE / "django.mo"))
    expected = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in source.translated_entries()}
    actual = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in compiled if e.msgid}
    assert actual == expected
