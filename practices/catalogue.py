"""The catalogue of good practices as a PDF e-book (reportlab): cover, contents, a section per category.

Building one takes seconds, so each is kept as a file under MEDIA_ROOT/catalogue/, named by two hashes: the selection
(language and filters, the search normalised) and the content (the ids of the practices it holds with their last
changes, and how many match). Any edit, publication or withdrawal of a practice shown changes the content hash, so
the next request builds a fresh file and the earlier version of that selection is removed. The catalogue of
everything is built every night (`manage.py build_catalogue`) into catalogue/full/ and served from there; filtered
selections go to catalogue/cache/, which keeps at most MAX_CACHED_FILES files. A visitor may have BUILDS_PER_HOUR
catalogues built an hour; asking for ones that already exist costs nothing.
The font is Roboto (shipped by the font-roboto package), because reportlab's built-in fonts lack ą, ę, ł and others.
"""

import hashlib
import io
import json
import os
import re
import threading
import time
from html import escape, unescape
from pathlib import Path

import font_roboto
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from portal.lib import ratelimit
from practices.models import Category

FONT, FONT_BOLD = "Roboto", "Roboto-Bold"
GREEN = colors.HexColor("#146c43")
# A printable e-book, not a dump: the newest practices of the selection, and the cover says how many there are.
MAX_PRACTICES = 300
# Building a catalogue of 300 practices takes seconds; one client may have this many new ones built an hour.
BUILDS_PER_HOUR = 6
# Catalogues of filtered selections kept on disk; beyond this the least recently served are deleted.
MAX_CACHED_FILES = 50
# A build that takes longer than this is assumed to have died (its lock expires; its partial file is removed).
BUILD_LOCK_SECONDS = 300
PARTIAL_FILE_SECONDS = 3600
_TAGS = re.compile(r"<[^>]+>")


def _register_fonts():
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, font_roboto.font_files["Roboto"]))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, font_roboto.font_files["RobotoBold"]))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _styles():
    base = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, spaceAfter=6)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor("#444444")),
        "cover": ParagraphStyle("cover", parent=base, fontName=FONT_BOLD, fontSize=30, leading=36, textColor=GREEN),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=14, leading=20),
        "h1": ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=20, leading=26, textColor=GREEN,
                             spaceAfter=12),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=14, leading=18, spaceBefore=10),
        "toc0": ParagraphStyle("toc0", parent=base, fontName=FONT_BOLD, fontSize=11, leftIndent=0),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=9.5, leftIndent=14, spaceAfter=2),
    }


class _Document(SimpleDocTemplate):
    """Feeds headings to the table of contents (levels: category 0, practice 1)."""

    def afterFlowable(self, flowable):
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            # The contents build paragraphs from this text, so it is escaped again (a title may hold "<" or "&").
            self.notify("TOCEntry", (level, escape(flowable.getPlainText()), self.page))


def _heading(text, style, level):
    paragraph = Paragraph(escape(text), style)
    paragraph.toc_level = level
    return paragraph


def _paragraphs(html, style):
    """A text's stored HTML as plain paragraphs (reportlab's mini-HTML differs from ours, so only text is kept)."""
    blocks = re.split(r"</(?:p|li|h\d|blockquote|pre)>", html)
    result = []
    for block in blocks:
        text = unescape(_TAGS.sub(" ", block)).strip()
        if text:
            result.append(Paragraph(escape(" ".join(text.split())), style))
    return result


def _impact_rows(practice):
    rows = []
    if practice.co2_tonnes_per_year is not None:
        rows.append([_("CO2e avoided per year"), f"{practice.co2_tonnes_per_year} t"])
    if practice.mwh_saved is not None:
        rows.append([_("Energy saved"), f"{practice.mwh_saved} MWh"])
    if practice.trees_planted is not None:
        rows.append([_("Trees planted"), str(practice.trees_planted)])
    if practice.people_involved is not None:
        rows.append([_("People involved"), str(practice.people_involved)])
    return rows


