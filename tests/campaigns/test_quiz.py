"""The public safety quiz: scoring, no answer leakage, rate limiting, no personal data."""

import pytest
from django.core.cache import cache
from django.test import Client

from campaigns.factories import QuizQuestionFactory
from campaigns.models import QuestionKind, QuizAnswer, QuizSubmission
from campaigns.services import ratelimit

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(campaign):
    q1 = QuizQuestionFactory(page=campaign, explanation="火警电话是119，秘密解析甲。")
    q2 = QuizQuestionFactory(
        page=campaign,
        kind=QuestionKind.MULTIPLE,
        text="家庭应急包应准备哪些物品？",
        option_a="饮用水",
        option_b="手电筒",
        option_c="首饰",
        option_d="常用药品",
        correct="ABD",
        explanation="秘密解析乙。",
    )
    q3 = QuizQuestionFactory(
        page=campaign,
        kind=QuestionKind.TRUE_FALSE,
        text="地震后可以乘电梯。",
        option_a="",
        option_b="",
        option_c="",
        correct="B",
        explanation="秘密解析丙。",
    )
    campaign.quiz_enabled = True
    campaign.save_revision().publish()
    return campaign, [q1, q2, q3]


def _form(client, page):
    response = client.get(page.url + "quiz/")
    assert response.status_code == 200
    return response, response.context["token"]


def test_form_never_contains_answers_or_explanations(client, quiz):
    page, questions = quiz
    response, _token = _form(client, page)
    html = response.content.decode()
    assert "秘密解析" not in html
    assert "correct" not in html.lower().replace("incorrect", "")
    assert 'name="csrfmiddlewaretoken"' in html
    assert f'name="q{questions[1].pk}" value="A"' in html and 'type="checkbox"' in html
    assert (
        response["Cache-Control"].startswith("private") or "no-store" in response["Cache-Control"]
    )


def test_scoring_shows_score_and_explanations(client, quiz):
    page, (q1, q2, q3) = quiz
    _response, token = _form(client, page)
    response = client.post(
        page.url + "quiz/",
        {"token": token, f"q{q1.pk}": "B", f"q{q2.pk}": ["A", "B"], f"q{q3.pk}": "B"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "67" in html  # 2 of 3 correct → 67 / 100
    assert all(f"秘密解析{c}" in html for c in "甲乙丙")
    submission = QuizSubmission.objects.get()
    assert (submission.correct_count, submission.question_count, submission.score) == (2, 3, 67)
    assert dict(QuizAnswer.objects.values_list("question_id", "is_correct")) == {
        q1.pk: True,
        q2.pk: False,
        q3.pk: True,
    }


def test_missing_answers_are_marked_in_chinese_and_nothing_is_stored(client, quiz):
    page, (q1, q2, _q3) = quiz
    _response, token = _form(client, page)
    response = client.post(page.url + "quiz/", {"token": token, f"q{q1.pk}": "B", f"q{q2.pk}": "Z"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "请回答本题" in html and "请在给出的选项中选择" in html
    assert "秘密解析" not in html
    assert 'value="B" checked' in html  # the answer given is kept
    assert not QuizSubmission.objects.exists()


def test_expired_or_forged_token_is_refused(client, quiz):
    page, (q1, q2, q3) = quiz
    response = client.post(
        page.url + "quiz/",
        {"token": "forged", f"q{q1.pk}": "B", f"q{q2.pk}": ["A", "B", "D"], f"q{q3.pk}": "B"},
    )
    assert response.status_code == 400
    assert "已过期" in response.content.decode()
    assert not QuizSubmission.objects.exists()


def test_csrf_is_enforced(quiz):
    page, (q1, _q2, _q3) = quiz
    client = Client(enforce_csrf_checks=True)
    assert client.post(page.url + "quiz/", {f"q{q1.pk}": "B"}).status_code == 403


def test_rate_limit_answers_429_in_chinese_and_keeps_no_address(client, quiz, settings):
    page, (q1, q2, q3) = quiz
    _response, token = _form(client, page)
    data = {"token": token, f"q{q1.pk}": "B", f"q{q2.pk}": ["A", "B", "D"], f"q{q3.pk}": "B"}
    for _ in range(ratelimit.QUIZ_LIMIT):
        assert client.post(page.url + "quiz/", data, REMOTE_ADDR="203.0.113.9").status_code == 200
    assert QuizSubmission.objects.count() == ratelimit.QUIZ_LIMIT
    response = client.post(page.url + "quiz/", data, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    # Another address is not affected.
    assert client.post(page.url + "quiz/", data, REMOTE_ADDR="198.51.100.4").status_code == 200
    # The cache holds salted hashes, never the address itself.
    keys = list(cache._cache.keys())
    assert keys and not any("203.0.113.9" in k for k in keys)


def test_no_personal_data_is_stored(client, quiz):
    page, (q1, q2, q3) = quiz
    _response, token = _form(client, page)
    response = client.post(
        page.url + "quiz/",
        {"token": token, f"q{q1.pk}": "B", f"q{q2.pk}": ["A", "B", "D"], f"q{q3.pk}": "B"},
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="UniqueBrowser/1.0",
    )
    assert response.status_code == 200, response.content.decode()[-3000:]
    fields = {f.name for f in QuizSubmission._meta.get_fields()}
    assert fields == {"id", "page", "submitted_on", "correct_count", "question_count", "answers"}
    row = QuizSubmission.objects.values().get()
    assert "203.0.113.77" not in str(row) and "UniqueBrowser" not in str(row)
    assert "sessionid" not in response.cookies  # no session, no cookie to follow anyone


def test_closed_quiz_is_not_found(client, campaign):
    QuizQuestionFactory(page=campaign)
    assert client.get(campaign.url + "quiz/").status_code == 404


def test_question_validation_messages():
    from django.core.exceptions import ValidationError

    from campaigns.models import QuizQuestion

    question = QuizQuestion(
        kind=QuestionKind.MULTIPLE,
        text="x",
        option_a="a",
        option_b="b",
        correct="A",
        explanation="e",
    )
    with pytest.raises(ValidationError) as excinfo:
        question.clean()
    assert "correct" in excinfo.value.message_dict
    question = QuizQuestion(
        kind=QuestionKind.SINGLE, text="x", option_a="a", option_b="b", correct="c", explanation="e"
    )
    with pytest.raises(ValidationError):
        question.clean()
    question.correct = "b"
    question.clean()
    assert question.correct == "B"


def test_answers_are_not_exposed_by_the_api_or_search(client, quiz):
    page, _questions = quiz
    for url in (
        f"/api/v2/pages/{page.pk}/?fields=*",
        "/api/v2/pages/?type=campaigns.CampaignPage&fields=*",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert page.title in response.content.decode()
        assert "秘密解析" not in response.content.decode()
    from campaigns.searchables import CampaignSource

    document = CampaignSource().to_document(page)
    assert "秘密解析" not in document.body and "火警电话" not in document.body
