"""The fidelity report counts honestly: typed words reflected, not button echoes or generic lines."""
from __future__ import annotations

from bot.engine import check_registry, fidelity

from .helpers import write_flowset

FLOW = """
start: hello
states:
  hello:
    say:
      - text: "Would you like to look at a time you used?"
        tag: question.open
    ask: choice
    choices:
      - label: "Yes"
        value: a time you used
      - label: "No"
        value: nothing
    save_as: kind
    next: echo
  echo:
    say:
      - text: "You'd like to look at {kind}."
        tag: reflection.simple
      - text: "There's a lot in this, and you're looking at it."
        tag: reflection.complex
    next: what
  what:
    say:
      - text: "What happened?"
        tag: question.open
    ask: text
    save_as: what
    next:
      - if: shape(what) == 'vague'
        to: vague
      - to: heard
  vague:
    say:
      - text: "That's okay."
        tag: affirmation
    next: done
  heard:
    say:
      - text: "{what|reflect:So}."
        tag: reflection.simple
      - text: "It sounds like {what|after:|default:that} mattered."
        tag: reflection.complex
    next: done
  done:
    say:
      - text: "Here it is: {what|summary|default:nothing}"
        tag: summary
    end: true
"""


def test_only_lines_that_give_back_typed_words_count(tmp_path):
    flowset, problems = check_registry(write_flowset(tmp_path, {"look": FLOW}))
    assert flowset is not None, problems
    report = fidelity(flowset.flows["look"])
    assert report.tags["reflection.simple"] == 2 and report.tags["question.open"] == 2
    assert (report.reflections, report.complex) == (3, 2)  # heard's two lines and the summary
    assert (report.echoes, report.generic) == (1, 1)        # "{kind}" echoes a button; one generic
    assert (report.open_questions, report.closed_questions) == (1, 1)  # buttons make it closed
    assert report.ratio == 1.5
    assert "1 button echoes, 1 generic" in str(report)
