"""Reflow (WCAG 1.4.10): every page type at 320 px and at 200 % zoom (a 1280 px
window laid out like a 640 px one) scrolls only up and down; at 320 px it passes
axe, and no button or link-button lies under something else. A login card's code
and PIN stay whole, on one line each, and large.

Each test builds one platform's worth of realistic data (long French words and
titles, a course cover, tables of several rows), then walks its role's pages in
the order of the table; adding a page type is one line in a table.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import unquote, urlsplit

import pytest
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image as PillowImage
from playwright.sync_api import Browser, Page, expect
from wagtail.images.models import Image
from wagtail.models import Collection

from badges import services as badges
from courses.models import Competence, CoursePage, LessonPage, ModulePage
from desk import services as desk
from desk.consent import NOTICE_POINT_CODES
from epn import services as epn
from scheduling import services as scheduling
from scheduling.models import Membership
from siteinfo.demo_content import demo_information_pages_load
from tests.badges.factories import badge_class_create, competence, course_finish
from tests.browser.test_assisted_accounts import fr
from tests.browser.test_learner_journey import answer, sign_in
from tests.factories import CourseBuilder, learner_create, lessons_of, question
from tests.scheduling.factories import session_create
from wallcode import services as wallcode
from wallcode.demo_content import demo_partners_load
from wallcode.models import Partner

VIEWPORTS = {
    "320px": {"viewport": {"width": 320, "height": 800}},
    "zoom-200": {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2},
}
LEARNER = "marie-christine.vandenbroucke-delacroix@fournisseur-exemple.be"
STAFF = "agent.administration@wallcode.example"
FACILITATOR = "animatrice.espace-public-numerique@saint-georges-sur-meuse.be"
ASSISTED = "Marie-Josiane Vandenbroucke-Delacroix"
LONG_URL = (
    "https://www.wallonie.be/fr/demarches/"
    "signaler-une-tentative-d-hameconnage-ou-une-arnaque-en-ligne-a-la-police"
)
LONG_WORD = "anticonstitutionnellement-intergouvernementalisation"


@dataclass
class Platform:
    """What the pages of one test show, and where to find them."""

    course: CoursePage
    other_course: CoursePage
    module: ModulePage
    badge_uuid: str
    certificate_uuid: str
    space_slug: str
    partner_slug: str
    wallcode_session_id: int
    session_id: int
    ticket_uuid: str
    report_slug: str
    accompaniment_id: int
    card_link_key: str


# -- Building the data -------------------------------------------------------


def wide_cover() -> Image:
    if Collection.get_first_root_node() is None:  # after a transactional flush
        Collection.add_root(name="Root")
    buffer = io.BytesIO()
    PillowImage.new("RGB", (1600, 600), (0, 88, 122)).save(buffer, "PNG")
    return Image.objects.create(title="Couverture", file=ImageFile(buffer, "c.png"))


def interacting() -> Competence:
    found, _created = Competence.objects.get_or_create(
        code="2.1",
        defaults={
            "area_number": 2,
            **{f"area_{lang}": "Communication" for lang in ("en", "fr", "de", "nl")},
            "title_en": "Interacting through digital technologies",
            "title_fr": "Interagir par l'intermédiaire des technologies numériques",
            "title_de": "Interagieren mithilfe digitaler Technologien",
            "title_nl": "Interactie via digitale technologieën",
        },
    )
    return found


def long_course(catalogue, *, title: str, cover: Image | None) -> CoursePage:
    builder = CourseBuilder(catalogue)
    course = CoursePage(
        title=title,
        summary=f"Reconnaître les arnaques {LONG_WORD} : voyez {LONG_URL}.",
        cover_image=cover,
        estimated_duration=95,
    )
    course = builder._publish(catalogue, course)
    course.competences.set([competence("4.1"), interacting()])
    course.save_revision().publish()
    for number in (1, 2):
        module = builder._publish(
            course,
            ModulePage(title=f"Module {number} : les télécommunications {LONG_WORD}"),
        )
        for lesson in (1, 2):
            body = [
                {"type": "paragraph", "value": f"<p>Lisez {LONG_URL} en entier.</p>"},
                question(f"Que faire d'un SMS {LONG_WORD} de votre banque ?"),
                question("Quelle adresse est la bonne ?", "multiple"),
            ]
            builder._publish(
                module,
                LessonPage(
                    title=f"Leçon {number}.{lesson} : l'hameçonnage {LONG_WORD}",
                    body=body,
                ),
            )
    course.refresh_from_db()
    return course


def platform_build(catalogue) -> Platform:
    """Courses, a learner with a badge and bookings, spaces, Wallcode partners."""
    cover = wide_cover()
    course = long_course(
        catalogue,
        title="Sécuriser son smartphone : mots de passe, sauvegardes et arnaques "
        "téléphoniques pour les grands débutants",
        cover=cover,
    )
    other = long_course(
        catalogue, title="Mes démarches administratives en ligne", cover=cover
    )
    learner = learner_create(
        email=LEARNER, display_name="Marie-Christine Vandenbroucke-Delacroix"
    )
    staff = learner_create(email=STAFF, display_name="Agent")
    staff.is_staff = staff.is_superuser = True
    staff.save()

    badge = badge_class_create(
        name=f"Sécurité numérique : reconnaître l'hameçonnage {LONG_WORD}",
        rule="manual",
    )
    enrolment = course_finish(learner, course)
    assertion = badges.badge_award(
        badge_class=badge,
        recipient=learner,
        evidence_url=LONG_URL,
        evidence_narrative=f"A repéré trois arnaques {LONG_WORD}.",
    ).assertion
    certificate = badges.certificate_for(enrolment=enrolment)

    space = epn.space_create(
        name="Espace public numérique de Saint-Georges-sur-Meuse",
        address="Rue de la Station-de-Chemin-de-Fer 123",
        postal_code="5000",
        commune="Namur",
        latitude=50.4669,
        longitude=4.8675,
        opening_hours="Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00; PH off",
        email="accueil.espace-public-numerique@saint-georges-sur-meuse.be",
        website=LONG_URL,
        description=f"Ordinateurs, imprimante et aide {LONG_WORD}.",
    )
    epn.space_create(
        name="EPN d'Arlon",
        address="Grand-Rue 1",
        postal_code="6700",
        commune="Arlon",
        latitude=49.6833,
        longitude=5.8167,
        opening_hours="Mo-Sa 09:00-12:00",
    )
    facilitator = learner_create(email=FACILITATOR, display_name="Animatrice")
    Membership.objects.create(
        organiser=space.organiser, user=facilitator, role=Membership.Role.MANAGER
    )
    card = desk.assisted_account_create(
        organiser=space.organiser,
        facilitator=facilitator,
        display_name=ASSISTED,
        explained=NOTICE_POINT_CODES,
    )
    starts = timezone.now() + timedelta(days=4)
    session = session_create(
        space.organiser,
        title=f"Démarches en ligne : MyMinfin, Itsme {LONG_WORD}",
        starts_at=starts,
    )
    booking = scheduling.booking_create(session=session, name="Marie", user=learner)
    other_session = session_create(
        space.organiser, title="Premiers pas sur tablette", starts_at=starts
    )
    scheduling.booking_create(session=other_session, name="Marie", user=learner)

    demo_information_pages_load()  # contact, legal, privacy, accessibility
    demo_partners_load()  # a held activity with groups: reports with rows
    partner = wallcode.partner_save(
        partner=Partner(
            name=f"Association des ateliers de programmation créative {LONG_WORD}",
            kind=Partner.Kind.ASSOCIATION,
            commune="Wanze",
            postal_code="4520",
            website=LONG_URL,
            contact_email="inscriptions.ateliers-programmation@wanze-villers.be",
        )
    )
    activity = session_create(
        partner.organiser,
        title=f"Scratch et robotique : programmer {LONG_WORD}",
        capacity=30,
        age_min=8,
        age_max=12,
    )
    return Platform(
        course=course,
        other_course=other,
        module=ModulePage.objects.child_of(course).first(),
        badge_uuid=str(assertion.uuid),
        certificate_uuid=str(certificate.uuid),
        space_slug=space.slug,
        partner_slug=partner.slug,
        wallcode_session_id=activity.id,
        session_id=session.id,
        ticket_uuid=str(booking.uuid),
        report_slug="coderdojo-liege",
        accompaniment_id=card.card.user.accompaniments.get().id,
        card_link_key=card.link_key,
    )


# -- How to get to each page -------------------------------------------------

Visit = Callable[[Page, Platform], None]


def to(path: str) -> Visit:
    """Go to a path; {field} is filled from the platform's data."""

    def visit(page: Page, data: Platform) -> None:
        page.goto(path.format(**vars(data)))

    return visit


