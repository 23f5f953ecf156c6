import pytest


@pytest.fixture(autouse=True)
def _english(settings):
    # Assertions read the English texts, whatever the state of the Polish catalogue.
    settings.LANGUAGE_CODE = "en"
