"""The catalogue of good practices as a PDF e-book (reportlab): cover, contents, a section per category.

The PDF is cached as a file under MEDIA_ROOT/catalogue/ by a key made of the filters and of the content's last change
(the newest update among the practices and their companies, and their number). Any edit, publication or withdrawal
changes that key, so the next request builds a fresh file; the stale file for the same filters is removed then.
The font is Roboto (shipped by the font-roboto package), because reportlab's built-in fonts lack ą, ę, ł and others.
"""

import hashlib
import io
import json
import os
import re
import threading
from html import escape, unescape
from pathlib import Path

import font_roboto
from django.conf import settings
from django.db.models import Count, Max
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

from practices.models import Category
from practices.text import render_markdown

FONT, FONT_BOLD = "Roboto", "Roboto-Bold"
GREEN = colors.HexColor("#146c43")
# A printable e-book, not a dump: the newest practices of the selection, and the cover says how many there are.
MAX_PRACTICES = 300
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


def _paragraphs(markdown_text, style):
    """Sanitised Markdown as plain paragraphs (reportlab's mini-HTML differs from ours, so only text is kept)."""
    html = render_markdown(markdown_text)
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
    story.extend(_paragraphs(practice.body, styles["body"]))
    for label, text in ((_("What was done"), practice.what_was_done), (_("Results"), practice.results),
                        (_("Challenges and lessons learned"), practice.challenges)):
        if text.strip():
            story.append(Paragraph(f"<b>{escape(label)}</b>", styles["body"]))
            story.extend(_paragraphs(text, styles["body"]))
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


def cache_key(practices, filters):
    """The filters' hash and the content's hash: a change to any practice shown (or its company) changes the key."""
    stamp = practices.order_by().aggregate(
        count=Count("pk"), practices=Max("updated_at"), companies=Max("company__updated_at")
    )
    filters_hash = hashlib.sha256(json.dumps(
        {**filters, "lang": translation.get_language()}, sort_keys=True
    ).encode()).hexdigest()[:16]
    content_hash = hashlib.sha256(json.dumps(stamp, default=str, sort_keys=True).encode()).hexdigest()[:16]
    return filters_hash, content_hash


def cached_pdf(practices, filters):
    """The path of an up-to-date PDF for this selection, built now if the content changed since the last one."""
    filters_hash, content_hash = cache_key(practices, filters)
    folder = Path(settings.MEDIA_ROOT) / "catalogue" / "cache"
    path = folder / f"{filters_hash}-{content_hash}.pdf"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        # A private temporary name, so that two requests building at once never write into the same file.
        partial = folder / f"{path.stem}.{os.getpid()}.{threading.get_ident()}.part"
        total = practices.count()
        build_pdf(practices[:MAX_PRACTICES], filters, partial, total=total)
        partial.replace(path)  # atomic: a reader never sees half a file
        for stale in folder.glob(f"{filters_hash}-*.pdf"):
            if stale != path:
                stale.unlink(missing_ok=True)
    return path
