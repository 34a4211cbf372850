"""Quiz scoring. Answers arrive as form data ``q<question id>`` = letters; the correct
answers stay on the server until the submission is scored."""

from dataclasses import dataclass, field

from django.core import signing
from django.db import transaction
from django.db.models import Avg, Count, F, FloatField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import QuestionKind, QuizAnswer, QuizQuestion, QuizSubmission

TOKEN_SALT = "campaigns.quiz"
TOKEN_MAX_AGE = 2 * 60 * 60  # a quiz form is valid for two hours


@dataclass
class QuestionResult:
    question: QuizQuestion
    chosen: frozenset
    is_correct: bool


@dataclass
class Outcome:
    results: list = field(default_factory=list)
    errors: dict = field(default_factory=dict)  # question id -> message
    submission: QuizSubmission | None = None

    @property
    def correct_count(self):
        return sum(1 for r in self.results if r.is_correct)

    @property
    def score(self):
        return self.submission.score if self.submission else 0


def questions_for(page):
    return list(QuizQuestion.objects.filter(page=page).order_by("sort_order", "pk"))


def has_questions(page) -> bool:
    return QuizQuestion.objects.filter(page=page).exists()


def make_token(page) -> str:
    return signing.dumps({"p": page.pk}, salt=TOKEN_SALT)


def token_valid(page, token: str) -> bool:
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return False
    return data.get("p") == page.pk


def read_answers(questions, data) -> tuple[dict, dict]:
    """Chosen letters per question id, and a Chinese error per unanswered or invalid one."""
    chosen, errors = {}, {}
    for q in questions:
        valid = {letter for letter, _text in q.options()}
        letters = {v.strip().upper() for v in data.getlist(f"q{q.pk}") if v.strip()}
        if not letters:
            errors[q.pk] = _("Please answer this question.")
        elif not letters <= valid:
            errors[q.pk] = _("Please choose among the options given.")
        elif q.kind != QuestionKind.MULTIPLE and len(letters) > 1:
            errors[q.pk] = _("Choose exactly one answer.")
        chosen[q.pk] = frozenset(letters & valid)
    return chosen, errors


def score(page, questions, data) -> Outcome:
    """Check the answers; when all are valid, store an anonymous submission and return the
    per-question results (the caller shows explanations only then)."""
    chosen, errors = read_answers(questions, data)
    if errors:
        return Outcome(errors=errors)
    results = [
        QuestionResult(q, chosen[q.pk], chosen[q.pk] == q.correct_letters()) for q in questions
    ]
    with transaction.atomic():
        submission = QuizSubmission.objects.create(
            page=page,
            submitted_on=timezone.localdate(),
            correct_count=sum(1 for r in results if r.is_correct),
            question_count=len(results),
        )
        QuizAnswer.objects.bulk_create(
            QuizAnswer(submission=submission, question=r.question, is_correct=r.is_correct)
            for r in results
        )
    return Outcome(results=results, submission=submission)


def participation(page) -> dict:
    """Staff statistics: submissions, average score, and the correct rate per question."""
    subs = QuizSubmission.objects.filter(page=page)
    agg = subs.aggregate(
        n=Count("pk"),
        avg=Avg(Cast(F("correct_count"), FloatField()) * 100.0 / F("question_count")),
    )
    per_question = (
        QuizQuestion.objects.filter(page=page)
        .annotate(
            answered=Count("answers"), right=Count("answers", filter=Q(answers__is_correct=True))
        )
        .order_by("sort_order", "pk")
    )
    rows = [
        {
            "question": q,
            "answered": q.answered,
            "right": q.right,
            "rate": round(100 * q.right / q.answered) if q.answered else None,
        }
        for q in per_question
    ]
    return {"submissions": agg["n"], "average": round(agg["avg"] or 0, 1), "questions": rows}
