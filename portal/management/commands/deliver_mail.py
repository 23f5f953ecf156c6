"""The mail worker: delivers the queued e-mails (portal.lib.mail), once for cron or over and over for systemd.

    manage.py deliver_mail              # one run: everything due now, then exit (cron, every minute)
    manage.py deliver_mail --every 10   # a run every 10 seconds until stopped (systemd, `make run`)
"""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, connection

from portal.lib.mail import deliver_queued

logger = logging.getLogger("portal.mail")


class Command(BaseCommand):
    help = "Deliver the queued e-mails, retrying failed ones later. Once, or every N seconds with --every N."

    def add_arguments(self, parser):
        parser.add_argument("--every", type=float, metavar="SECONDS", help="run again every SECONDS until stopped")

    def handle(self, *args, every=None, **options):
        if every is None:
            if not deliver_queued():
                self.stdout.write("Another worker is delivering the queue; nothing done.")
            return
        database_down = False
        while True:
            try:
                deliver_queued()
                database_down = False
            except DatabaseError as error:
                # The database is away for a while: say so once and keep trying; nothing is lost, the queue is there.
                if not database_down:
                    logger.error("The mail worker cannot reach the database (%s); it keeps trying.", error)
                database_down = True
                connection.close()
            time.sleep(every)