def _practice_story(practice, styles):
    story = [_heading(practice.title, styles["h2"], 1)]
    since = _("since %(year)s") % {"year": practice.year_started}
    meta = f"{practice.company.name} · {practice.get_district_display()} · {since}"
    story.append(Paragraph(escape(meta), styles["small"]))
    story.append(Paragraph(escape(practice.summary), styles["body"]))
    images = []
    for photo in list(practice.photos.all())[:2]:
        try:
            # Read through the storage (the local folder or the bucket), not from a path on this server's disk.
            with photo.image.open("rb") as stored:
                image = Image(io.BytesIO(stored.read()))
        except OSError:
            continue
        ratio = image.imageHeight / image.imageWidth if image.imageWidth else 1
        image.drawWidth, image.drawHeight = 7.5 * cm, 7.5 * cm * min(ratio, 1.2)
        images.append(image)
    if images:
        story.append(Table([images], hAlign="LEFT"))
    story.extend(_paragraphs(practice.body_html, styles["body"]))
    for label, html in ((_("What was done"), practice.what_was_done_html), (_("Results"), practice.results_html),
                        (_("Challenges and lessons learned"), practice.challenges_html)):
        if html.strip():
            story.append(Paragraph(f"<b>{escape(label)}</b>", styles["body"]))
            story.extend(_paragraphs(html, styles["body"]))
    rows = _impact_rows(practice)
    if rows:
        table = Table(rows, hAlign="LEFT", colWidths=[6 * cm, 4 * cm])
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTNAME", (1, 0), (1, -1), FONT_BOLD),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#e8f3ec")),
            ("BOX", (0, 0), (-1, -1), 0.5, GREEN),
        ]))
        story.append(KeepTogether([Spacer(1, 4), table]))
    story.append(Spacer(1, 12))
    return story


def _footer(canvas, doc):
    canvas.saveState()
    canvas.setFont(FONT, 8)
    canvas.drawString(2 * cm, 1.2 * cm, _("Good practices · Climate partnership of Kraków"))
    canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, str(doc.page))
    canvas.restoreState()


def build_pdf(practices, filters, output, total=None):
    """Write the catalogue of `practices` (an iterable with company and photos loaded) to `output`, a path or a
    binary file.

    `filters` is {label: value shown}, as `FilterForm.active_filters()` gives it; the cover names them.
    """
    _register_fonts()
    styles = _styles()
    practices = list(practices)
    total = len(practices) if total is None else total
    story = [
        Spacer(1, 6 * cm),
        Paragraph(escape(_("Good practices")), styles["cover"]),
        Paragraph(escape(_("Kraków companies for the climate: a catalogue of the campaign “Kraków w dobrym klimacie”")),
                  styles["subtitle"]),
        Spacer(1, 1 * cm),
        Paragraph(escape(_("Published by the City of Kraków, %(date)s") % {"date": timezone.localdate().isoformat()}),
                  styles["body"]),
        Paragraph(escape(_("Number of practices: %(count)s") % {"count": total}), styles["body"]),
    ]
    if total > len(practices):
        story.append(Paragraph(escape(
            _("This catalogue holds the newest %(shown)s; choose a category or a district on the website for the "
              "others.") % {"shown": len(practices)}), styles["body"]))
    if filters:
        described = ", ".join(f"{label}: {value}" for label, value in filters.items())
        story.append(Paragraph(escape(_("Selection: %(filters)s") % {"filters": described}), styles["body"]))
    story.append(Paragraph(escape(_("Texts and photos: Creative Commons Attribution 4.0 (CC BY 4.0), by the "
                                    "companies named.")), styles["small"]))
    story.append(PageBreak())
    toc = TableOfContents()
    toc.levelStyles = [styles["toc0"], styles["toc1"]]
    story += [Paragraph(escape(_("Contents")), styles["h1"]), toc, PageBreak()]
    if not practices:
        story.append(Paragraph(escape(_("No practice matches this selection.")), styles["body"]))
    for value, label in Category.choices:
        in_category = [practice for practice in practices if practice.category == value]
        if not in_category:
            continue
        story.append(_heading(str(label), styles["h1"], 0))
        for practice in in_category:
            story.extend(_practice_story(practice, styles))
        story.append(PageBreak())
    document = _Document(
        output if hasattr(output, "write") else str(output),
        pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm, bottomMargin=2 * cm,
        title=_("Good practices"), author=_("City of Kraków"), lang=translation.get_language(),
    )
    document.multiBuild(story, onLaterPages=_footer)


def _hash(data):
    return hashlib.sha256(json.dumps(data, default=str, sort_keys=True).encode()).hexdigest()[:16]


def selection_hash(filters):
    """The language and the filters (the search already normalised: "Alpha!" and "alpha" are one selection)."""
    return _hash({"language": translation.get_language(), "filters": filters})


def content_hash(practices):
    """The practices the PDF holds, each with its and its company's last change, and how many match in all.

    Any edit, publication or withdrawal of a practice shown (or a change to its company) changes it.
    """
    shown = list(practices[:MAX_PRACTICES].values_list("pk", "updated_at", "company__updated_at"))
    total = len(shown) if len(shown) < MAX_PRACTICES else practices.count()
    return _hash({"practices": shown, "total": total})