def course_page(attribute: str) -> Visit:
    return lambda page, data: page.goto(getattr(data, attribute).url)


def signup_with_errors(page: Page, data: Platform) -> None:
    page.goto("/accounts/signup/")
    page.locator("#id_email").fill("pas-une-adresse")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.locator(".error-summary")).to_be_visible()


def epn_nearest(page: Page, data: Platform) -> None:
    page.goto("/epn/?near=5100")
    expect(page.locator(".card").first).to_contain_text("km")


def group_form_with_errors(page: Page, data: Platform) -> None:
    page.goto(f"/wallcode/sessions/{data.wallcode_session_id}/group/")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


def child_form_with_errors(page: Page, data: Platform) -> None:
    page.goto(f"/wallcode/sessions/{data.wallcode_session_id}/child/")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


def group_registered(page: Page, data: Platform) -> None:
    page.goto(f"/wallcode/sessions/{data.wallcode_session_id}/group/")
    page.locator("#id_leader_name").fill("Mme Marie-Christine Vandenbroucke")
    page.locator("#id_email").fill(LEARNER)
    page.locator("#id_group_name").fill(f"École communale {LONG_WORD}, 5e B")
    page.locator("#id_postal_code").fill("4520")
    page.locator("#id_seats").fill("22")
    page.locator("#id_age_band").select_option("u12")
    page.locator("main button[type=submit]").click()
    expect(page.get_by_role("status")).to_contain_text(LEARNER)  # link sent there


