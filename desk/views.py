"""The EPN desk's pages: each parses input and calls one service or selector."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.idempotency import FormAlreadySent, form_token_refuse
from common.pdf import login_cards_pdf_response
from common.ratelimits import post_limited
from common.views import domain_error_page
from desk import cards, exceptions, selectors, services
from desk.consent import NOTICE_POINTS, NOTICE_VERSION
from desk.exceptions import DeskError
from desk.forms import (
    AccompanyCodeForm,
    AssistedAccountForm,
    BookForm,
    EnrolForm,
    PersonProfileForm,
)
from learners import selectors as learning
from learners.learning_mode import accompanied_start
from learners.login_cards import IssuedCard, code_display
from scheduling import selectors as scheduling

desk_errors = domain_error_page("desk/error.html")
# How long the facilitator may print a card they just gave (its secrets are
# in their session only for that long, never in the database).
CARD_PRINT_SECONDS = 30 * 60
CARDS_KEY = "desk_cards"


def _spaces_or_404(request):
    spaces = selectors.desk_spaces(user=request.user)
    if not spaces:
        raise Http404
    return spaces


def _accompaniment_or_404(request, accompaniment_id: int):
    found = selectors.accompaniment_for_member(
        user=request.user, accompaniment_id=accompaniment_id
    )
    if found is None:  # another space's person: not even their existence
        raise Http404
    return found


@login_required
def home(request):
    """The people the facilitator's spaces accompany, and a way to add one."""
    spaces = _spaces_or_404(request)
    context = {
        "spaces": spaces,
        "accompaniments": selectors.accompaniments_for(user=request.user),
        "manages": selectors.managed_spaces(user=request.user).exists(),
    }
    return render(request, "desk/home.html", context)


@login_required
@desk_errors
def account_create(request):
    spaces = _spaces_or_404(request)
    form = AssistedAccountForm(request.POST or None, spaces=spaces)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = services.assisted_account_create(
                organiser=data.pop("organiser"), facilitator=request.user, **data
            )
        except exceptions.AccountAlreadyMade as made:
            # A double click: the first answer gave the card.
            return redirect("desk:card", accompaniment_id=made.accompaniment.id)
        except FormAlreadySent:
            form_token_refuse(form)
            return render(
                request,
                "desk/account_form.html",
                {"form": form, "notice_version": NOTICE_VERSION},
            )
        accompaniment = selectors.accompaniments_of_person(
            person=issued.card.user
        ).get()
        _card_keep(request, accompaniment.id, issued)
        messages.success(
            request,
            _("The account of %(name)s is made. Print their card now.")
            % {"name": issued.card.user},
        )
        return redirect("desk:card", accompaniment_id=accompaniment.id)
    context = {"form": form, "notice_version": NOTICE_VERSION}
    return render(request, "desk/account_form.html", context)


@login_required
def learner(request, accompaniment_id: int):
    """What a space may see of a person: courses, progress, bookings, the log."""
    accompaniment = _accompaniment_or_404(request, accompaniment_id)
    person = accompaniment.learner
    context = {
        "accompaniment": accompaniment,
        "person": person,
        "enrolments": learning.enrolments_for_dashboard(user=person),
        "bookings": scheduling.my_bookings(user=person)[:20],
        "actions": selectors.actions_for_learner_in_space(accompaniment=accompaniment)[
            :50
        ],
        "card": person.login_cards.filter(revoked_at__isnull=True).first(),
    }
    return render(request, "desk/learner.html", context)


@login_required
def card(request, accompaniment_id: int):
    """The card just given, to show on screen or print; else how to get one."""
    accompaniment = _accompaniment_or_404(request, accompaniment_id)
    secrets = _card_kept(request, accompaniment.id)
    context = {"accompaniment": accompaniment, "person": accompaniment.learner}
    if secrets:
        context |= {
            "code": code_display(secrets["code"]),
            "pin": secrets["pin"],
            "qr_svg": cards.card_qr_svg(secrets["link_key"]),
            "link_url": cards.card_link_url(secrets["link_key"]),
            "sign_in_url": cards.card_sign_in_url(),
        }
    return render(request, "desk/card.html", context)


