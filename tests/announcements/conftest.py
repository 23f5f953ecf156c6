import pytest

from partnerships.announcements.models import Announcement


@pytest.fixture
def make_announcement(staff):
    def make(**fields):
        defaults = {
            "subject_pl": "Zaproszenie na forum",
            "body_pl": "Zapraszamy na **forum wymiany doświadczeń**.",
            "subject_en": "Invitation to the forum",
            "body_en": "Join us at the **experience-exchange forum**.",
            "audience": "all_partners",
            "created_by": staff,
        }
        announcement = Announcement(**{**defaults, **fields})
        announcement.full_clean()
        announcement.save()
        return announcement

    return make
