"""Charts drawn on the server as SVG: each has role="img", a <title> and a <desc> that say what it shows, and the
page puts its data beside it as a table. No script, no outside request."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH = 640
INK = "#1a1a1a"
TRACK = "#e3e8e4"
FILL = "#1f6b3a"
SECOND = "#2b5c8a"


def _svg(chart_id, title, desc, height, body):
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {} {}" width="100%" '
        'aria-labelledby="{}-title {}-desc" focusable="false"><title id="{}-title">{}</title>'
        '<desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        desc,
        body,
    )


def progress_bar(chart_id, title, desc, share, left_label, right_label, middle_label=""):
    """A bar from a start (left) to a goal (right), filled to `share` per cent (0–100)."""
    share = max(Decimal(0), min(Decimal(share), Decimal(100)))
    inner = WIDTH - 2
    filled = (Decimal(inner) * share / 100).quantize(Decimal(1))
    body = format_html(
        '<rect x="1" y="1" width="{}" height="28" rx="4" fill="{}" stroke="{}" stroke-width="1"/>'
        '<rect x="1" y="1" width="{}" height="28" rx="4" fill="{}"/>'
        '<text x="2" y="50" font-size="14" fill="{}">{}</text>'
        '<text x="{}" y="50" font-size="14" fill="{}" text-anchor="middle">{}</text>'
        '<text x="{}" y="50" font-size="14" fill="{}" text-anchor="end">{}</text>',
        inner,
        TRACK,
        INK,
        filled,
        FILL,
        INK,
        left_label,
        WIDTH // 2,
        INK,
        middle_label,
        WIDTH - 2,
        INK,
        right_label,
    )
    return _svg(chart_id, title, desc, 60, body)


def bar_chart(chart_id, title, desc, rows, unit, colours=(FILL, SECOND)):
    """Horizontal bars: `rows` is a list of (label, [value, ...]); one bar per value, the series in `colours`.
    Values are Decimals or ints, none negative; the longest bar fills the width."""
    label_width, bar_height, gap = 150, 18, 14
    series = max((len(values) for _, values in rows), default=1)
    row_height = series * bar_height + gap
    largest = max((value for _, values in rows for value in values if value is not None), default=0) or 1
    room = WIDTH - label_width - 120
    parts = []
    for index, (label, values) in enumerate(rows):
        top = index * row_height + 4
        parts.append(
            format_html(
                '<text x="0" y="{}" font-size="14" fill="{}">{}</text>',
                top + bar_height - 4,
                INK,
                label,
            )
        )
        for position, value in enumerate(values):
            y = top + position * bar_height
            length = int(Decimal(room) * Decimal(value or 0) / Decimal(largest))
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>'
                    '<text x="{}" y="{}" font-size="13" fill="{}">{} {}</text>',
                    label_width,
                    y,
                    max(length, 1),
                    bar_height - 3,
                    colours[position % len(colours)],
                    label_width + max(length, 1) + 6,
                    y + bar_height - 6,
                    INK,
                    "—" if value is None else number_format(value, use_l10n=True, force_grouping=True),
                    unit,
                )
            )
    body = format_html_join("", "{}", ((part,) for part in parts)) if parts else mark_safe("")
    return _svg(chart_id, title, desc, max(len(rows), 1) * row_height + 8, body)
