import pytest

from practices.models import PracticeStatus
from tests.practices.factories import PracticeFactory, PublishedPracticeFactory


@pytest.fixture
def draft(company, owner):
    return PracticeFactory(company=company, author=owner, title="Pompy ciepła w biurze")


@pytest.fixture
def submitted(company, owner):
    return PracticeFactory(company=company, author=owner, title="Zielony dach", status=PracticeStatus.SUBMITTED)


@pytest.fixture
def published(company):
    return PublishedPracticeFactory(company=company, title="Rowery służbowe w Łodzi i Krakowie")