@login_required
def card_pdf(request, accompaniment_id: int):
    accompaniment = _accompaniment_or_404(request, accompaniment_id)
    secrets = _card_kept(request, accompaniment.id)
    if not secrets:
        return redirect("desk:card", accompaniment_id=accompaniment.id)
    pdf = cards.card_pdf(
        person=accompaniment.learner,
        space=accompaniment.organiser.name,
        code=secrets["code"],
        pin=secrets["pin"],
        link_key=secrets["link_key"],
    )
    return login_cards_pdf_response(pdf, filename="carte.pdf")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@desk_errors
def card_reissue(request, accompaniment_id: int):
    """A new card (the page asks first: the old card stops working)."""
    accompaniment = _accompaniment_or_404(request, accompaniment_id)
    if request.method == "POST":
        issued = services.card_reissue(
            accompaniment=accompaniment, facilitator=request.user
        )
        _card_keep(request, accompaniment.id, issued)
        messages.success(request, _("New card made: the old one no longer works."))
        return redirect("desk:card", accompaniment_id=accompaniment.id)
    return render(request, "desk/confirm.html", _confirm(accompaniment, "reissue"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@desk_errors
def card_stop(request, accompaniment_id: int):
    accompaniment = _accompaniment_or_404(request, accompaniment_id)
    if request.method == "POST":
        services.card_stop(accompaniment=accompaniment, facilitator=request.user)
        _card_forget(request, accompaniment.id)
        messages.success(request, _("The card no longer works."))
        return redirect("desk:learner", accompaniment_id=accompaniment.id)
    return render(request, "desk/confirm.html", _confirm(accompaniment, "stop"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@desk_errors
def end(request, accompaniment_id: int):
    """Stop accompanying a person: the space no longer sees their learning."""
    accompaniment = _accompaniment_or_404(request, accompaniment_id)
    if request.method == "POST":
        services.accompaniment_end(accompaniment=accompaniment, ended_by=request.user)
        _card_forget(request, accompaniment.id)
        messages.success(
            request,
            _("Your space no longer accompanies %(name)s.")
            % {"name": accompaniment.learner},
        )
        return redirect("desk:home")
    return render(request, "desk/confirm.html", _confirm(accompaniment, "end"))


def _confirm(accompaniment, action: str) -> dict:
    return {
        "accompaniment": accompaniment,
        "person": accompaniment.learner,
        "action": action,
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@desk_errors
def enrol(request, accompaniment_id: int):
    """Enrol the person in a course, for them."""
    accompaniment = _accompaniment_or_404(request, accompaniment_id)
    form = EnrolForm(request.POST or None, courses=selectors.courses_to_enrol())
    if request.method == "POST" and form.is_valid():
        services.enrol_on_behalf(
            accompaniment=accompaniment,
            facilitator=request.user,
            course=form.cleaned_data["course"],
        )
        messages.success(request, _("Enrolled."))
        return redirect("desk:learner", accompaniment_id=accompaniment.id)
    return _on_behalf_form(request, accompaniment, form, _("Enrol in a course"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@desk_errors
def book(request, accompaniment_id: int):
    """Book the person a seat in one of the space's workshops, for them."""
    accompaniment = _accompaniment_or_404(request, accompaniment_id)
    sessions = selectors.sessions_to_book(accompaniment=accompaniment)
    form = BookForm(request.POST or None, sessions=sessions)
    if request.method == "POST" and form.is_valid():
        booking = services.book_on_behalf(
            accompaniment=accompaniment,
            facilitator=request.user,
            session=form.cleaned_data["session"],
        )
        messages.success(
            request,
            _("Booked (%(status)s).") % {"status": booking.get_status_display()},
        )
        return redirect("desk:learner", accompaniment_id=accompaniment.id)
    return _on_behalf_form(request, accompaniment, form, _("Book a workshop"))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@desk_errors
def profile(request, accompaniment_id: int):
    """Change the person's profile, for them."""
    accompaniment = _accompaniment_or_404(request, accompaniment_id)
    form = PersonProfileForm(request.POST or None, instance=accompaniment.learner)
    if request.method == "POST" and form.is_valid():
        services.profile_change_on_behalf(
            accompaniment=accompaniment,
            facilitator=request.user,
            **form.cleaned_data,
        )
        messages.success(request, _("The profile is saved."))
        return redirect("desk:learner", accompaniment_id=accompaniment.id)
    return _on_behalf_form(request, accompaniment, form, _("Change the profile"))


def _on_behalf_form(request, accompaniment, form, title: str):
    context = {
        "accompaniment": accompaniment,
        "person": accompaniment.learner,
        "form": form,
        "title": title,
    }
    return render(request, "desk/on_behalf_form.html", context)


@login_required
@require_POST
@desk_errors
def accompany(request, accompaniment_id: int):
    """Open an accompanied session: a code to type on the person's device."""
    accompaniment = _accompaniment_or_404(request, accompaniment_id)
    code = services.accompany_code_create(
        accompaniment=accompaniment, facilitator=request.user
    )
    context = {"accompaniment": accompaniment, "person": accompaniment.learner}
    return render(request, "desk/accompany_code.html", context | {"code": code})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@post_limited(name="accompany_code", key="user")
def accompanied_join(request):
    """The person's side: the facilitator's code, typed on the person's device."""
    form = AccompanyCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            used = services.accompanied_join(
                person=request.user, code=form.cleaned_data["code"]
            )
        except DeskError as error:
            form.add_error("code", str(error.message))
        else:
            accompanied_start(
                request,
                facilitator=used.facilitator,
                space=used.accompaniment.organiser.name,
            )
            messages.success(
                request,
                _("%(name)s is with you: what you do now is marked as accompanied.")
                % {"name": used.facilitator},
            )
            return redirect("learners:dashboard")
    if request.method != "POST":
        return redirect("desk:mine")  # the form is on the person's page
    context = _mine_context(request) | {"code_form": form}
    return render(request, "desk/mine.html", context)


@login_required
def journal(request):
    """The log of what was done for whom, for the managers of the spaces."""
    if not selectors.managed_spaces(user=request.user).exists():
        raise Http404
    actions = selectors.actions_for_manager(user=request.user)[:500]
    return render(request, "desk/journal.html", {"actions": actions})


def notice(request):
    """The one-page notice a facilitator explains (and prints) before an account."""
    context = {"points": NOTICE_POINTS, "version": NOTICE_VERSION}
    return render(request, "desk/notice.html", context)


@login_required
def mine(request):
    """A person's own page: who accompanies them, and what was done for them."""
    return render(request, "desk/mine.html", _mine_context(request))


def _mine_context(request) -> dict:
    return {
        "accompaniments": selectors.accompaniments_of_person(person=request.user),
        "actions": selectors.actions_for_person(person=request.user)[:200],
        "code_form": AccompanyCodeForm(),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mine_end(request, accompaniment_id: int):
    """The person stops being accompanied by a space (the page asks first)."""
    accompaniment = (
        selectors.accompaniments_of_person(person=request.user)
        .filter(id=accompaniment_id)
        .first()
    )
    if accompaniment is None:
        raise Http404
    if request.method == "POST":
        services.accompaniment_end(accompaniment=accompaniment, ended_by=request.user)
        messages.success(
            request,
            _("%(space)s no longer accompanies you.")
            % {"space": accompaniment.organiser},
        )
        return redirect("desk:mine")
    return render(request, "desk/mine_end.html", {"accompaniment": accompaniment})


def _card_keep(request, accompaniment_id: int, issued: IssuedCard) -> None:
    kept = request.session.get(CARDS_KEY, {})
    now = time.time()
    kept = {key: value for key, value in kept.items() if value["until"] > now}
    kept[str(accompaniment_id)] = {
        "code": issued.card.code,
        "pin": issued.pin,
        "link_key": issued.link_key,
        "until": now + CARD_PRINT_SECONDS,
    }
    request.session[CARDS_KEY] = kept


def _card_kept(request, accompaniment_id: int) -> dict | None:
    secrets = request.session.get(CARDS_KEY, {}).get(str(accompaniment_id))
    if secrets is None or secrets["until"] < time.time():
        return None
    return secrets


def _card_forget(request, accompaniment_id: int) -> None:
    kept = request.session.get(CARDS_KEY, {})
    if kept.pop(str(accompaniment_id), None) is not None:
        request.session[CARDS_KEY] = kept
