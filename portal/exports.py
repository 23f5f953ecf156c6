"""Staff exports (django-import-export) with formulae escaped, in every format.

django-import-export's own setting for this, IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT (4.4), is not used: it removes a
single leading "=", so "==HYPERLINK(…)" still exports as a live formula; it leaves "+", "-" and "@" in CSV files alone;
and it turns every cell into text, so an empty cell of an XLSX workbook reads "None" and numbers stop being numbers.
"""

import tablib

from portal.lib.spreadsheets import TEXT_FILE_FORMULA_STARTS, WORKBOOK_FORMULA_STARTS, escape_formulae


def escaped_dataset(dataset, starts=TEXT_FILE_FORMULA_STARTS):
    """A copy of the tablib Dataset `dataset` with formulae escaped (portal.lib.spreadsheets)."""
    return tablib.Dataset(*escape_formulae(dataset, starts), headers=dataset.headers, title=dataset.title)


class EscapeFormulaeMixin:
    """For a ModelAdmin with django-import-export's ExportMixin or ExportActionMixin: exported cells never run as a
    formula. Put it before the import-export mixin."""

    def get_data_for_export(self, request, queryset, **kwargs):
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        # import-export keeps native types (force_native_type) exactly for the binary workbook formats (XLSX).
        starts = WORKBOOK_FORMULA_STARTS if kwargs.get("force_native_type") else TEXT_FILE_FORMULA_STARTS
        return escaped_dataset(dataset, starts)
