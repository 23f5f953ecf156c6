"""A soak test: many company members using the portal at once for a while, against gunicorn on PostgreSQL.

Usage: `make soak` (or `.venv/bin/python bench/soak.py [--users 50] [--duration 120] [--database NAME]`). The
database (`climate_portal_soak` on the server DATABASE_URL names) is dropped and created anew and migrated; each
simulated user owns a verified company made straight in the database (signing up needs the mail flow) and signs in
through the login page. Then, until the time is up, each one in turn browses the public pages, submits a good
practice, applies to a cooperation form and joins a city initiative.

Every user speaks through the one proxy the portal trusts (DJANGO_BEHIND_PROXY=1) with an address of its own in
X-Forwarded-For, as visitors do in production, so that the per-address sign-in limit counts each of them.

It prints the requests made, the answers by status, the server errors (5xx: must be 0), requests left without an
answer for 60 seconds, users whose sign-in failed, and checks that every submission the portal acknowledged (a
redirect to the page of what was saved) is in the database. It exits 1 if any of those is not nil.
"""

import argparse
import collections
import os
import random
import re
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore", message="No directory at")

from bench import harness  # noqa: E402

PRACTICE = {
    "summary": "Wymieniliśmy oświetlenie.", "body": "Nowe lampy zużywają mniej prądu.",
    "category": "energy_efficiency", "year_started": "2023", "place": "Hala B", "district": "14",
    "what_was_done": "", "results": "", "challenges": "", "links": "", "co2_tonnes_per_year": "12.5",
    "mwh_saved": "", "trees_planted": "", "people_involved": "", "consent": "on",
    "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0",
    "photos-MAX_NUM_FORMS": "10",
}
COOPERATION_FORMS = 5


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=120, help="seconds of load")
    parser.add_argument("--database", default="climate_portal_soak")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    args = parser.parse_args()

    media = tempfile.TemporaryDirectory(prefix="portal-soak-media-")
    env = harness.portal_environment(
        DATABASE_URL=harness.database_url(args.database),
        DJANGO_BEHIND_PROXY="1",
        DJANGO_MEDIA_ROOT=media.name,
    )
    env.pop("DJANGO_STORAGE_URL", None)
    if os.environ.get("REDIS_URL"):
        env["REDIS_URL"] = os.environ["REDIS_URL"]
    print(f"Database {args.database}, cache {env.get('REDIS_URL') or 'the database'}, {args.users} users, "
          f"{args.duration:g} s", flush=True)
    harness.recreate_database(env["DATABASE_URL"])
    harness.migrate(env)
    os.environ.update(env)
    port = harness.free_port()
    log = open(Path(media.name) / "gunicorn.log", "wb")  # noqa: SIM115 - closed below
    process = harness.start_gunicorn(env, port, workers=args.workers, log=log)
    try:
        world = setup(args.users)
        harness.wait_until_up(port, process)
        stats = Stats()
        deadline = time.monotonic() + args.duration
        threads = [
            threading.Thread(target=simulate, args=(f"http://127.0.0.1:{port}", i, email, world, deadline, stats))
            for i, email in enumerate(world["emails"])
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.duration + 120)
        elapsed = time.monotonic() - started
    finally:
        harness.stop([process])
        log.close()
    result = report(stats, elapsed, Path(media.name) / "gunicorn.log")
    media.cleanup()
    return result


def setup(users):
    import django

    django.setup()
    from partnerships.models import Membership
    from practices.models import GoodPractice
    from tests.cooperation.factories import CooperationFormFactory
    from tests.factories import MembershipFactory
    from tests.initiatives.factories import InitiativeFactory
    from tests.practices.factories import PublishedPracticeFactory

    emails = []
    for i in range(users):
        membership = MembershipFactory(role=Membership.Role.OWNER, user__email=f"soak{i}@example.com")
        emails.append(membership.user.email)
        if i < 20:
            PublishedPracticeFactory(company=membership.company, title=f"Opublikowana praktyka {i}")
    forms = [CooperationFormFactory(slug=f"soak-forma-{i}").slug for i in range(COOPERATION_FORMS)]
    initiatives = [InitiativeFactory(capacity=100_000).slug for _ in range(5)]
    practices = [practice.get_absolute_url() for practice in GoodPractice.objects.all()]
    # Addresses of a network of this run's own, so that sign-in counters an earlier run left in REDIS_URL don't count.
    network = random.randrange(1, 255)
    return {"network": network, "emails": emails, "forms": forms, "initiatives": initiatives, "practices": practices}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.errors = []  # (method, url, status or exception)
        self.acknowledged = collections.defaultdict(list)  # kind -> [(email, what)]
        self.refused = collections.Counter()
        self.not_signed_in = []  # (email, status)

    def record(self, method, url, response):
        with self.lock:
            self.statuses[response.status] += 1
            if response.status >= 500:
                self.errors.append((method, url, response.status))

    def failure(self, method, url, error):
        with self.lock:
            self.statuses["no answer"] += 1
            self.errors.append((method, url, repr(error)))


