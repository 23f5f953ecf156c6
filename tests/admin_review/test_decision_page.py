"""The single decision page, the change page around it, and who may use them."""

from django.core import mail
from django.utils import translation

from partnerships.models import Company
from partnerships.review.models import ReviewEvent, StaffNote
from tests.admin_review.conftest import change_url, decide_url, refreshed_status


def test_it_verifies_with_a_reason_and_returns_to_the_change_page(client_for, pending_company, staff):
    response = client_for(staff).post(decide_url(pending_company, "verify"), {"reason": "Dane się zgadzają."})

    assert response.status_code == 302
    assert response["Location"] == change_url(pending_company)
    pending_company.refresh_from_db()
    assert pending_company.status == Company.Status.VERIFIED
    assert pending_company.decision_reason == "Dane się zgadzają."
    event = ReviewEvent.objects.for_object(pending_company).get()
    assert (event.by, event.action, event.from_status, event.to_status) == (staff, "verify", "pending", "verified")


def test_it_refuses_a_rejection_without_a_reason_on_the_field(client_for, pending_company, staff):
    response = client_for(staff).post(decide_url(pending_company, "reject"), {"reason": "   "})

    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert 'aria-invalid="true"' in response.content.decode()
    assert refreshed_status(pending_company) == Company.Status.PENDING
    assert not ReviewEvent.objects.exists()
    assert mail.outbox == []


def test_the_rejection_form_marks_the_reason_as_required(client_for, pending_company, staff):
    html = client_for(staff).get(decide_url(pending_company, "reject")).content.decode()

    assert 'id="decision-form"' in html
    assert 'id="id_reason"' in html and " required" in html
    decision_form = html.split('id="decision-form"', 1)[1].split("</form>", 1)[0]
    assert decision_form.count('type="submit"') == 1


def test_it_warns_when_the_status_does_not_allow_the_decision(client_for, company, staff):
    # `company` is already verified.
    response = client_for(staff).get(decide_url(company, "verify"))

    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]


def test_it_offers_the_reason_templates_for_this_action_and_for_all(
    client_for, pending_company, staff, reason_template
):
    from partnerships.review.models import ReasonTemplate

    ReasonTemplate.objects.create(title="Ogólny", text="Tekst dla każdej decyzji.", action="")
    ReasonTemplate.objects.create(title="Tylko weryfikacja", text="Tekst weryfikacji.", action="verify")

    html = client_for(staff).get(decide_url(pending_company, "reject")).content.decode()

    assert '<option value="Prosimy o uzupełnienie danych rejestrowych.">Brak dokumentów</option>' in html
    assert "Tekst dla każdej decyzji." in html
    assert "Tekst weryfikacji." not in html
    assert "js/admin_reason_templates.js" in html
    # Without JavaScript the picker stays hidden and the texts are listed to copy.
    assert "data-reason-picker hidden" in html
    assert "<dd>Prosimy o uzupełnienie danych rejestrowych.</dd>" in html


def test_a_staff_member_outside_moderators_cannot_see_the_decision_page(client_for, pending_company, plain_staff):
    response = client_for(plain_staff).get(decide_url(pending_company, "verify"))

    assert response.status_code == 403


def test_a_staff_member_outside_moderators_cannot_decide(client_for, pending_company, plain_staff):
    response = client_for(plain_staff).post(decide_url(pending_company, "verify"), {"reason": ""})

    assert response.status_code == 403
    assert refreshed_status(pending_company) == Company.Status.PENDING


def test_a_staff_member_outside_moderators_cannot_open_or_change_a_company(client_for, pending_company, plain_staff):
    client = client_for(plain_staff)

    assert client.get(change_url(pending_company)).status_code == 403
    assert client.post(change_url(pending_company), {"name": "Przejęta"}).status_code == 403
    assert Company.objects.get(pk=pending_company.pk).name == pending_company.name


def test_a_superuser_can_decide(client_for, pending_company, superuser):
    response = client_for(superuser).post(decide_url(pending_company, "verify"), {"reason": ""})

    assert response.status_code == 302
    assert refreshed_status(pending_company) == Company.Status.VERIFIED


def test_the_change_page_shows_status_history_and_one_button_per_possible_decision(
    client_for, pending_company, staff, owner
):
    pending_company.transition("reject", by=staff, reason="Niepełny adres.")
    pending_company.transition("resubmit", by=owner)

    html = client_for(staff).get(change_url(pending_company)).content.decode()

    assert f'href="{decide_url(pending_company, "verify")}"' in html
    assert f'href="{decide_url(pending_company, "reject")}"' in html
    assert decide_url(pending_company, "resubmit") not in html
    assert "Niepełny adres." in html
    with translation.override("pl"):
        assert f"{Company.Status.PENDING.label} → {Company.Status.REJECTED.label}" in html
    assert html.count("<tr>") >= 2  # two review events at least
    assert pending_company.reference() in html


def test_the_change_page_offers_no_decision_button_where_none_is_possible(client_for, company, staff):
    company.status = Company.Status.REJECTED
    company.save()

    html = client_for(staff).get(change_url(company)).content.decode()

    assert "/decide/" not in html


def test_the_status_cannot_be_edited_on_the_change_page(client_for, pending_company, staff):
    form = client_for(staff).get(change_url(pending_company)).context["adminform"].form

    assert "status" not in form.fields
    assert "assignee" in form.fields


def test_staff_assign_a_company_and_add_an_internal_note_from_the_change_page(client_for, pending_company, staff):
    from tests.admin_review.conftest import form_data

    client = client_for(staff)
    data = form_data(client.get(change_url(pending_company)).content.decode(), "company_form")
    data["assignee"] = [str(staff.pk)]
    note_prefix = next(name for name in data if name.endswith("-TOTAL_FORMS") and "staffnote" in name)[
        : -len("-TOTAL_FORMS")
    ]
    data[f"{note_prefix}-0-text"] = ["Zadzwonić do firmy w sprawie NIP."]

    response = client.post(change_url(pending_company), data)

    assert response.status_code == 302, response.context["errors"] if response.context else response
    pending_company.refresh_from_db()
    assert pending_company.assignee == staff
    note = StaffNote.objects.get()
    assert (note.subject, note.author, note.text) == (pending_company, staff, "Zadzwonić do firmy w sprawie NIP.")


def test_internal_notes_never_appear_on_the_company_dashboard(client_for, pending_company, owner, staff):
    StaffNote.objects.create(subject=pending_company, author=staff, text="Tylko dla urzędu: sprawdzić KRS.")

    staff_html = client_for(staff).get(change_url(pending_company)).content.decode()
    dashboard = client_for(owner).get("/company/")

    assert "Tylko dla urzędu: sprawdzić KRS." in staff_html
    assert dashboard.status_code == 200
    assert "Tylko dla urzędu: sprawdzić KRS." not in dashboard.content.decode()
