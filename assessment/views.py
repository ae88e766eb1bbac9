"""The positioning test's pages: plain forms, one question at a time, no
JavaScript needed; the server picks the question and scores the answer."""

from __future__ import annotations

from hashlib import sha256

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from assessment import exceptions, selectors, services
from assessment.engine import next_item, profile
from assessment.models import Attempt
from assessment.questions import bank, questions
from common.links import absolute
from common.ratelimits import post_limited
from desk import selectors as desk_selectors


def intro(request):
    """What the test is, and a button to start (or resume)."""
    context = {
        "unfinished": selectors.attempt_unfinished(request=request),
        "last": selectors.attempt_last_finished(user=request.user),
    }
    return render(request, "assessment/intro.html", context)


@require_POST
@post_limited(name="assessment_start", key="ip")
def start(request):
    attempt = services.attempt_start(user=request.user)
    if attempt.user_id is None:
        # The browser session holds an anonymous test until an account takes it.
        kept = request.session.get(selectors.SESSION_KEY, [])
        request.session[selectors.SESSION_KEY] = [*kept, str(attempt.uuid)][-5:]
    return redirect("assessment:question", attempt_uuid=attempt.uuid)


@require_http_methods(["GET", "HEAD", "POST"])
def question(request, attempt_uuid):
    """The question the engine asks now; its answer, then the next one."""
    attempt = _attempt_or_404(request, attempt_uuid)
    current = bank(request)
    asked = next_item(
        current, current.known(attempt.engine_answers), seed=str(attempt.uuid)
    )
    if asked is None:
        return redirect("assessment:result", attempt_uuid=attempt.uuid)
    error = None
    if request.method == "POST":
        try:
            services.answer_record(
                attempt=attempt,
                item_id=request.POST.get("item", ""),
                chosen=_chosen(request.POST),
                request=request,
            )
        except exceptions.NotTheQuestionAsked as refused:
            messages.info(request, str(refused.message))
            return redirect("assessment:question", attempt_uuid=attempt.uuid)
        except exceptions.AnswerMissing as refused:
            error = refused.message
        else:
            return redirect("assessment:question", attempt_uuid=attempt.uuid)
    shown = questions(request)[asked.id]
    context = {
        "attempt": attempt,
        "question": shown,
        "markers": _markers(shown),
        "steps": _steps_shuffled(shown, attempt),
        "positions": range(1, len(shown.answers) + 1),
        "number": len(attempt.answers) + 1,
        "error": error,
    }
    return render(
        request, "assessment/question.html", context, status=400 if error else 200
    )


MARKER_SIZE = 0.035  # a marker's radius, as a share of the picture's width


def _markers(question) -> dict:
    """A picture question's markers: numbers and centres in the picture's
    pixels, drawn over it in SVG (no inline style: the security policy forbids
    it), as large as the picture is wide so that they stay legible on a phone."""
    picture = question.picture
    if picture is None:
        return {}
    radius = round(picture.width * MARKER_SIZE, 1)
    return {
        "radius": radius,
        "font_size": round(radius * 1.25, 1),
        "baseline": round(radius * 0.42, 1),
        "centres": [
            (
                number,
                round(answer.x * picture.width / 100, 1),
                round(answer.y * picture.height / 100, 1),
            )
            for number, answer in enumerate(question.answers, start=1)
        ],
    }


def _steps_shuffled(question, attempt) -> list:
    """The steps of an "order" question in a mixed order, the same at each view."""
    if question.type != "order":
        return []
    return sorted(
        enumerate(question.answers),
        key=lambda pair: sha256(f"{attempt.uuid}{pair[0]}".encode()).hexdigest(),
    )


def _chosen(post) -> list[int]:
    """The indexes chosen: one or several boxes, or each step's position."""
    if "position" in "".join(post.keys()):
        positions = {}
        for key, value in post.items():
            if key.startswith("position-") and value.isdigit():
                positions[int(value)] = key.removeprefix("position-")
        order = [positions[p] for p in sorted(positions)]
        return [int(i) for i in order if i.isdigit()]
    return [int(v) for v in post.getlist("answer") if v.isdigit() and len(v) < 4]


def result(request, attempt_uuid):
    """The profile in plain words, and what to learn next, online or nearby."""
    attempt = _attempt_or_404(request, attempt_uuid)
    return _result_page(request, attempt, shared=False)