def simulate(base, i, email, world, deadline, stats):
    address = f"10.{world['network']}.{i // 250}.{i % 250 + 1}"
    visitor = harness.Browser(base, timeout=60, headers={"X-Forwarded-For": address})
    rng = random.Random(i)
    time.sleep(i * 0.1)  # arrivals spread over the first seconds, not 50 password checks in the same instant

    def call(method, url, data=None, form_url=None):
        try:
            if method == "GET":
                response = visitor.get(url)
            else:
                response = visitor.post(url, data, form_page=call("GET", form_url or url))
        except OSError as error:
            stats.failure(method, url, error)
            return harness.Response(0, {}, b"")
        stats.record(method, url, response)
        return response

    signed_in = call("POST", "/accounts/login/", {"login": email, "password": harness.PASSWORD})
    if signed_in.status != 302:
        with stats.lock:
            stats.not_signed_in.append((email, signed_in.status))
        return
    forms = list(world["forms"])
    rng.shuffle(forms)
    initiatives = list(world["initiatives"])
    rng.shuffle(initiatives)
    n = 0
    while time.monotonic() < deadline:
        n += 1
        for url in ("/", "/practices/", rng.choice(world["practices"]), "/initiatives/", "/partners/",
                    "/cooperation/", "/company/"):
            call("GET", url)
        action = n % 3
        if action == 0:
            title = f"Praktyka {email} nr {n}"
            response = call("POST", "/practices/new/", {**PRACTICE, "title": title})
            _acknowledge(stats, "practice", email, title, response, r"^/practices/edit/\d+/$")
        elif action == 1 and forms:
            slug = forms.pop()
            data = {"topic": f"Warsztaty {n}", "details": "Dla 20 osób.", "submit": ""}
            response = call("POST", f"/cooperation/{slug}/apply/", data)
            match = _acknowledge(stats, "application", email, slug, response, r"^/cooperation/applications/(\d+)/$")
            if match:
                call("GET", response.location)
        elif action == 2 and initiatives:
            slug = initiatives.pop()
            data = {"participants": "2", "contact_name": "Anna Nowak", "contact_email": email, "contact_phone": ""}
            response = call("POST", f"/initiatives/{slug}/participate/", data, form_url=f"/initiatives/{slug}/")
            _acknowledge(stats, "participation", email, slug, response, rf"^/initiatives/{re.escape(slug)}/$")


def _acknowledge(stats, kind, email, what, response, success):
    match = response.status == 302 and re.match(success, response.location)
    with stats.lock:
        if match:
            stats.acknowledged[kind].append((email, what))
        else:
            stats.refused[(kind, response.status)] += 1
    return match


def report(stats, elapsed, log_path):
    from initiatives.models import Participation
    from partnerships.cooperation.models import Application
    from practices.models import GoodPractice

    total = sum(stats.statuses.values())
    server_errors = sum(count for status, count in stats.statuses.items() if status != "no answer" and status >= 500)
    unanswered = stats.statuses["no answer"]
    print(f"\n{total} requests in {elapsed:.0f} s ({total / elapsed:.1f} a second)")
    print("answers: " + ", ".join(f"{status}: {count}" for status, count in sorted(stats.statuses.items(), key=str)))
    print(f"server errors (5xx): {server_errors}; no answer within 60 s: {unanswered}; "
          f"users not signed in: {len(stats.not_signed_in)} {stats.not_signed_in[:5]}")
    for method, url, what in stats.errors[:10]:
        print(f"  {method} {url}: {what}")
    if stats.refused:
        print("not acknowledged: " + ", ".join(f"{kind} {status}: {n}" for (kind, status), n in stats.refused.items()))
    missing = []
    for email, title in stats.acknowledged["practice"]:
        if not GoodPractice.objects.filter(title=title, author__email=email).exists():
            missing.append(("practice", email, title))
    for email, slug in stats.acknowledged["application"]:
        if not Application.objects.filter(form__slug=slug, company__memberships__user__email=email).exists():
            missing.append(("application", email, slug))
    for email, slug in stats.acknowledged["participation"]:
        if not Participation.objects.filter(initiative__slug=slug, company__memberships__user__email=email).exists():
            missing.append(("participation", email, slug))
    for kind in ("practice", "application", "participation"):
        print(f"{kind}s acknowledged: {len(stats.acknowledged[kind])}")
    print(f"acknowledged but missing from the database: {len(missing)}")
    for item in missing[:10]:
        print("  ", *item)
    if server_errors or unanswered:
        print("the end of gunicorn's log:")
        print(log_path.read_text(errors="replace")[-4000:])
    ok = not (server_errors or unanswered or stats.not_signed_in or missing) and total > 0
    print(f"\nsoak: {'ok' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
