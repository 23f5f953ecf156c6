"""Two companies asking for the last place at the same moment: only one gets it (row locks on PostgreSQL, the
write lock taken when the transaction begins on SQLite)."""

import threading
import time

import pytest
from django.db import connections

from initiatives import taking_part
from initiatives.models import Initiative, Participation
from tests.factories import CompanyFactory
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_concurrent_sign_ups_for_the_last_place_confirm_only_one(monkeypatch):
    initiative = InitiativeFactory(capacity=5)
    ParticipationFactory(initiative=initiative, participants=4)
    companies = [CompanyFactory(), CompanyFactory()]

    # Widen the window between counting the places and saving: without the row lock both requests would count
    # one place left and both would be confirmed.
    original = Initiative.places_left

    def slow_places_left(self):
        left = original(self)
        time.sleep(0.3)
        return left

    monkeypatch.setattr(Initiative, "places_left", slow_places_left)
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def sign_up(company):
        try:
            barrier.wait(timeout=10)
            taking_part.sign_up(
                initiative, company, None, participants=1, contact_name="Jan", contact_email="jan@example.com"
            )
            outcomes.append("confirmed")
        except taking_part.NoPlaceLeft:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - reported below, not swallowed
            errors.append(error)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=sign_up, args=(company,)) for company in companies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(outcomes) == ["confirmed", "refused"]
    confirmed = Participation.objects.filter(initiative=initiative, status=Participation.Status.CONFIRMED)
    assert sum(confirmed.values_list("participants", flat=True)) == 5