class TooManyBuilds(Exception):
    """This client has had the hour's share of new catalogues built, and no earlier version can be served."""


def _catalogue_folder():
    return Path(settings.MEDIA_ROOT) / "catalogue"


def _full_folder():
    """The catalogue of everything, by language: written every night by `manage.py build_catalogue`, never evicted."""
    return _catalogue_folder() / "full"


def _cache_folder():
    """Catalogues of filtered selections, at most MAX_CACHED_FILES of them."""
    return _catalogue_folder() / "cache"


def _newest(paths):
    paths = [path for path in paths if path.exists()]
    return max(paths, key=lambda path: path.stat().st_mtime, default=None)


def _open(path):
    """The file opened for reading and marked as just served (the last to be evicted), or None if it is gone."""
    if path is None:
        return None
    try:
        handle = path.open("rb")
    except FileNotFoundError:  # removed by another request since it was listed
        return None
    try:
        os.utime(path)
    except FileNotFoundError:
        pass  # removed just now: the open handle still reads it
    return handle


def _write(practices, filters, folder, prefix, content):
    """Build `prefix-content.pdf` in `folder`, remove the earlier versions of selection `prefix`; return it open."""
    path = folder / f"{prefix}-{content}.pdf"
    folder.mkdir(parents=True, exist_ok=True)
    # A private temporary name, so that two requests building at once never write into the same file.
    partial = folder / f"{path.stem}.{os.getpid()}.{threading.get_ident()}.part"
    try:
        build_pdf(practices[:MAX_PRACTICES], filters, partial, total=practices.count())
        handle = partial.open("rb")  # opened before it moves, so that no other request can remove it before
        partial.replace(path)  # atomic: a reader never sees half a file
    finally:
        partial.unlink(missing_ok=True)
    for older in folder.glob(f"{prefix}-*.pdf"):
        if older != path:
            older.unlink(missing_ok=True)
    return handle


def _evict(folder):
    """Keep the newest MAX_CACHED_FILES catalogues (serving one makes it new again) and no leftover partial file."""
    catalogues = sorted(folder.glob("*.pdf"), key=lambda path: path.stat().st_mtime, reverse=True)
    for path in catalogues[MAX_CACHED_FILES:]:
        path.unlink(missing_ok=True)
    stale_after = time.time() - PARTIAL_FILE_SECONDS
    for partial in folder.glob("*.part"):
        if partial.stat().st_mtime < stale_after:
            partial.unlink(missing_ok=True)


def build_full_catalogue(practices):
    """Build the catalogue of everything published (newest first) in the active language; return it open."""
    return _write(practices, {}, _full_folder(), translation.get_language(), content_hash(practices))


def catalogue_for(request, practices, filters):
    """An up-to-date PDF of this selection, opened for reading; built now if there is none and this client may.

    `practices` are the published practices selected, newest first; `filters` is {label: value shown}. With no
    filter it is the nightly full catalogue. When there is no up-to-date file (a practice changed since) and another
    request is building it just now, or this client has had BUILDS_PER_HOUR catalogues built in the last hour, the
    previous version of the selection is served; with no previous version an over-limit client gets TooManyBuilds.
    """
    content = content_hash(practices)
    if filters:
        folder, prefix = _cache_folder(), selection_hash(filters)
    else:
        folder, prefix = _full_folder(), translation.get_language()
    current = _open(folder / f"{prefix}-{content}.pdf")
    if current:
        return current
    previous = _newest(folder.glob(f"{prefix}-*.pdf"))
    # One build of a version at a time: meanwhile the others get the previous version, when there is one.
    lock = f"practices:catalogue:building:{prefix}-{content}"
    locked = cache.add(lock, True, BUILD_LOCK_SECONDS)
    try:
        if not locked and (fallback := _open(previous)):
            return fallback
        if not ratelimit.hit(request, "practices:catalogue", BUILDS_PER_HOUR, 3600):
            if fallback := _open(previous):
                return fallback
            raise TooManyBuilds
        built = _write(practices, filters, folder, prefix, content)
    finally:
        if locked:
            cache.delete(lock)
    if filters:
        _evict(folder)
    return built


def forget_cached():
    """Delete every stored PDF, filtered and full, e.g. after a company and its practices were deleted: any of them
    may still show them, and would stay under /media/ (or be served to a client over the build limit). The next
    request, or the nightly build, makes a new one."""
    for folder in (_cache_folder(), _full_folder()):
        for path in folder.glob("*.pdf"):
            path.unlink(missing_ok=True)