def shared_result(request, share_key: str):
    """A result its owner shared: the levels only, read-only, no recommendations."""
    attempt = Attempt.objects.filter(share_key=share_key[:32]).first()
    if attempt is None or not share_key:
        raise Http404
    return _result_page(request, attempt, shared=True)


@login_required
@require_POST
def share(request, attempt_uuid):
    """Share the result (a link), or stop sharing it."""
    attempt = _attempt_or_404(request, attempt_uuid)
    if request.POST.get("stop"):
        services.result_unshare(attempt=attempt)
        messages.success(request, _("The link no longer works."))
    else:
        services.result_share(attempt=attempt)
    return redirect("assessment:result", attempt_uuid=attempt.uuid)


def _result_page(request, attempt, *, shared: bool):
    current = bank(request)
    # Questions unpublished since the test are passed over, never a crash.
    found = profile(current, current.known(attempt.engine_answers))
    place = request.GET.get("place", "")[:40] or getattr(
        request.user, "postal_code", ""
    )
    top = selectors.top_level(request)
    words = selectors.profile_in_words(
        profile=found,
        competences=current.competences,
        language=get_language()[:2],
        top=top,
    )
    before = selectors.attempt_before(attempt=attempt)
    if before is not None:
        earlier = profile(current, current.known(before.engine_answers))
        levels_before = {area.area: area.level for area in earlier.areas}
        progress = [
            (row, levels_before.get(area.area, 0))
            for row, area in zip(words.areas, found.areas, strict=True)
        ]
    else:
        progress = []
    context = {
        "attempt": attempt,
        "complete": found.complete,
        "areas": words.areas,
        "top": top,
        "chart": _chart(words.areas, top),
        "known": words.known,
        "to_learn": words.to_learn,
        "progress": [] if shared else progress,
        "before": before,
        "shared": shared,
        "share_url": (
            absolute(reverse("assessment:shared", args=[attempt.share_key]))
            if attempt.share_key and not shared
            else ""
        ),
        "recommended": None
        if shared
        else selectors.recommendations(
            codes=selectors.to_learn(found, top=top), place_text=place
        ),
        "place": place,
    }
    return render(request, "assessment/result.html", context)


CHART_TRACK = 340  # width of a full bar in the chart's units (viewBox 400 wide)
CHART_ROW = 58


def _chart(areas, top: int) -> dict:
    """The bars of the result's chart, in the units of its SVG viewBox: an
    area's title, then its bar, as long as its level is high."""
    rows = [
        {
            "title": area.title,
            "level": area.level,
            "label_y": index * CHART_ROW + 18,
            "bar_y": index * CHART_ROW + 26,
            "value_y": index * CHART_ROW + 43,
            "width": round(CHART_TRACK * min(area.level, top) / top, 1),
        }
        for index, area in enumerate(areas)
    ]
    return {"height": len(rows) * CHART_ROW + 4, "rows": rows}


def paper(request):
    """The paper version of the test, to print for a person at the desk."""
    return render(
        request,
        "assessment/paper.html",
        {"questions": selectors.paper_questions(request)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def paper_entry(request, accompaniment_id: int):
    """A facilitator types in the paper test of a person their space accompanies."""
    accompaniment = desk_selectors.accompaniment_for_member(
        user=request.user, accompaniment_id=accompaniment_id
    )
    if accompaniment is None:
        raise Http404
    paper_questions = selectors.paper_questions(request)
    if request.method == "POST":
        results = {
            q.id: request.POST[f"q-{q.id}"] == "right"
            for q in paper_questions
            if request.POST.get(f"q-{q.id}") in ("right", "wrong")
        }
        if results:
            services.paper_test_record(
                accompaniment=accompaniment,
                facilitator=request.user,
                results=results,
            )
            messages.success(
                request,
                _("Typed in. %(name)s sees the result under “Where do I stand?”.")
                % {"name": accompaniment.learner},
            )
            return redirect("desk:learner", accompaniment_id=accompaniment.id)
        messages.error(request, _("Mark at least one answer as right or wrong."))
    context = {
        "accompaniment": accompaniment,
        "person": accompaniment.learner,
        "questions": paper_questions,
    }
    return render(request, "assessment/paper_entry.html", context)


def _attempt_or_404(request, attempt_uuid):
    found = selectors.attempt_for_viewer(request=request, attempt_uuid=attempt_uuid)
    if found is None:  # someone else's test: not even its existence
        raise Http404
    return found
