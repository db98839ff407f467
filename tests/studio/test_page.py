"""`between studio` in headless Chromium: flows, diagrams, chat preview, saving, problems at
their line, drop-off counts (see conftest.py for how the browser is found)."""
from __future__ import annotations

import asyncio
import io
import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.console import run_chat
from bot.wiring import build_companion
from persistence import Store
from tests.content import content_of

from .conftest import Copy, Running, make_copy, start_studio, stop

# A client who goes through Talk it through to its end, and one who stops after one answer.
FINISHER = ["I drink more than I want to after work", "It's tiring, and I feel foggy the next day",
            "A way to unwind", "Yes, that's it", "My partner has started to worry", "That's it",
            "That's enough for now"]
LEAVER = ["I feel stuck at the moment"]
# What the preview types whenever the bot waits for words (ordinary talk, no crisis).
TYPED = ["I drink more than I want to after work", "It's tiring and I feel foggy the next day",
         "It fills the evenings", "My partner has started to worry", "Nothing else for now"]
TIMEOUT = 20_000


async def _seed(copy: Copy) -> None:
    """A finisher and a leaver of Talk it through in the copy's store, by the terminal chat
    that `between chat --flow talk --user NAME` runs (without starting a process each)."""
    store = await Store.open(f"sqlite+aiosqlite:///{copy.db}")  # its key file, as the CLI's
    companion = build_companion(content_of(str(copy.registry)), store)
    try:
        await companion.prepare()
        for user, lines in (("finisher", FINISHER), ("leaver", LEAVER)):
            await run_chat(companion, user, io.StringIO("\n".join(lines) + "\n"), io.StringIO(),
                           flow="talk")
    finally:
        await store.close()


@pytest.fixture(scope="module")
def studio(tmp_path_factory: pytest.TempPathFactory,
           browser: Any) -> Iterator[tuple[Copy, Running]]:
    copy = make_copy(tmp_path_factory.mktemp("studio"))
    with ThreadPoolExecutor(1) as thread:  # (Playwright's own loop runs in this thread)
        thread.submit(asyncio.run, _seed(copy)).result()
    running = start_studio(copy)
    try:
        yield copy, running
    finally:
        stop(running)


