"""The safety quiz (安全知识竞答): questions on the campaign page, anonymous results."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from .choices import OPTION_LETTERS, QuestionKind
from .pages import CampaignPage


class QuizQuestion(Orderable):
    """A quiz question with up to four options (A–D). For true/false questions the options
    are fixed (A 正确, B 错误) and the option fields stay empty. The correct answer and the
    explanation are shown to the public only after they submit."""

    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="quiz_questions")
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=QuestionKind.choices,
        default=QuestionKind.SINGLE,
        help_text=_("Single choice, multiple choice or true/false."),
    )
    text = models.CharField(_("question"), max_length=300, help_text=_("The question itself."))
    option_a = models.CharField(
        _("option A"),
        max_length=150,
        blank=True,
        help_text=_("First answer choice; leave empty for true/false questions."),
    )
    option_b = models.CharField(
        _("option B"),
        max_length=150,
        blank=True,
        help_text=_("Second answer choice; leave empty for true/false questions."),
    )
    option_c = models.CharField(
        _("option C"), max_length=150, blank=True, help_text=_("Option C (optional).")
    )
    option_d = models.CharField(
        _("option D"), max_length=150, blank=True, help_text=_("Option D (optional).")
    )
    correct = models.CharField(
        _("correct answer"),
        max_length=4,
        help_text=_(
            "Letters of the correct options, e.g. B; for multiple choice e.g. ACD; "
            "for true/false A (正确) or B (错误)."
        ),
    )
    explanation = models.TextField(
        _("explanation"), help_text=_("Why the answer is right; shown after submission.")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("correct")]),
        FieldPanel("text"),
        MultiFieldPanel(
            [
                FieldPanel("option_a"),
                FieldPanel("option_b"),
                FieldPanel("option_c"),
                FieldPanel("option_d"),
            ],
            heading=_("Options"),
        ),
        FieldPanel("explanation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")

    def __str__(self):
        return self.text

    def options(self):
        """(letter, text) pairs shown to the public."""
        if self.kind == QuestionKind.TRUE_FALSE:
            return [("A", _("True")), ("B", _("False"))]
        texts = [self.option_a, self.option_b, self.option_c, self.option_d]
        return [(letter, text) for letter, text in zip(OPTION_LETTERS, texts, strict=True) if text]

    def correct_letters(self) -> frozenset[str]:
        return frozenset(self.correct.upper())

    def clean(self):
        super().clean()
        self.correct = "".join(
            sorted(set((self.correct or "").upper().replace(",", "").replace(" ", "")))
        )
        available = {letter for letter, _text in self.options()}
        if self.kind != QuestionKind.TRUE_FALSE and len(available) < 2:
            raise ValidationError({"option_b": _("Give at least two options.")})
        letters = set(self.correct)
        if not letters or not letters <= available:
            raise ValidationError(
                {
                    "correct": _("Use only letters of options that exist, e.g. %(letters)s.")
                    % {"letters": "".join(sorted(available))}
                }
            )
        if self.kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and len(letters) != 1:
            raise ValidationError({"correct": _("This kind of question has exactly one answer.")})
        if self.kind == QuestionKind.MULTIPLE and len(letters) < 2:
            raise ValidationError(
                {"correct": _("A multiple-choice question needs at least two correct options.")}
            )


class QuizSubmission(models.Model):
    """One anonymous set of answers. Nothing identifies the person: no account, no IP
    address, no browser details, only the day, the score and which questions were right."""

    page = models.ForeignKey(
        CampaignPage,
        on_delete=models.CASCADE,
        related_name="quiz_submissions",
        help_text=_("The campaign whose quiz was answered."),
    )
    submitted_on = models.DateField(
        _("submitted on"), help_text=_("Day of submission (no time of day is kept).")
    )
    correct_count = models.PositiveSmallIntegerField(
        _("correct answers"), help_text=_("Number of questions answered correctly.")
    )
    question_count = models.PositiveSmallIntegerField(
        _("questions"), help_text=_("Number of questions in the quiz at the time.")
    )

    class Meta:
        verbose_name = _("quiz submission")
        verbose_name_plural = _("quiz submissions")
        permissions = [("view_campaign_statistics", _("Can view campaign statistics"))]

    def __str__(self):
        return f"{self.submitted_on} {self.correct_count}/{self.question_count}"

    @property
    def score(self) -> int:
        """Score out of 100."""
        return round(100 * self.correct_count / self.question_count) if self.question_count else 0


class QuizAnswer(models.Model):
    """Whether one question of one submission was answered correctly."""

    submission = models.ForeignKey(
        QuizSubmission,
        on_delete=models.CASCADE,
        related_name="answers",
        help_text=_("The submission this answer belongs to."),
    )
    question = models.ForeignKey(
        QuizQuestion,
        on_delete=models.CASCADE,
        related_name="answers",
        help_text=_("The question answered."),
    )
    is_correct = models.BooleanField(
        _("correct"), help_text=_("Whether the chosen options match the question's answer key.")
    )

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")

    def __str__(self):
        return f"{self.question_id}: {self.is_correct}"
