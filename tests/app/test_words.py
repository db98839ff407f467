"""dialogs/words.yaml: the bot's own words outside the flows, checked like every content file."""
from __future__ import annotations

from bot import words
from bot.engine.template import parse_template
from bot.wiring import load_content
from tests.paths import ROOT


def test_the_shipped_words_are_sound_and_validated_with_the_flows():
    assert words.check() == []
    assert not [p for p in load_content(ROOT / "flows.yaml").problems if "words.yaml" in p.path]


def test_a_mistake_in_the_words_is_reported_at_its_line_with_a_hint(tmp_path):
    text = words.WORDS_FILE.read_text(encoding="utf-8")
    text = text.replace('history_mood: "• Mood: average {average}', 'history_mood: "• Mood: average {avg}')
    text = text.replace("chart_plan: ", "chart_plans: ").replace('transcript_bot: "Bot"\n', "")
    file = tmp_path / "words.yaml"
    file.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    problems = {p.code: p for p in words.check(file, "dialogs/words.yaml")}
    mood = next(n for n, row in enumerate(lines, 1) if row.startswith("history_mood:"))
    assert (problems["BS301"].line, problems["BS301"].hint) == (mood, "did you mean 'average'?")
    plans = next(n for n, row in enumerate(lines, 1) if row.startswith("chart_plans:"))
    assert (problems["BS101"].line, problems["BS101"].hint) == (plans, "did you mean 'chart_plan'?")
    assert "transcript_bot" in problems["BS103"].message
    file.write_text(text + 'checkins_next: "at {when}"\n', encoding="utf-8")  # twice
    (twice,) = words.check(file, "dialogs/words.yaml")
    assert (twice.code, twice.path, twice.line) == ("BS002", "dialogs/words.yaml", len(lines) + 1)


def test_a_mistake_in_the_engines_words_is_reported_at_its_line_with_a_hint(tmp_path):
    """The words filters write and typed dates are read with (bot/engine/wording.py)."""
    text = words.WORDS_FILE.read_text(encoding="utf-8")
    text = text.replace("dates_filler: [on, by,", "dates_filler: [true, by,")
    text = text.replace('quote: "“{text}”"', 'quote: "“{txt}”"').replace("dates_days: {day: 1,", "dates_days: {day: one,")
    text = text.replace('list_word: "and"', 'list_wrd: "and"')
    file = tmp_path / "words.yaml"
    file.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    problems = {(p.code, p.message): p for p in words.check(file, "dialogs/words.yaml")}

    def line_of(start: str) -> int:
        return next(n for n, row in enumerate(lines, 1) if row.startswith(start))

    filler = problems["BS102", "'dates_filler' has True, not words"]
    assert filler.line == line_of("dates_filler:") and "in quotes" in (filler.hint or "")
    quote = problems["BS301", "{txt} is not known in 'quote'"]
    assert (quote.line, quote.hint) == (line_of("quote:"), "did you mean 'text'?")
    days = problems["BS102", "'dates_days' must map words to numbers"]
    assert days.line == line_of("dates_days:")
    assert problems["BS101", "unknown key 'list_wrd' in the words"].hint == "did you mean 'list_word'?"
    assert ("BS103", "no words for 'list_word'") in problems


def test_a_mistake_in_the_plans_words_is_reported_at_its_line(tmp_path):
    from bot import plans

    assert plans.check() == []
    text = plans.WORDS_FILE.read_text(encoding="utf-8").replace("{saved})", "{date})", 1)
    text = text.replace("caption: ", "captoin: ")
    file = tmp_path / "plan_document.yaml"
    file.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    problems = {p.code: p for p in plans.check(file, "dialogs/plan_document.yaml")}
    shown = next(n for n, row in enumerate(lines, 1) if row.startswith("shown:"))
    assert (problems["BS301"].line, problems["BS301"].path) == (shown, "dialogs/plan_document.yaml")
    assert problems["BS101"].hint == "did you mean 'caption'?" and "caption" in problems["BS103"].message


def test_day_and_month_names_and_date_formats_are_the_words_files(tmp_path):
    from datetime import UTC, datetime

    from bot.reminders import ReminderSettings, describe

    text = words.WORDS_FILE.read_text(encoding="utf-8")
    text = text.replace("weekdays_short: [Mon, Tue, Wed,", "weekdays_short: [Lun, Mar, Mié,")
    text = text.replace('date_checkin: "{wd} {dd} {mon}, {time}"', 'date_checkin: "{weekday} {day}/{mon} {time}"')
    said, problems = words.parse(text.encode(), "dialogs/words.yaml")
    assert problems == [] and said is not None
    settings = ReminderSettings().changed(on="yes", days=["wed", "mon"], time="7:05")
    at = datetime(2030, 1, 7, 7, 5, tzinfo=UTC)  # a Monday
    shown = describe(settings, "UTC", at, said)
    assert "Lun, Mié at 07:05 (UTC)" in shown and "Next check-in: Monday 7/Jan 07:05." in shown
    assert "Next check-in: Mon 07 Jan, 07:05." in describe(settings, "UTC", at)  # the shipped ones

    broken = text.replace("months: [January,", "months: [").replace("{mon} {time}", "{minute}")
    found, problems = words.parse(broken.encode(), "dialogs/words.yaml")
    assert found is None
    codes = {(p.code, p.message) for p in problems}
    assert ("BS102", "'months' must be 12 names") in codes
    assert ("BS301", "{minute} is not known in 'date_checkin'") in codes


def test_a_flow_set_stored_before_the_engines_words_existed_writes_with_the_shipped_ones():
    """A conversation pinned to a flow set of an older release: its words file lacks the keys
    bot/engine/wording.py reads, and its templates write dates and lists all the same."""
    import yaml

    from bot.engine import Engine, load_flowset, wording
    from bot.engine.load import read_sources

    data = yaml.safe_load(words.WORDS_FILE.read_text(encoding="utf-8"))
    newer = (*wording.FORMATS, *wording.PHRASES, *wording.COUNTS)  # the names were there before
    old = yaml.safe_dump({k: v for k, v in data.items() if k not in newer}, allow_unicode=True)
    assert wording.parse(old.encode(), "words.yaml")[0] is None, "the old file lacks keys"
    sources, _ = read_sources(ROOT / "flows.yaml")
    flowset, problems = load_flowset({**sources, "dialogs/words.yaml": old.encode()})
    assert flowset is not None, problems
    engine = Engine(flowset)
    assert engine.wording is wording.shipped()
    assert parse_template("{x|list}").render({"x": ["a", "b", "c"]}, engine.wording) == "a, b, and c"
    assert words.for_flowset(flowset) is words.shipped()  # the host's words too
