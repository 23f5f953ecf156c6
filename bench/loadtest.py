"""Requests per second of each anonymous public page beside /healthz, under gunicorn on PostgreSQL.

Usage: `make loadtest` (or `.venv/bin/python bench/loadtest.py [--seconds N] [--connections N] [--workers N]`).
It starts gunicorn with 4 workers (debug off, a generated secret key) on a PostgreSQL database of its own
(`climate_portal_loadtest` on the server DATABASE_URL names, dropped and created anew, migrated and filled with the
demo data, dropped again at the end), with the cache REDIS_URL names (the database cache without it). A small
asyncio client holds 32 connections open at once (a new TCP connection per request, as gunicorn's sync workers close
each one) and, for each page, first asks /healthz for `--seconds`, then the page for `--seconds`: the ratio of the
two rates, measured side by side, is what the page costs beside the lightest view. It prints requests per second,
the 99th-percentile latency and that ratio for each page, the machine's load average before and after, and it
asserts nothing (the target is a ratio of at least 0.5).
"""

import argparse
import asyncio
import os
import re
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="No directory at")

from bench import harness  # noqa: E402

DATABASE = "climate_portal_loadtest"
TARGET = 0.5


async def _one(port, path):
    """One GET on a new connection; (status, seconds)."""
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()  # to the end: the server closes the connection after the response
    writer.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, time.perf_counter() - started


async def _load(port, path, connections, seconds):
    """`connections` clients asking for `path` one request after another for `seconds`: (rps, p99, errors)."""
    latencies, errors = [], 0
    deadline = time.perf_counter() + seconds

    async def client():
        nonlocal errors
        while time.perf_counter() < deadline:
            try:
                status, took = await _one(port, path)
            except OSError:
                errors += 1
                continue
            if status != 200:
                errors += 1
            latencies.append(took)

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else float("nan")
    return len(latencies) / elapsed, p99, errors


def _first(pattern, html, exclude=()):
    for match in re.finditer(pattern, html):
        if match.group(1) not in exclude:
            return match.group(1)
    raise SystemExit(f"No link matching {pattern} in the demo data's pages")


def pages(base):
    """The pages to measure, with the demo data's first partner, form, practice and initiative."""
    browser = harness.Browser(base)
    partners = browser.get("/partners/").text
    cooperation = browser.get("/cooperation/").text
    practices = browser.get("/practices/").text
    initiatives = browser.get("/initiatives/").text
    partner = _first(r'href="/partners/([a-z0-9-]+)/"', partners)
    form = _first(r'href="/cooperation/([a-z0-9-]+)/"', cooperation, exclude={"applications"})
    practice = _first(r'href="/practices/([a-z0-9-]+)/"', practices, exclude={"new", "feed", "edit"})
    initiative = _first(r'href="/initiatives/([a-z0-9-]+)/"', initiatives, exclude={"past", "map"})
    category = _first(r'<option value="([a-z_]+)"', practices.split('name="category"', 1)[1])
    # A word of the first practice's title, as a resident would search for it.
    title = re.search(r"<h1>([^<]+)</h1>", browser.get(f"/practices/{practice}/").text).group(1)
    word = max(re.findall(r"\w+", title), key=len).lower()
    return [
        "/",
        "/partners/",
        f"/partners/{partner}/",
        "/cooperation/",
        f"/cooperation/{form}/",
        "/practices/",
        f"/practices/?category={category}",
        f"/practices/?{urlencode({'q': word})}",
        f"/practices/{practice}/",
        "/initiatives/",
        f"/initiatives/{initiative}/",
        "/initiatives/map/",
        "/practices/feed/",
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("LOADTEST_SECONDS", "5")))
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    url = harness.database_url(DATABASE)
    harness.recreate_database(url)
    redis_url = os.environ.get("REDIS_URL", "")
    env = harness.portal_environment(DATABASE_URL=url, REDIS_URL=redis_url)
    port = harness.free_port()
    server = None
    try:
        harness.migrate(env)
        subprocess.run([sys.executable, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True, timeout=600,
                       stdout=subprocess.DEVNULL)
        server = harness.start_gunicorn(env, port, workers=args.workers)
        harness.wait_until_up(port, server)
        base = f"http://127.0.0.1:{port}"
        paths = pages(base)
        for path in paths:  # each page once, so that the figures are of the cached pages visitors get
            if harness.Browser(base).get(path).status != 200:
                raise SystemExit(f"{path} does not answer 200")
        load_before = os.getloadavg()
        print(f"gunicorn: {args.workers} workers, {args.connections} connections, {args.seconds:g} s per measurement; "
              f"cache: {'Redis' if redis_url else 'database'}, pages kept "
              f"{os.environ.get('PORTAL_PAGE_CACHE_SECONDS', '60')} s (0: not cached); CPUs: {os.cpu_count()}")
        print(f"load average before: {' '.join(f'{x:.2f}' for x in load_before)}")
        print(f"{'page':42} {'req/s':>8} {'p99 ms':>8} {'healthz req/s':>14} {'p99 ms':>8} {'ratio':>6}")
        ratios = []
        for path in paths:
            health_rps, health_p99, health_errors = asyncio.run(_load(port, "/healthz", args.connections, args.seconds))
            rps, p99, errors = asyncio.run(_load(port, path, args.connections, args.seconds))
            ratio = rps / health_rps if health_rps else float("nan")
            ratios.append(ratio)
            flag = "" if ratio >= TARGET else "  below target"
            if errors or health_errors:
                flag += f"  ({errors} page errors, {health_errors} healthz errors)"
            print(f"{path[:42]:42} {rps:8.1f} {p99 * 1000:8.0f} {health_rps:14.1f} {health_p99 * 1000:8.0f} "
                  f"{ratio:6.2f}{flag}")
        load_after = os.getloadavg()
        print(f"load average after: {' '.join(f'{x:.2f}' for x in load_after)}")
        print(f"lowest ratio: {min(ratios):.2f} (target {TARGET})")
    finally:
        harness.stop([server] if server else [])
        harness.drop_database(url)


if __name__ == "__main__":
    main()
