"""Each cooperation form's own questions, validated like any Django form."""

import pytest
from django.utils import translation

from partnerships.cooperation import questions as qf
from tests.cooperation.factories import PACT_ANSWERS


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def errors(form_class, data):
    form = form_class(data)
    form.is_valid()
    return form.errors


def test_pact_accepts_good_answers_and_stores_json_friendly_values():
    form = qf.PactForm(PACT_ANSWERS)
    assert form.is_valid(), form.errors
    assert form.to_answers()["baseline"] == "1250.5"


def test_pact_needs_at_least_one_commitment():
    found = errors(qf.PactForm, {**PACT_ANSWERS, "commitments": []})
    assert found["commitments"] == ["Choose at least one commitment."]


def test_pact_refuses_an_unknown_commitment():
    assert "commitments" in errors(qf.PactForm, {**PACT_ANSWERS, "commitments": ["coal"]})


@pytest.mark.parametrize(("year", "ok"), [("2024", False), ("2025", True), ("2060", True), ("2061", False)])
def test_pact_target_year_is_between_2025_and_2060(year, ok):
    assert ("target_year" not in errors(qf.PactForm, {**PACT_ANSWERS, "target_year": year})) is ok


def test_pact_baseline_is_optional_but_not_negative():
    assert "baseline" not in errors(qf.PactForm, {**PACT_ANSWERS, "baseline": ""})
    assert "baseline" in errors(qf.PactForm, {**PACT_ANSWERS, "baseline": "-1"})
    assert "baseline" in errors(qf.PactForm, {**PACT_ANSWERS, "baseline": "dużo"})


def test_pact_needs_the_signatory():
    found = errors(qf.PactForm, {**PACT_ANSWERS, "signatory_name": "", "signatory_role": ""})
    assert set(found) == {"signatory_name", "signatory_role"}


ADVISORY = {
    "expert_name": "Jan Kowalski",
    "expert_role": "Kierownik ds. energii",
    "expert_email": "jan@example.com",
    "expertise": "Magazynowanie energii",
    "bio": "Inżynier.",
}


def test_advisory_accepts_a_nominated_expert():
    assert qf.AdvisoryForm(ADVISORY).is_valid()


def test_advisory_checks_the_email_and_the_length_of_the_bio():
    found = errors(qf.AdvisoryForm, {**ADVISORY, "expert_email": "nie-email", "bio": "x" * 1501})
    assert set(found) == {"expert_email", "bio"}


def test_atelier_needs_the_offer_and_a_known_challenge():
    assert qf.AtelierForm({"challenge": "mobility", "offer": "Dane o ruchu"}).is_valid()
    assert set(errors(qf.AtelierForm, {"challenge": "space", "offer": ""})) == {"challenge", "offer"}


BIKE = {
    "campaign": "rowerowy_maj",
    "coordinator_name": "Ewa",
    "coordinator_email": "ewa@example.com",
    "expected_riders": "40",
}


def test_bike_accepts_a_team():
    assert qf.BikeForm(BIKE).is_valid()


@pytest.mark.parametrize("riders", ["0", "100001", "kilku"])
def test_bike_expects_between_one_and_a_hundred_thousand_riders(riders):
    assert "expected_riders" in errors(qf.BikeForm, {**BIKE, "expected_riders": riders})


def test_bike_refuses_an_unknown_campaign():
    assert "campaign" in errors(qf.BikeForm, {**BIKE, "campaign": "rowerowy_luty"})


def test_greening_asks_for_kind_volunteers_and_a_kraków_district():
    assert qf.GreeningForm({"action_kind": "pocket_park", "volunteers": "12", "district": "13"}).is_valid()
    found = errors(qf.GreeningForm, {"action_kind": "lawn", "volunteers": "0", "district": "19"})
    assert set(found) == {"action_kind", "volunteers", "district"}


def test_campaign_content_needs_consent_to_reuse():
    assert errors(qf.CampaignForm, {"practice": "Panele na dachu"})["consent"] == [
        "The city can use the content only with your consent."
    ]


def test_training_needs_topic_dates_and_participants():
    assert qf.TrainingForm({"topic": "Smog", "preferred_dates": "marzec", "participants": "25"}).is_valid()
    assert "participants" in errors(qf.TrainingForm, {"topic": "Smog", "preferred_dates": "x", "participants": "0"})


def test_speaker_needs_a_real_date_and_stores_it_as_text():
    form = qf.SpeakerForm({"event": "Dzień Ziemi", "event_date": "2026-04-22", "audience": "100"})
    assert form.is_valid()
    assert form.to_answers()["event_date"] == "2026-04-22"
    assert "event_date" in errors(qf.SpeakerForm, {"event": "x", "event_date": "2026-02-30", "audience": "1"})


def test_ngo_and_funding_ask_what_the_company_wants():
    assert qf.NgoForm({"partner_kind": "food_bank", "topic": "Nadwyżki z kantyny"}).is_valid()
    assert qf.FundingForm({"support": "loan", "topic": "Pompa ciepła"}).is_valid()
    assert "support" in errors(qf.FundingForm, {"support": "gift", "topic": "x"})


def test_communication_audience_is_optional():
    assert qf.CommunicationForm({"topic": "Artykuł", "details": "O fotowoltaice"}).is_valid()


def test_every_kind_in_the_catalogue_has_its_questions():
    from partnerships.cooperation.models import CooperationForm

    assert set(qf.FORMS_BY_KIND) == set(CooperationForm.Kind.values)


def test_answers_are_shown_as_question_and_answer_with_choice_labels():
    form = qf.PactForm(PACT_ANSWERS)
    form.is_valid()
    shown = dict(qf.display_answers("pact", form.to_answers()))
    assert shown["Commitments"] == "Renewable energy, Employee mobility"
    assert shown["Baseline emissions (t CO2e per year)"] == "1250.5"
    assert dict(qf.display_answers("greening", {"district": "13"}))["Preferred district"] == "XIII Podgórze"
    assert [answer for _question, answer in qf.display_answers("campaign", {"consent": True})] == ["Yes"]