def enrol_from_the_course_page(page: Page, data: Platform) -> None:
    """The enrol button is visible and clickable (nothing covers it)."""
    assert page.url.endswith(data.other_course.url)
    enrol = page.get_by_role("button", name="M'inscrire à ce cours")
    expect(enrol).to_be_visible()
    enrol.click()  # Playwright refuses to click a covered button
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leçon 1.1")


def lesson_answered_wrong_and_right(page: Page, data: Platform) -> None:
    page.goto(lessons_of(data.other_course)[0].url)
    answer(page, "Que faire d'un SMS", "La mauvaise")
    both = page.locator("form.question", has_text="Quelle adresse est la bonne")
    both.get_by_label("La bonne").check()
    both.get_by_label("Aussi bonne").check()
    both.get_by_role("button", name="Vérifier ma réponse").click()
    expect(page.locator(".result-bad")).to_have_count(1)
    expect(page.locator(".result-ok")).to_have_count(1)


def enrolment_detail(page: Page, data: Platform) -> None:
    page.goto("/learn/")
    page.locator(".card h3 a").first.click()
    expect(page.locator("progress")).to_be_visible()


def card_sign_in_with_error(page: Page, data: Platform) -> None:
    page.goto("/learn/card/")
    page.locator("#id_code").fill("XXX-XXX")
    page.locator("#id_pin").fill("0000")
    page.get_by_role("main").get_by_role("button", name=fr("Sign in")).click()
    expect(page.locator(".error-summary")).to_be_visible()


def email_and_password_with_errors(page: Page, data: Platform) -> None:
    page.goto("/learn/profile/email-and-password/")
    page.locator("#id_email").fill("pas-une-adresse")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


def signed_out_by_i_am_done(page: Page, data: Platform) -> None:
    page.get_by_role("button", name=fr("I am done")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("You are signed out"))


def account_form_with_errors(page: Page, data: Platform) -> None:
    page.goto("/desk/new/")
    page.locator("#id_postal_code").fill("50")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


