"""A learner finishes a course, finds the badge in the backpack, downloads and
shares it; the backpack and the public badge page pass axe."""

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from badges import baking, services
from badges.models import Assertion, AwardRule
from tests.badges.factories import badge_class_create
from tests.browser.test_learner_journey import answer, sign_in
from tests.factories import CourseBuilder, learner_create


def test_a_finished_course_earns_a_badge_to_download_and_share(
    page: Page, site, assert_accessible, live_server, settings, tmp_path
):
    settings.SITE_BASE_URL = live_server.url
    course = CourseBuilder(site).build(
        title="Mon smartphone", modules=1, lessons=1, questions=1
    )
    badge_class_create(
        name="Smartphone maîtrisé",
        rule=AwardRule.COURSE_COMPLETED,
        rule_course=course,
    )
    learner_create(email="lea@example.be", display_name="Léa")

    sign_in(page, "lea@example.be")
    page.goto(course.url)
    page.get_by_role("button", name="M'inscrire à ce cours").click()
    answer(page, "Question 1 de Leçon 1.1", "La bonne")
    page.get_by_role("button", name="J'ai terminé cette leçon").click()

    page.goto("/badges/backpack/")
    expect(page.get_by_role("heading", name="Smartphone maîtrisé")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mon badge").click()
    baked = tmp_path / "badge.png"
    download.value.save_as(baked)
    assertion = Assertion.objects.get(recipient__email="lea@example.be")
    assert baking.unbaked(baked.read_bytes())["id"].endswith(str(assertion.uuid))

    page.get_by_text("Autres formats, pour un site web ou un portefeuille").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Attestation numérique, format W3C").click()
    credential = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert credential["credentialSubject"]["achievement"]["name"] == (
        "Smartphone maîtrisé"
    )

    page.get_by_role("link", name="Smartphone maîtrisé", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Smartphone maîtrisé")
    expect(page.get_by_role("status")).to_contain_text("valide")
    expect(page.get_by_role("link", name="LinkedIn").first).to_be_visible()
    assert_accessible(page)

    certificate = services.certificate_for(
        enrolment=assertion.recipient.enrolments.get()
    )
    page.goto(f"/badges/certificates/{certificate.uuid}/")
    expect(page.get_by_role("status")).to_contain_text("Vérifié")
    expect(page.get_by_text("Mon smartphone")).to_be_visible()
    assert_accessible(page)
