"""Demo and synthetic data: idempotent, realistic reach, quizzes, materials."""

import io

import pytest

from campaigns.models import CampaignActivity, CampaignPage, QuizQuestion
from campaigns.services import stats
from demo import campaigns as demo
from demo.campaigns import synthetic
from demo.campaigns.assets import NO_LINE_START, _lines

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_with_the_same_result(home):
    out = io.StringIO()
    demo.load(out)
    first = (
        CampaignPage.objects.count(),
        CampaignActivity.objects.count(),
        QuizQuestion.objects.count(),
    )
    demo.load(out)
    assert (
        CampaignPage.objects.count(),
        CampaignActivity.objects.count(),
        QuizQuestion.objects.count(),
    ) == first
    for slug in ("2025-512", "2025-safety-month", "2026-512", "2026-safety-month"):
        page = CampaignPage.objects.get(slug=slug)
        assert page.live
        assert stats.reach(page).totals["reached"] > 1_000_000
        channels = {a.channel for a in page.activities.all()}
        assert {"enterprise", "countryside", "community", "school", "family"} <= channels
        assert len(page.materials) >= 2 and page.banner is not None
    quiz = CampaignPage.objects.get(slug="2026-512")
    assert quiz.quiz_enabled and quiz.quiz_questions.count() == 10
    assert {q.kind for q in quiz.quiz_questions.all()} == {"single", "multiple", "truefalse"}
    for question in QuizQuestion.objects.all():
        question.clean()  # every demo question is valid as editors would enter it
    upcoming = CampaignActivity.objects.published().upcoming()
    assert upcoming.count() >= 3  # the iCalendar feed has something to show


def test_synthetic_activities_top_up_idempotently(index):
    out = io.StringIO()
    synthetic.generate({"activities": 120, "seed": 3}, out)
    synthetic.generate({"activities": 120, "seed": 3}, out)
    synthetic_pages = CampaignPage.objects.filter(slug__startswith="syn-")
    assert CampaignActivity.objects.filter(page__in=synthetic_pages).count() == 120
    rows = stats.year_over_year(synthetic_pages)
    assert sum(r.count for r in rows) == 120


def test_poster_lines_never_start_with_closing_punctuation():
    """A 21-character message wrapped at 20 used to leave its 。 alone on the next line."""
    text = "每个岗位都有安全责任清单，人人明责、履责。"
    assert _lines(text, 20) == [text]
    for line in _lines("人人讲安全、个个会应急——压实安全责任，守住安全底线。" * 3, 11):
        assert line[0] not in NO_LINE_START, line