# The code and the PIN keep their size, on one line and whole, at any width.
SECRETS_CUT = """() => [...document.querySelectorAll('.login-card-secret')]
  .flatMap(el => {
    const text = document.createRange();
    text.selectNodeContents(el);
    const box = text.getBoundingClientRect(), own = el.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(el).fontSize);
    const problems = [];
    if (text.getClientRects().length > 1) problems.push('on two lines');
    if (box.right > Math.min(own.right, window.innerWidth) + 1) problems.push('cut');
    if (size < 24) problems.push(`${size} px`);
    return problems.map(p => `${el.textContent.trim()}: ${p}`);
  })"""


def readable_card(page: Page) -> None:
    expect(page.locator(".login-card-secret")).to_have_count(2)
    page.wait_for_load_state()  # the style sheet too
    assert not page.evaluate(SECRETS_CUT), page.evaluate(SECRETS_CUT)


def card_made_with_the_form(page: Page, data: Platform) -> None:
    page.goto("/desk/new/")
    page.locator("#id_display_name").fill("Jean-Sébastien Van den Bossche")
    for box in page.locator("input[name=explained]").all():
        box.check()
    page.locator("main button[type=submit]").click()
    readable_card(page)


def new_card_asked(page: Page, data: Platform) -> None:
    page.goto(f"/desk/people/{data.accompaniment_id}/")
    page.get_by_role("link", name=fr("Give a new card")).click()
    expect(page.get_by_role("button", name=fr("Yes, I am sure"))).to_be_visible()


def new_card_given(page: Page, data: Platform) -> None:
    page.get_by_role("button", name=fr("Yes, I am sure")).click()
    readable_card(page)


ANONYMOUS_PAGES: list[tuple[str, Visit]] = [
    ("home", to("/")),
    ("course", course_page("course")),
    ("module (redirects to its course)", course_page("module")),
    ("login", to("/accounts/login/")),
    ("sign-up with errors", signup_with_errors),
    ("password reset", to("/accounts/password/reset/")),
    ("public badge", to("/badges/{badge_uuid}/")),
    ("certificate verification", to("/badges/certificates/{certificate_uuid}/")),
    ("EPN directory, nearest first", epn_nearest),
    ("EPN space with opening hours", to("/epn/{space_slug}/")),
    ("Wallcode partners", to("/wallcode/")),
    ("Wallcode partner", to("/wallcode/partners/{partner_slug}/")),
    ("group registration with errors", group_form_with_errors),
    ("child registration with errors", child_form_with_errors),
    ("group registered", group_registered),
    ("agenda", to("/agenda/")),
    ("session", to("/agenda/{session_id}/")),
    ("404", to("/cette-page-n-existe-pas/")),
    ("contact, with the report form", to("/contact/")),
    ("legal notice", to("/mentions-legales/")),
    ("privacy notice", to("/vie-privee/")),
    ("accessibility statement", to("/accessibilite/")),
    ("card sign-in", to("/learn/card/")),
    ("card sign-in with its error", card_sign_in_with_error),
    ("card's QR link", to("/learn/card/{card_link_key}/")),
    ("card that no longer works", to("/learn/card/plus-valable-depuis-longtemps/")),
    ("notice of an assisted account", to("/desk/notice/")),
]
LEARNER_PAGES: list[tuple[str, Visit]] = [
    ("home, signed in", to("/")),
    ("course, signed in", course_page("other_course")),
    ("first lesson, enrolled from the course page", enrol_from_the_course_page),
    ("lesson answered wrong and right", lesson_answered_wrong_and_right),
    ("dashboard", to("/learn/")),
    ("enrolment detail", enrolment_detail),
    ("profile", to("/learn/profile/")),
    ("account deletion", to("/learn/profile/delete/")),
    ("backpack with a badge", to("/badges/backpack/")),
    ("my bookings", to("/agenda/mine/")),
    ("ticket", to("/agenda/bookings/{ticket_uuid}/ticket/")),
    ("cancel a booking: the question", to("/agenda/bookings/{ticket_uuid}/cancel/")),
    ("403 (a report that is not hers)", to("/wallcode/reports/programme/")),
]
CARD_HOLDER_PAGES: list[tuple[str, Visit]] = [
    ("learning, with 'I am done'", to("/learn/")),
    ("who helps me", to("/desk/me/")),
    ("stop being accompanied: the question", to("/desk/me/{accompaniment_id}/end/")),
    ("e-mail and password", to("/learn/profile/email-and-password/")),
    ("e-mail and password with errors", email_and_password_with_errors),
    ("signed out by 'I am done'", signed_out_by_i_am_done),
]
FACILITATOR_PAGES: list[tuple[str, Visit]] = [
    ("people I accompany", to("/desk/")),
    ("account form", to("/desk/new/")),
    ("account form with errors", account_form_with_errors),
    ("card, just made", card_made_with_the_form),
    ("person accompanied", to("/desk/people/{accompaniment_id}/")),
    ("a new card: the question", new_card_asked),
    ("card, given anew", new_card_given),
    ("stop the card: the question", to("/desk/people/{accompaniment_id}/card/stop/")),
    ("what was done for whom", to("/desk/journal/")),
]


