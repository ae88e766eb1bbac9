"""PDF certificates of completed courses, and their public verification page."""

import pytest

from badges import links, services
from badges.models import CourseCertificate
from learners import services as learning
from tests.badges.factories import course_finish
from tests.factories import PASSWORD, CourseBuilder, learner_create, site_with_catalogue
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return CourseBuilder(site_with_catalogue()).build(
        title="Securite en ligne", modules=1, lessons=1, questions=1
    )


@pytest.fixture
def learner():
    return learner_create(email="lea@example.be", display_name="Lea Dupont")


def test_a_completed_course_gives_a_pdf_certificate_with_its_check_url(
    client, course, learner, settings
):
    settings.SITE_BASE_URL = "https://competences.example.be"
    enrolment = course_finish(learner, course)
    client.login(email="lea@example.be", password=PASSWORD)

    backpack = client.get("/badges/backpack/").content.decode()
    pdf_url = f"/badges/certificates/enrolments/{enrolment.id}.pdf"
    assert pdf_url in backpack
    response = client.get(pdf_url)

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    certificate = CourseCertificate.objects.get(enrolment=enrolment)
    check_url = links.certificate_url(certificate)
    assert check_url.encode() in response.content  # the link annotation
    text = pdf_text(response.content)
    assert "Lea Dupont" in text
    assert "Securite en ligne" in text
    assert check_url in text
    # Asked again, the same certificate (and URL) comes back.
    client.get(pdf_url)
    assert CourseCertificate.objects.count() == 1


def test_the_check_page_is_public_and_names_learner_course_and_date(
    client, course, learner
):
    certificate = services.certificate_for(enrolment=course_finish(learner, course))

    page = client.get(f"/badges/certificates/{certificate.uuid}/").content.decode()

    assert "Lea Dupont" in page
    assert "Securite en ligne" in page
    assert 'class="result-ok"' in page
    assert "lea@example.be" not in page


def test_no_certificate_for_an_unfinished_course_or_for_someone_else(
    client, course, learner
):
    enrolment = learning.enrolment_create(user=learner, course=course)
    client.login(email="lea@example.be", password=PASSWORD)
    url = f"/badges/certificates/enrolments/{enrolment.id}.pdf"

    assert client.get(url).status_code == 404  # not completed

    course_finish(learner, course)
    learner_create(email="max@example.be")
    client.login(email="max@example.be", password=PASSWORD)
    assert client.get(url).status_code == 404  # not theirs
    assert not CourseCertificate.objects.exists()