@pytest.fixture(scope="module")
def tab(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """One browser tab for the module (a new tab starts a renderer: a third of a second of
    CPU) and the page errors it saw."""
    page = browser.new_page(viewport={"width": 1500, "height": 950})
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.set_default_timeout(TIMEOUT)
    yield page, errors
    page.close()


@pytest.fixture
def page(tab: tuple[Any, list[str]], studio: tuple[Copy, Running]) -> Iterator[Any]:
    """The studio opened afresh (a new page load: nothing kept from the test before)."""
    page, errors = tab
    errors.clear()
    page.goto(studio[1].url)
    page.wait_for_selector("#diagram svg .node")
    yield page
    assert not errors, errors


def test_every_shipped_flow_is_listed_and_drawn(page: Any, studio: tuple[Copy, Running]) -> None:
    registry = yaml.safe_load(studio[0].registry.read_text(encoding="utf-8"))
    listed = page.eval_on_selector_all("#flows li", "items => items.map(i => i.dataset.flow)")
    assert listed == list(registry["flows"])
    for flow_id, entry in registry["flows"].items():
        page.click(f'#flows li[data-flow="{flow_id}"]')
        page.wait_for_selector(f'#diagram svg[data-flow="{flow_id}"]')
        dialog = yaml.safe_load((studio[0].root / entry["file"]).read_text(encoding="utf-8"))
        nodes = page.eval_on_selector_all("#diagram svg .node", "n => n.map(x => x.dataset.state)")
        assert sorted(nodes) == sorted(dialog["states"]), flow_id
        assert page.text_content("#flow-title") == entry["title"]
    page.click('#flows li[data-flow="talk"]')
    page.wait_for_selector('#diagram svg[data-flow="talk"]')
    page.wait_for_function("document.querySelector('#flow-figures').textContent.includes('ratio')")
    figures = page.text_content("#flow-figures")
    assert re.search(r"reflection-to-question ratio \d\.\d\d", figures), figures
    assert "complex share" in figures
    box = page.locator('#diagram .node[data-state="welcome"] rect').first.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 40  # drawn, not only in the DOM
    assert page.get_attribute('#diagram .node[data-state="welcome"] rect', "fill") == "#cfe3fb"


def _chat_to_the_end(page: Any) -> tuple[int, int]:
    """Answer whatever the preview asks until the flow ends: the last button when there are
    buttons ("That's it", "That's enough for now"), else words. Returns (clicks, typed)."""
    clicks = typed = 0
    for _ in range(30):
        if page.locator("#chat-log .msg.end").count():
            return clicks, typed
        buttons = page.locator("#chat-buttons button")
        before = page.locator("#chat-log .msg").count()
        if buttons.count():
            buttons.last.click()
            clicks += 1
        else:
            page.fill("#chat-text", TYPED[typed % len(TYPED)])
            page.press("#chat-text", "Enter")
            typed += 1
        page.locator("#chat-log .msg").nth(before + 1).wait_for()  # my answer, then the bot's
    raise AssertionError("Talk it through did not end within 30 answers")


def test_talk_preview_runs_to_its_end_and_saves_a_passing_transcript(
        page: Any, studio: tuple[Copy, Running]) -> None:
    copy = studio[0]
    page.click('#flows li[data-flow="talk"]')
    page.check("#chat-training")
    page.click("#chat-start")
    page.wait_for_selector("#chat-log .msg.bot")
    assert "What's on your mind" in page.text_content("#chat-log")
    clicks, typed = _chat_to_the_end(page)
    assert clicks >= 2 and typed >= 2
    assert page.locator("#chat-log .msg.note").count() > 0  # training notes were on
    assert "crisis" not in page.eval_on_selector_all(
        "#chat-log .msg", "m => m.map(x => x.className).join(' ')")
    page.fill("#save-name", "talk_from_studio")
    page.click("#save-button")
    page.wait_for_selector("#save-result.ok")
    saved = copy.transcripts / "talk_from_studio.chat"
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("@flow talk\n@training on\n")
    assert "> [" in text and "~ " in text
    replay = copy.between("test", str(saved))
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert "1 passed, 0 failed" in replay.stdout
    page.click("#save-button")  # never over an existing transcript
    page.wait_for_selector("#save-result.fail")
    assert "already exists" in page.text_content("#save-result")


def test_preview_starts_at_any_state_and_goes_through_timed_steps(page: Any) -> None:
    page.click('#flows li[data-flow="urge"]')
    page.wait_for_selector('#diagram svg[data-flow="urge"]')
    page.click("#chat-start")
    page.wait_for_selector("#chat-log .msg.bot")
    for _ in range(12):  # until a timed step went by (the wait is skipped, and said so)
        if page.locator("#chat-log .msg.wait").count():
            break
        before = page.locator("#chat-log .msg").count()
        buttons = page.locator("#chat-buttons button")
        if buttons.count():
            buttons.first.click()
        else:
            page.fill("#chat-text", "7")
            page.press("#chat-text", "Enter")
        page.locator("#chat-log .msg").nth(before + 1).wait_for()  # my answer, then the bot's
    assert page.locator("#chat-log .msg.wait").count(), "no timed step was reached"
    page.click('#flows li[data-flow="talk"]')
    page.wait_for_selector('#diagram svg[data-flow="talk"]')
    page.select_option("#chat-state", "ask_experience")
    page.click("#chat-start")
    page.wait_for_selector("#chat-log .msg.bot")
    assert "What's that like for you?" in page.text_content("#chat-log")
    assert page.is_disabled("#save-button")  # a transcript starts at the beginning


def test_the_crisis_screen_answers_in_the_preview(page: Any) -> None:
    page.click('#flows li[data-flow="talk"]')
    page.click("#chat-start")
    page.wait_for_selector("#chat-log .msg.bot")
    page.fill("#chat-text", "I took all my pills and I want to die")
    page.press("#chat-text", "Enter")
    page.wait_for_selector("#chat-log .msg.crisis")
    assert "crisis." in page.text_content("#chat-log .msg.crisis .where")


def test_try_it_panels_answer(page: Any) -> None:
    page.fill('.panel[data-panel="reflect"] input', "I feel I can't stop")
    page.click('.panel[data-panel="reflect"] button')
    page.locator('.panel[data-panel="reflect"] pre:not(:empty)').wait_for()
    answer = json.loads(page.text_content('.panel[data-panel="reflect"] pre'))
    assert "you" in answer["text"].lower() and answer["shape"]
    page.fill('.panel[data-panel="screen"] input', "I took all my pills and he won't wake up")
    page.click('.panel[data-panel="screen"] button')
    page.locator('.panel[data-panel="screen"] pre:not(:empty)').wait_for()
    assert json.loads(page.text_content('.panel[data-panel="screen"] pre'))["category"]


def test_drop_off_numbers_match_the_seeded_store(page: Any, studio: tuple[Copy, Running]) -> None:
    copy = studio[0]
    stats = copy.between("stats", "--json")
    assert stats.returncode == 0, stats.stderr
    talk = json.loads(stats.stdout)["flows"]["talk"]
    total = talk["total"]
    assert (total["started"], total["finished"], total["left"]) == (2, 1, 1)
    page.click('#flows li[data-flow="talk"]')
    page.wait_for_selector("#dropoff-table")
    row = page.locator('#dropoff-table tr[data-week="all"] td')
    assert row.all_text_contents()[1:4] == ["2", "1", "1"]
    for week, figures in talk["weeks"].items():
        cells = page.locator(f'#dropoff-table tr[data-week="{week}"] td').all_text_contents()
        assert cells[1:4] == [str(figures["started"]), str(figures["finished"]),
                              str(figures["left"])]
    page.wait_for_selector("#diagram .node .counts")
    week, figures = next(iter(talk["weeks"].items()))
    page.click(f'#dropoff-table tr[data-week="{week}"]')  # one week's figures on the diagram
    page.wait_for_selector(f'#diagram[data-week="{week}"] .node .counts')
    for state, counts in figures["states"].items():
        shown = page.text_content(f'#diagram .node[data-state="{state}"] .counts')
        assert f"in {counts['entered']}" in shown, (state, shown)
    page.click('#dropoff-table tr[data-week="all"]')
    page.wait_for_selector('#diagram[data-week="all"] .node .counts')
    for state, counts in total["states"].items():
        shown = page.text_content(f'#diagram .node[data-state="{state}"] .counts')
        assert f"in {counts['entered']}" in shown, (state, shown)
        if counts["left"]:
            assert f"left here {counts['left']}" in shown


def _first_line(path: Path, pattern: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if re.fullmatch(pattern, line):
            return number
    raise AssertionError(f"no line like {pattern!r} in {path}")


def test_a_broken_edit_shows_its_problem_at_its_line(page: Any,
                                                     studio: tuple[Copy, Running]) -> None:
    talk = studio[0].root / "dialogs" / "talk.yaml"
    good = talk.read_text(encoding="utf-8")
    line = _first_line(talk, r"    ask: text")
    lines = good.splitlines(keepends=True)
    lines[line - 1] = "    ask: txt\n"
    try:
        talk.write_text("".join(lines), encoding="utf-8")
        page.wait_for_selector("#broken:not([hidden])")
        page.click('#flows li[data-flow="talk"]')
        at = f'#source li[data-line="{line}"]'
        problem = page.wait_for_selector(f'{at} .problem[data-code="BS105"]')
        assert "txt" in problem.text_content()
        assert page.locator(at).text_content().startswith("    ask: txt")
        # the last good flows still serve the diagram and the preview
        assert page.locator('#diagram .node[data-state="welcome"]').count() == 1
        page.click("#chat-start")
        page.wait_for_selector("#chat-log .msg.bot")
    finally:
        talk.write_text(good, encoding="utf-8")
    page.wait_for_selector("#broken", state="hidden")
    page.wait_for_selector('#source .problem[data-code="BS105"]', state="detached")
    assert page.locator(f'#source li[data-line="{line}"]').text_content() == "    ask: text"