def positioning_test_started(page: Page, data: Platform) -> None:
    page.goto("/test/")
    page.get_by_role("button", name="Commencer le test").click()


def positioning_question_unanswered(page: Page, data: Platform) -> None:
    page.get_by_role("button", name="Suivant").click()  # the error, where she looks


def positioning_result(page: Page, data: Platform) -> None:
    from tests.browser.test_assessment import answer_shown

    while page.locator("input[name=item]").count():
        answer_shown(page, right=False)  # the shortest way to the result
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre résultat")
    expect(page.locator("svg.profile-chart")).to_be_visible()


POSITIONING_PAGES: list[tuple[str, Visit]] = [
    ("positioning test: what it is", to("/test/")),
    ("positioning test: a question", positioning_test_started),
    (
        "positioning test: a question sent without an answer",
        positioning_question_unanswered,
    ),
    ("positioning test: the result, with its chart", positioning_result),
]
STAFF_PAGES: list[tuple[str, Visit]] = [
    ("partner report", to("/wallcode/partners/{report_slug}/report/")),
    ("programme report", to("/wallcode/reports/programme/")),
]


# -- What is checked on each page --------------------------------------------

# Elements wider than the window, outermost first, leaving out those inside a
# region that scrolls on its own (a labelled .table-scroll) or that is hidden.
STICKING_OUT = """() => {
  const limit = window.innerWidth + 1;
  const right = box => box.right + window.scrollX;
  const scrolls = el => ['auto', 'scroll', 'hidden', 'clip'].includes(
    getComputedStyle(el).overflowX);
  const inScroller = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement)
      if (scrolls(up)) return true;
    return false;
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const wide = new Map();  // element -> right edge of it or of its own text
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width > 1 && right(box) > limit && !inScroller(el))
      wide.set(el, right(box));
  }
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    const el = node.parentElement;
    const clipped = el.getBoundingClientRect().width <= 1;  // .visually-hidden
    if (box.width && right(box) > limit && !clipped && !inScroller(el) &&
        !wide.has(el))
      wide.set(el, right(box));
  }
  const outermost = [...wide.keys()].filter(el => {
    for (let up = el.parentElement; up; up = up.parentElement)
      if (wide.has(up)) return false;
    return true;
  });
  return [...new Set(outermost.map(el => {
    const path = [];
    for (let up = el; up && up !== document.body; up = up.parentElement)
      path.unshift(name(up));
    return path.slice(-4).join(' > ') + ` (right ${Math.round(wide.get(el))} px)`;
  }))].slice(0, 12);
}"""

# Buttons (and links styled as buttons) whose centre is under another element.
COVERED = """() => {
  const hidden = [];
  for (const el of document.querySelectorAll('main button, main .button')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || el.closest('[hidden], details:not([open])'))
      continue;
    el.scrollIntoView({block: 'center'});
    const now = el.getBoundingClientRect();
    const hit = document.elementFromPoint(
      now.x + now.width / 2, now.y + now.height / 2);
    if (hit && hit !== el && !el.contains(hit))
      hidden.push(`${el.textContent.trim().slice(0, 40)} under ${hit.tagName}`);
  }
  window.scrollTo(0, 0);
  return hidden;
}"""


