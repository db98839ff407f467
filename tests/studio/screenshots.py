"""The screenshots in docs/studio.md, taken again: `python -m tests.studio.screenshots`.

A copy of the shipped flows and transcripts, a store seeded through `between chat`, the
studio on it, and Debian's chromium taking the pictures.
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from .conftest import CHROMIUM, ROOT, make_copy, start_studio, stop
from .test_page import FINISHER, LEAVER

DOCS = ROOT / "docs"
TRANSCRIPTS = tuple(p.name for p in sorted((ROOT / "tests" / "transcripts").glob("*.chat")))


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        copy = make_copy(Path(folder), TRANSCRIPTS)
        for n, lines in enumerate([FINISHER, FINISHER, LEAVER, LEAVER[:0], FINISHER[:3]]):
            copy.between("chat", "--flow", "talk", "--user", f"u{n}",
                         stdin="\n".join(lines) + "\n")
        running = start_studio(copy)
        try:
            for _ in range(120):  # the transcripts' coverage is worked out in the background
                with urllib.request.urlopen(running.url + "api/state") as answer:
                    if json.load(answer)["coverage_ready"]:
                        break
                time.sleep(1)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                page = browser.new_page(viewport={"width": 1500, "height": 950})
                page.goto(running.url)
                page.wait_for_selector("#diagram .node .counts")
                page.check("#chat-training")
                page.click("#chat-start")
                page.wait_for_selector("#chat-log .msg.bot")
                for text in FINISHER[:2]:
                    before = page.locator("#chat-log .msg").count()
                    page.fill("#chat-text", text)
                    page.press("#chat-text", "Enter")
                    page.locator("#chat-log .msg").nth(before + 1).wait_for()
                page.wait_for_timeout(500)
                page.screenshot(path=str(DOCS / "studio.png"))
                page.fill('.panel[data-panel="reflect"] input', "I feel I can't stop")
                page.click('.panel[data-panel="reflect"] button')
                page.locator('.panel[data-panel="reflect"] pre:not(:empty)').wait_for()
                page.locator("#side").screenshot(path=str(DOCS / "studio-try.png"))
                talk = copy.root / "dialogs" / "talk.yaml"
                text = talk.read_text(encoding="utf-8")
                talk.write_text(text.replace("    ask: text\n", "    ask: txt\n", 1),
                                encoding="utf-8")
                page.wait_for_selector("#broken:not([hidden])")
                page.click("#problems li")
                page.wait_for_selector("#source li.highlight")
                page.wait_for_timeout(300)
                page.screenshot(path=str(DOCS / "studio-problem.png"))
                browser.close()
        finally:
            stop(running)
    print("wrote docs/studio.png, docs/studio-try.png, docs/studio-problem.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
