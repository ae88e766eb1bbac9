"""PDF certificates of completed courses, and their public verification page."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from badges import links, services
from badges.certificates import certificate_pdf
from badges.models import AwardRule, CourseCertificate
from common import pdf as common_pdf
from learners import services as learning
from tests.badges.factories import (
    badge_class_create,
    badge_image,
    competence,
    course_finish,
)
from tests.factories import PASSWORD, CourseBuilder, learner_create, site_with_catalogue
from tests.pdf import pdf_text

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def course():
    return CourseBuilder(site_with_catalogue()).build(
        title="Securite en ligne", modules=1, lessons=1, questions=1
    )


@pytest.fixture
def learner():
    return learner_create(email="lea@example.be", display_name="Lea Dupont")


def _shown(text: str) -> list[str]:
    """Each piece of text the PDF draws, in order."""
    return [
        re.sub(r"\\(.)", r"\1", piece)
        for piece in re.findall(r"\(((?:\\.|[^\\)])*)\) Tj", text)
    ]


def _certificate(learner, course, *, completed_on=datetime(2027, 6, 1, 10, 0)):
    enrolment = course_finish(learner, course)
    enrolment.completed_at = completed_on.replace(tzinfo=BRUSSELS)
    enrolment.save(update_fields=["completed_at"])
    return services.certificate_for(enrolment=enrolment)


def _pdf(certificate) -> bytes:
    return certificate_pdf(
        certificate=certificate,
        issuer=services.issuer_default(),
        verification_url=links.certificate_url(certificate),
    )


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
    shown = _shown(pdf_text(response.content))
    assert "Lea Dupont" in shown
    assert "Securite en ligne" in shown
    assert check_url in shown  # whole, on one line
    # Asked again, the same certificate (and URL) comes back.
    client.get(pdf_url)
    assert CourseCertificate.objects.count() == 1


def test_the_certificate_shows_learner_course_hours_competences_number_and_date(
    course, settings
):
    settings.SITE_BASE_URL = "https://competences.example.be"
    course.title = "Sécurité en ligne"
    course.estimated_duration = 90
    course.competences = [competence("4.1")]
    course.save()
    learner = learner_create(email="lea@example.be", display_name="Léa Dupont-Lambert")
    certificate = _certificate(learner, course)

    pdf = _pdf(certificate)

    shown = _shown(pdf_text(pdf))
    assert "Léa Dupont-Lambert" in shown  # the full name, on its own line
    assert "Compétences numériques Wallonie" in shown  # the operator
    assert "Sécurité en ligne" in shown
    assert any("1 h 30" in piece for piece in shown)  # 90 minutes
    assert any("Débutant" in piece for piece in shown)  # the course's level
    assert any("4.1" in piece for piece in shown)
    assert any("Protéger les appareils" in piece for piece in shown)
    assert certificate.number in shown
    assert "1er juin 2027" in shown  # the date alone, on one line
    assert links.certificate_url(certificate) in shown
    assert b"/Lang (fr)" in pdf


def test_the_certificate_speaks_the_learner_language(course):
    learner = learner_create(
        email="jan@example.be", display_name="Jan Peeters", language="nl"
    )

    shown = _shown(pdf_text(_pdf(_certificate(learner, course))))

    assert "CERTIFICAAT VAN VOLTOOIING" in shown
    assert "1 juni 2027" in shown


def test_the_certificate_number_is_the_start_of_the_check_url_id(course, learner):
    certificate = _certificate(learner, course)

    assert re.fullmatch(r"[0-9A-F]{8}-[0-9A-F]{4}", certificate.number)
    assert links.certificate_url(certificate).upper().count(certificate.number) == 1


def test_the_operator_logo_heads_the_certificate_else_its_initials(course, learner):
    certificate = _certificate(learner, course)

    without_logo = _pdf(certificate)
    issuer = services.issuer_default()
    issuer.image = badge_image()
    issuer.save()
    with_logo = _pdf(certificate)

    assert b"/Subtype /Image" not in without_logo
    assert "CNW" in _shown(pdf_text(without_logo))  # Compétences numériques Wallonie
    assert b"/Subtype /Image" in with_logo
    assert "CNW" not in _shown(pdf_text(with_logo))


def test_without_a_duration_the_certificate_leaves_the_hours_out(course, learner):
    learner.language = "en"
    learner.save()
    course.estimated_duration = 0
    course.save()

    shown = _shown(pdf_text(_pdf(_certificate(learner, course))))

    assert not any("Duration" in piece for piece in shown)
    assert "Level: Beginner" in shown


def test_a_course_without_competences_shows_those_of_the_badge_it_earns(
    course, learner
):
    badge = badge_class_create(
        name="Courriels sûrs", rule=AwardRule.COURSE_COMPLETED, rule_course=course
    )
    badge.competences = [competence("4.1")]
    badge.save()

    shown = _shown(pdf_text(_pdf(_certificate(learner, course))))

    assert any("Protéger les appareils" in piece for piece in shown)


def test_many_competences_are_counted_rather_than_crammed(course, learner):
    learner.language = "en"
    learner.save()
    codes = [f"{area}.{n}" for area in range(1, 6) for n in range(1, 5)]
    course.competences = [competence(code) for code in codes]  # 20 of them
    course.save()

    text = " ".join(_shown(pdf_text(_pdf(_certificate(learner, course)))))

    counted = re.search(r"and (\d+) other competences", text)
    assert counted
    assert int(counted.group(1)) >= 20 - 8
    assert "1.1" in text
    assert "5.4" not in text


def test_a_long_check_url_is_cut_onto_two_lines_never_truncated(
    course, learner, settings
):
    settings.SITE_BASE_URL = (
        "https://formations.competences-numeriques.example.be/plateforme/"
        "apprentissage/seconde-version/avec/un/chemin/bien/trop/long"
    )
    certificate = _certificate(learner, course)
    check_url = links.certificate_url(certificate)

    shown = _shown(pdf_text(_pdf(certificate)))

    assert check_url not in shown
    halves = [a + b for a, b in zip(shown, shown[1:], strict=False)]
    assert check_url in halves


def test_the_certificate_embeds_its_fonts_when_the_machine_has_them(course, learner):
    pdf = _pdf(_certificate(learner, course))

    if not common_pdf.fonts().embedded:
        pytest.skip("Debian's fonts-dejavu-core is not installed here")
    assert b"/FontFile2" in pdf
    assert b"/Subtype /Type1" not in pdf  # no font left to the reader's choice


def test_without_dejavu_the_certificate_falls_back_to_built_in_fonts(
    course, learner, monkeypatch, tmp_path
):
    monkeypatch.setattr(common_pdf, "DEJAVU", tmp_path)  # a machine without it
    common_pdf.fonts.cache_clear()
    try:
        pdf = _pdf(_certificate(learner, course))
    finally:
        common_pdf.fonts.cache_clear()

    assert b"/BaseFont /Helvetica" in pdf
    assert b"/FontFile2" not in pdf
    assert "Lea Dupont" in _shown(pdf_text(pdf))


def test_without_dejavu_extra_the_certificate_writes_upright_not_italic(
    course, learner, monkeypatch, tmp_path
):
    if not common_pdf.fonts().embedded:
        pytest.skip("Debian's fonts-dejavu-core is not installed here")
    for face in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSerif", "DejaVuSerif-Bold"):
        (tmp_path / f"{face}.ttf").symlink_to(common_pdf.DEJAVU / f"{face}.ttf")
    monkeypatch.setattr(common_pdf, "DEJAVU", tmp_path)  # core, without -extra
    common_pdf.fonts.cache_clear()
    try:
        assert common_pdf.fonts().serif_italic == "DejaVuSerif"
        pdf = _pdf(_certificate(learner, course))
    finally:
        common_pdf.fonts.cache_clear()

    assert b"DejaVuSerif-Italic" not in pdf
    assert "Lea Dupont" in _shown(pdf_text(pdf))


def test_the_check_page_is_public_and_names_learner_course_and_date(
    client, course, learner
):
    certificate = services.certificate_for(enrolment=course_finish(learner, course))

    page = client.get(f"/badges/certificates/{certificate.uuid}/").content.decode()

    assert "Lea Dupont" in page
    assert "Securite en ligne" in page
    assert certificate.number in page
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
