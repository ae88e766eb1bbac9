"""A quiz question as an editor meets it in Wagtail."""

from courses.blocks import QuestionBlock


def test_a_new_quiz_question_starts_with_two_empty_answers():
    # Wagtail's default of one answer showed "at least 2" in red at once.
    answers = QuestionBlock().get_default()["answers"]

    assert len(answers) == 2
    assert [answer["text"] for answer in answers] == ["", ""]
    assert not any(answer["correct"] for answer in answers)
