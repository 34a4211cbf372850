"""The public safety quiz: a plain HTML form (works without JavaScript), CSRF-protected,
rate-limited per client (HTTP 429), answers checked on the server only."""

from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .services import quiz as quiz_service
from .services import ratelimit


def _render(page, request, template, context, status=200):
    response = page.render(request, template=template, context_overrides=context)
    response.status_code = status
    patch_cache_control(response, private=True, no_store=True)
    return response


def _items(questions, chosen=None, errors=None):
    """What the form template needs: each question with its options and the visitor's
    previous choices. Correct answers are not part of it."""
    chosen, errors = chosen or {}, errors or {}
    return [
        {
            "question": q,
            "multiple": q.kind == "multiple",
            "options": [
                (letter, text, letter in chosen.get(q.pk, ())) for letter, text in q.options()
            ],
            "error": errors.get(q.pk),
        }
        for q in questions
    ]


def quiz(request, page):
    questions = quiz_service.questions_for(page)
    if not page.quiz_enabled or not questions:
        raise Http404(_("This campaign has no quiz open."))
    context = {"items": _items(questions), "token": quiz_service.make_token(page)}
    if request.method != "POST":
        return _render(page, request, "campaigns/quiz.html", context)

    if not ratelimit.hit(request, f"quiz:{page.pk}"):
        return _render(
            page,
            request,
            "campaigns/quiz_limited.html",
            {"minutes": max(1, ratelimit.QUIZ_WINDOW // 60)},
            status=429,
        )
    chosen, _errors = quiz_service.read_answers(questions, request.POST)
    context["items"] = _items(questions, chosen)
    if not quiz_service.token_valid(page, request.POST.get("token", "")):
        context["form_error"] = _(
            "This quiz form has expired. Your choices are kept: please submit again."
        )
        return _render(page, request, "campaigns/quiz.html", context, status=400)
    outcome = quiz_service.score(page, questions, request.POST)
    if outcome.errors:
        context["items"] = _items(questions, chosen, outcome.errors)
        context["form_error"] = _("Please answer every question; the ones missing are marked.")
        return _render(page, request, "campaigns/quiz.html", context)
    return _render(page, request, "campaigns/quiz_result.html", {"outcome": outcome})
