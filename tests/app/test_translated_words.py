"""Every word the engine writes or reads outside the flows comes from the words file: with a
translated dialogs/words.yaml, a client's typed dates are read and dates, lists and quotations
are written in the translation, and no English is left from the code.

The flows stay the shipped English ones; only the words file is translated (here into German),
the way staff would translate it, and the client goes through "Set a goal" on the shipped flows.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from bot import reminders, words
from bot.app import Companion, Reply, ask_of
from bot.engine import FlowSet, Pick, Text, load_registry
from bot.engine.runner import DONE
from persistence import Store, generate_key

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ("Monday", "Tuesday", "Friday", "January", "March", " and ", "“", "”")

GERMAN = {
    "weekdays": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "weekdays_short": ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
    "months": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
               "September", "Oktober", "November", "Dezember"],
    "months_short": ["Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt",
                     "Nov", "Dez"],
    "date_day": "{weekday}, {day}. {month}",
    "date_day_year": "{weekday}, {day}. {month} {year}",
    "list_word": "und",
    "list_two": "{first} {word} {last}",
    "list_more": "{first} {word} {last}",
    "list_separator": "; ",
    "bullet": "– {item}",
    "quote": "«{text}»",  # as in Swiss German
    "dates_today": ["heute", "heute abend"],
    "dates_tomorrow": ["morgen"],
    "dates_in": ["in"],
    "dates_numbers": {"einer": 1, "einem": 1, "zwei": 2, "drei": 3, "ein paar": 3},
    "dates_days": {"tag": 1, "tagen": 1, "woche": 7, "wochen": 7},
    "dates_months": ["monat", "monaten"],
    "dates_next_month": ["nächsten monat"],
    "dates_month_end": ["ende des monats", "monatsende"],
    "dates_next_week": ["nächste woche"],
    "dates_weekend": ["wochenende"],
    "dates_filler": ["am", "bis", "zum", "den", "kommenden", "etwa"],
    "dates_ordinals": ["te"],
}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)  # a Tuesday

    def __call__(self) -> datetime:
        return self.now


def translated_registry(folder: Path) -> Path:
    """The shipped flows.yaml and dialogs/ in ``folder``, with words.yaml's engine words German."""
    shutil.copytree(ROOT / "dialogs", folder / "dialogs")
    shutil.copy(ROOT / "flows.yaml", folder / "flows.yaml")
    file = folder / "dialogs" / "words.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert set(GERMAN) <= set(data), "the test translates keys the words file has"
    data.update(GERMAN)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder / "flows.yaml"


def texts(reply: Reply) -> list[str]:
    return [getattr(o, "text", "") for o in reply.messages]


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> FlowSet:
    """The shipped flows with the German words file, loaded once for the module."""
    return load_registry(translated_registry(tmp_path_factory.mktemp("flows")))


@pytest.fixture
async def companion(tmp_path: Path, translated: FlowSet):
    """A fresh store and Companion each test (a new client) on the translated flows."""
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'w.db'}", data_key=generate_key(),
                             clock=Clock(), sqlite_synchronous="OFF")  # throwaway: no fsync
    companion = Companion(translated, store)
    await companion.prepare()
    yield companion
    await store.close()


async def goal_until_the_day(companion: Companion, user: str) -> Reply:
    """"Set a goal" on the shipped flows up to "When would you like to look at how it went?"."""
    async with companion.store.turn(user) as t:
        t.update_profile(consent=True, timezone="Europe/Berlin")

    async def press(last: Reply, label: str) -> Reply:
        ask = ask_of(last.messages)
        assert ask is not None, texts(last)
        return await companion.handle(user, Pick(next(b.data for b in ask.buttons
                                                      if b.label == label), ask.rev))

    r = await companion.begin(user, "goals")
    r = await press(r, "Set a new goal")
    r = await press(r, "Alcohol")
    r = await press(r, "Less often")
    r = await press(r, "Not mix")
    r = await companion.handle(user, Pick(DONE, ask_of(r.messages).rev))
    assert "So a positive change for you could be to use less often und not mix." in texts(r)
    return await companion.handle(user, Text("two days off"))


@pytest.mark.parametrize("typed, day", [
    ("Freitag", "Freitag, 4. Januar"),
    ("in zwei Wochen", "Dienstag, 15. Januar"),
    ("morgen", "Mittwoch, 2. Januar"),
    ("am 12. März", "Dienstag, 12. März"),
    ("nächste Woche", "Dienstag, 8. Januar"),
    ("Ende des Monats", "Donnerstag, 31. Januar"),
])
async def test_a_typed_day_is_read_and_written_in_the_words_files_language(
    companion: Companion, typed: str, day: str
) -> None:
    await goal_until_the_day(companion, f"cli:{typed}")
    said = texts(await companion.handle(f"cli:{typed}", Text(typed)))
    assert f"So you'll look at how «two days off» went on {day}." in said, said
    assert not [w for w in ENGLISH if w in said[0]], said[0]


async def test_english_day_words_are_no_longer_read(companion: Companion) -> None:
    await goal_until_the_day(companion, "cli:en")
    said = texts(await companion.handle("cli:en", Text("friday")))
    assert not any("went on" in s for s in said), "English is not the words file's language"


def test_the_host_writes_days_with_the_translated_words(tmp_path: Path) -> None:
    file = translated_registry(tmp_path / "flows").parent / "dialogs" / "words.yaml"
    german, problems = words.parse(file.read_bytes(), str(file))
    assert german is not None, problems
    settings = reminders.ReminderSettings(on=True, days=("mon", "fri"), time="19:00")
    upcoming = datetime(2030, 1, 4, 18, 0, tzinfo=UTC)
    said = reminders.describe(settings, "Europe/Berlin", upcoming, german)
    assert "Mo; Fr at 19:00" in said and "Fr 04 Jan, 19:00" in said, said
    assert german.wording.items(["a", "b", "c"], None) == "a; b und c"
    assert german.wording.bullets(["a", "b"]) == "– a\n– b"


def test_the_practice_partner_writes_its_figures_with_its_words() -> None:
    """The feedback's shares and ratios: "50 %" and "1,5" when the partner's words say so."""
    from bot.partner import practice
    from bot.partner.coder import shipped as coder
    from bot.partner.content import load, read_words

    text = (ROOT / "dialogs" / "partner" / "words.yaml").read_text(encoding="utf-8")
    text = text.replace('percent: "{value}%"', 'percent: "{value} %"')
    text = text.replace('decimal_point: "."', 'decimal_point: ","')
    german, problems = read_words(text.encode(), "words.yaml")
    assert german is not None, problems
    shipped, _ = load(ROOT)
    assert shipped is not None
    dan = shipped.personas["dan"]
    state = practice.begin(dan, "reflections")
    for line in ("So you're here because your GP asked.", "Do you drink every day?",
                 "It sounds like it helps you switch off.", "Part of you wonders about it.",
                 "What worries you most?"):
        state = practice.reply(state, dan, line, coder())
    said = practice.feedback(state, dan, german)
    assert "Reflections to questions: 1,5 (3 to 2)" in said, said
    assert "Open questions: 50 % of your questions. Fair 50 %, good 70 %" in said, said
