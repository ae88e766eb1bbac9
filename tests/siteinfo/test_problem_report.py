"""The report-a-problem form: errors in place, stored, e-mailed, rate-limited."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from siteinfo import services
from siteinfo.models import ProblemReport
from tests.factories import form_token_in
from tests.siteinfo.factories import OPERATOR_EMAIL, information_site_create

pytestmark = pytest.mark.django_db

REPORT = {
    "kind": "accessibility",
    "message": "Le bouton « Réserver » ne se lit pas avec mon lecteur d'écran.",
    "page_address": "/agenda/12/",
    "name": "Léa",
    "email": "lea@example.be",
}


@pytest.fixture
def statement(catalogue):
    return information_site_create(catalogue).accessibility_page


def test_the_statement_offers_the_form_with_the_page_prefilled(client, statement):
    html = client.get(statement.url, {"page": "/agenda/12/"}).content.decode()

    assert '<form method="post" action="/accessibilite/#report" novalidate>' in html
    assert 'name="page_address" value="/agenda/12/"' in html


def test_a_report_is_stored_mailed_to_the_operator_and_confirmed(
    client, statement, committed
):
    with committed(execute=True):
        response = client.post(statement.url, REPORT)

    assert response.status_code == 302
    report = ProblemReport.objects.get()
    assert report.message == REPORT["message"]
    assert report.email == "lea@example.be"
    assert report.site_id == statement.get_site().id
    sent = mail.outbox[-1]
    assert sent.to == [OPERATOR_EMAIL]
    assert sent.reply_to == ["lea@example.be"]
    assert REPORT["message"] in sent.body
    assert "/admin/snippets/siteinfo/problemreport/edit/" in sent.body
    page = client.get(response["Location"])
    assert "votre signalement a été transmis" in page.content.decode()


def test_an_empty_message_is_explained_next_to_the_field_and_in_a_summary(
    client, statement
):
    with translation.override("en"):
        response = client.post(
            statement.url,
            {**REPORT, "message": "", "email": "pas-une-adresse"},
            headers={"accept-language": "en"},
        )

    html = response.content.decode()
    assert response.status_code == 400
    assert not ProblemReport.objects.exists()
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_message"' in summary
    assert 'href="#id_email"' in summary
    assert "this field is empty" in summary
    field = html.split('<label for="id_message"', 1)[1].split("</textarea>", 1)[0]
    assert "this field is empty" in field
    assert 'aria-invalid="true"' in field
    assert "pas-une-adresse" in html  # what was typed is kept


def test_reports_are_rate_limited(client, statement, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "problem_report": "2/h"}
    for _ in range(2):
        assert client.post(statement.url, REPORT).status_code == 302

    response = client.post(statement.url, REPORT)

    assert response.status_code == 429
    assert ProblemReport.objects.count() == 2


def test_a_page_without_the_form_takes_no_report(client, catalogue):
    info = information_site_create(catalogue)

    client.post(info.legal_notice_page.url, REPORT)

    assert not ProblemReport.objects.exists()


def test_without_an_operator_address_the_managers_are_told(
    catalogue, settings, committed
):
    info = information_site_create(catalogue)
    info.email = ""
    info.save()
    settings.MANAGERS = [("Exploitation", "exploitation@example.be")]

    with committed(execute=True):
        services.problem_report_create(site=info.site, kind="other", message="?")

    assert mail.outbox[-1].to == ["exploitation@example.be"]


def test_reports_older_than_a_year_are_erased(catalogue):
    old = services.problem_report_create(site=None, kind="other", message="Ancien")
    recent = services.problem_report_create(site=None, kind="other", message="Neuf")
    ProblemReport.objects.filter(id=old.id).update(
        created_at=timezone.now() - timedelta(days=366)
    )

    assert services.problem_reports_purge() == 1
    assert list(ProblemReport.objects.all()) == [recent]


def test_the_report_form_carries_a_new_token_each_time(client, statement):
    first = form_token_in(client.get(statement.url))
    second = form_token_in(client.get(statement.url))

    assert first != second


def test_a_report_sent_twice_is_stored_and_mailed_once_and_answers_the_same(
    client, statement, committed
):
    token = form_token_in(client.get(statement.url))

    with committed(execute=True):
        first = client.post(statement.url, REPORT | {"form_token": token})
        again = client.post(statement.url, REPORT | {"form_token": token})

    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert ProblemReport.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_sent_report_brought_back_with_another_message_is_refused_then_taken(
    client, statement
):
    token = str(uuid.uuid4())
    client.post(statement.url, REPORT | {"form_token": token})
    other = REPORT | {"message": "Et le plan du site est vide."}

    refused = client.post(
        statement.url, other | {"form_token": token}, headers={"accept-language": "en"}
    )

    assert refused.status_code == 400
    assert "This form was already sent" in refused.content.decode()
    assert ProblemReport.objects.count() == 1
    new_token = form_token_in(refused)
    assert new_token != token
    client.post(statement.url, other | {"form_token": new_token})
    assert ProblemReport.objects.count() == 2


def test_the_operator_reads_a_report_without_its_form_token(
    client, catalogue, admin_user
):
    token = uuid.uuid4()
    services.problem_report_create(
        site=None, kind="other", message="Panne", form_token=token
    )
    client.force_login(admin_user)

    page = client.get(
        reverse(
            "wagtailsnippets_siteinfo_problemreport:inspect",
            args=[ProblemReport.objects.get().pk],
        )
    )

    assert page.status_code == 200
    assert "Panne" in page.content.decode()
    assert str(token) not in page.content.decode()