# Checkboxes and radios, and links alone in a table cell (a person's name):
# targets of their own, 24 px at least (WCAG 2.5.8). A short link may be
# narrower ("Léa"), not lower.
SMALL_TARGETS = """() => [
  ...[...document.querySelectorAll('input[type=checkbox], input[type=radio]')]
    .map(box => [box.name, box.getBoundingClientRect(), 24]),
  ...[...document.querySelectorAll('td a, th a')]
    .map(link => [link.textContent.trim(), link.getBoundingClientRect(), 0]),
].filter(([name, r, width]) => r.width > 0 && (r.width < width || r.height < 24))
 .map(([name, r]) => `${name}: ${r.width.toFixed(1)} x ${r.height.toFixed(1)} px`)
"""


def reflow_problems(page: Page) -> list[str]:
    """What is wrong on the page now: sideways scrolling, covered buttons,
    targets smaller than 24 px (WCAG 2.5.8)."""
    problems = []
    scroll_width, width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width > width:
        sticking_out = page.evaluate(STICKING_OUT)
        problems.append(
            f"{scroll_width} px wide in {width} px; sticking out: "
            + "; ".join(sticking_out)
        )
    problems += [f"covered: {what}" for what in page.evaluate(COVERED)]
    problems += [f"small target: {what}" for what in page.evaluate(SMALL_TARGETS)]
    return problems


def media_from_storage(route) -> None:
    """Serve uploaded images (kept in memory in tests) so that they take up room."""
    name = unquote(urlsplit(route.request.url).path).removeprefix("/media/")
    if not default_storage.exists(name):
        route.fulfill(status=404)
        return
    with default_storage.open(name) as file:
        route.fulfill(body=file.read(), content_type="image/png")


@pytest.fixture(params=list(VIEWPORTS))
def narrow_page(request, browser: Browser, browser_context_args, live_server, settings):
    """A page at 320 px, or at 200 % zoom of a 1280 × 800 window."""
    settings.SITE_BASE_URL = live_server.url  # badge images' absolute addresses
    context = browser.new_context(
        **{**browser_context_args, **VIEWPORTS[request.param]}
    )
    context.route("**/media/**", media_from_storage)
    page = context.new_page()
    yield page
    context.close()


def walk(page: Page, data: Platform, pages, assert_accessible) -> None:
    """Visit each page in turn; report every page that does not reflow at once."""
    failures = []
    at_320 = page.viewport_size["width"] == 320
    for name, visit in pages:
        visit(page, data)
        page.wait_for_load_state()  # after a click, the style sheet may be late
        failures += [f"{name} ({page.url}): {p}" for p in reflow_problems(page)]
        if at_320:
            try:
                assert_accessible(page)
            except AssertionError as error:
                failures.append(f"{name}: {error}")
    assert not failures, "\n".join(failures)


def test_public_pages_reflow_without_sideways_scrolling(
    narrow_page: Page, site, assert_accessible
):
    walk(narrow_page, platform_build(site), ANONYMOUS_PAGES, assert_accessible)


def test_a_learners_pages_reflow_without_sideways_scrolling(
    narrow_page: Page, site, assert_accessible
):
    data = platform_build(site)
    sign_in(narrow_page, LEARNER)
    walk(narrow_page, data, LEARNER_PAGES, assert_accessible)


def test_staff_reports_reflow_without_sideways_scrolling(
    narrow_page: Page, site, assert_accessible
):
    data = platform_build(site)
    sign_in(narrow_page, STAFF)
    walk(narrow_page, data, STAFF_PAGES, assert_accessible)


def test_a_card_holders_pages_reflow_without_sideways_scrolling(
    narrow_page: Page, site, assert_accessible
):
    data = platform_build(site)
    narrow_page.goto(f"/learn/card/{data.card_link_key}/")
    narrow_page.get_by_role("button", name=fr("Sign in")).click()
    walk(narrow_page, data, CARD_HOLDER_PAGES, assert_accessible)


def test_the_desks_pages_reflow_without_sideways_scrolling(
    narrow_page: Page, site, assert_accessible
):
    data = platform_build(site)
    sign_in(narrow_page, FACILITATOR)
    walk(narrow_page, data, FACILITATOR_PAGES, assert_accessible)


def test_the_positioning_tests_pages_reflow_without_sideways_scrolling(
    narrow_page: Page, site, assert_accessible, item_bank
):
    walk(narrow_page, platform_build(site), POSITIONING_PAGES, assert_accessible)
