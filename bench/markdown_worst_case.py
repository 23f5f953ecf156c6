"""How long rendering the slowest Markdown the practice form accepts takes, field by field and for a whole practice.

Usage: `.venv/bin/python bench/markdown_worst_case.py`. No database is needed. Each Markdown field of a practice is
filled to its maximum length with each of the texts known to be slow (brackets make the parser read on to the end
of the text, so they cost the square of its length; lists nested hundreds deep exhaust the recursion limit and fall
back to plain paragraphs) and rendered REPEAT times; the median time of the slowest text is printed, as CPU time
(what the render costs, whatever else the machine runs) and as wall-clock time. A practice is
rendered once, when it is saved, never while a page is shown; the last line is the worst case of one save with
every field at its maximum. It prints figures; it asserts nothing.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from practices.models import MARKDOWN_FIELDS, GoodPractice  # noqa: E402
from practices.text import render_markdown  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def patterns(length):
    """Texts of exactly `length` characters, each built from a piece repeated."""
    half = length // 2
    nested = "[" * (half // 2) + "]" * (half // 2)
    return {
        "[ repeated": "[" * length,
        "[[…]] nested": (nested * (length // len(nested) + 1))[:length],
        "_[ repeated": ("_[" * half)[:length],
        "*[ repeated": ("*[" * half)[:length],
        "![ repeated": ("![" * half)[:length],
        "[( repeated": ("[(" * half)[:length],
        "[a]( repeated": ("[a](" * (length // 4 + 1))[:length],
        "- nested list": ("- " * half)[:length],
        "ordinary text": ("Zielony dach na biurowcu, **łąka** i [link](https://example.org). " * length)[:length],
    }


def median_times(text):
    """(CPU seconds, wall-clock seconds), the medians of REPEAT renders."""
    cpu, wall = [], []
    for _ in range(REPEAT):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        render_markdown(text)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started_wall)
    return statistics.median(cpu), statistics.median(wall)


def main():
    total_cpu = total_wall = 0.0
    print(f"{'field':<16}{'max chars':>10}  {'slowest input':<16}{'CPU s':>8}{'wall s':>8}   (medians of {REPEAT})")
    for name in MARKDOWN_FIELDS:
        length = GoodPractice._meta.get_field(name).max_length
        timings = {label: median_times(text) for label, text in patterns(length).items()}
        label, (cpu, wall) = max(timings.items(), key=lambda item: item[1][0])
        total_cpu, total_wall = total_cpu + cpu, total_wall + wall
        print(f"{name:<16}{length:>10}  {label:<16}{cpu:>8.3f}{wall:>8.3f}", flush=True)
    print(f"{'one save, every field at its maximum, worst case:':<52}{total_cpu:>8.3f}{total_wall:>8.3f}")


if __name__ == "__main__":
    main()
