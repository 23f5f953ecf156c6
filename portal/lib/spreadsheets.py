"""Values a spreadsheet would run as a formula, made plain text.

A company writes its own name, descriptions and contact details. Exported to staff and opened in a spreadsheet, a
value like `=HYPERLINK("http://x","y")` is a live formula: a link, or worse, in a city official's spreadsheet. Such a
value gets a leading apostrophe, which spreadsheets read as "this is text" (OWASP's advice on CSV injection).

What starts a formula depends on the file. In a CSV file the spreadsheet parses every cell, so `=`, `+`, `-`, `@`, a
tab and a carriage return all do. In an XLSX workbook each cell says what it is, and only a text that begins with `=`
is written as a formula (openpyxl's rule); a phone number such as `+48 12 …` stays text there without an apostrophe.

Staff exports through django-import-export use `EscapeFormulaeMixin`. django-import-export's own setting for this,
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT (4.4), is not used: it removes a single leading "=", so "==HYPERLINK(…)"
still exports as a live formula; it leaves "+", "-" and "@" in CSV files alone; and it turns every cell into text,
so an empty cell of an XLSX workbook reads "None" and numbers stop being numbers.
"""

import tablib

TEXT_FILE_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
WORKBOOK_FORMULA_STARTS = ("=",)


def escape_formula(value, starts=TEXT_FILE_FORMULA_STARTS):
    """`value`, with an apostrophe in front if it is text that would start a formula. Numbers and dates are kept."""
    if isinstance(value, str) and value.startswith(starts):
        return "'" + value
    return value


def escape_formulae(rows, starts=TEXT_FILE_FORMULA_STARTS):
    """Each row of `rows` as a list, every value passed through escape_formula()."""
    return [[escape_formula(value, starts) for value in row] for row in rows]


def escaped_dataset(dataset, starts=TEXT_FILE_FORMULA_STARTS):
    """A copy of the tablib Dataset `dataset` with formulae escaped (see escape_formulae)."""
    return tablib.Dataset(*escape_formulae(dataset, starts), headers=dataset.headers, title=dataset.title)


class EscapeFormulaeMixin:
    """For a ModelAdmin with django-import-export's ExportMixin or ExportActionMixin: exported cells never run as a
    formula. Put it before the import-export mixin."""

    def get_data_for_export(self, request, queryset, **kwargs):
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        # import-export keeps native types (force_native_type) exactly for the binary workbook formats (XLSX).
        starts = WORKBOOK_FORMULA_STARTS if kwargs.get("force_native_type") else TEXT_FILE_FORMULA_STARTS
        return escaped_dataset(dataset, starts)
