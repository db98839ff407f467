"""`between screen` (run_screen): one JSON object per input line."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from bot.safety.cli import run_screen

ROOT = Path(__file__).resolve().parents[2]


def test_one_json_object_per_input_line(config):
    stdin = io.StringIO("he won't wake up\nthis workout is killing me\n\nI'm not suicidal but...\r\nkms")
    stdout = io.StringIO()
    hits = run_screen(config, stdin, stdout)
    lines = stdout.getvalue().splitlines()
    keys = ("category", "rule", "negated", "tier")
    assert [tuple(json.loads(line)[k] for k in keys) for line in lines] == [
        ("overdose_medical", "will_not_wake", False, "full"),
        (None, None, False, None),
        (None, None, False, None),
        ("suicide_selfharm", "suicide_word", True, "ask"),
        ("suicide_selfharm", "kill_self", False, "full"),
    ]
    for line in lines:
        assert json.loads(line)["layer"] in (None, "rules", "model", "both")
    assert hits == 3


def test_show_text_repeats_the_input(config):
    stdout = io.StringIO()
    run_screen(config, io.StringIO("my lips are blue 💙\n"), stdout, show_text=True)
    result = json.loads(stdout.getvalue())
    assert result["text"] == "my lips are blue 💙" and result["category"] == "overdose_medical"


def test_the_module_runs_as_a_command(tmp_path):
    # a four-rule rules file: the shipped one takes seconds to check
    from .test_rules_loading import GOOD

    rules = tmp_path / "rules.yaml"
    rules.write_text(GOOD, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bot.safety.cli", "--rules", str(rules)],
                          input="she overdosed\nhello\n", capture_output=True, text=True, cwd=ROOT,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["category"] for line in done.stdout.splitlines()] == ["overdose_medical", None]


def test_the_command_reports_a_broken_rules_file(tmp_path):
    broken = tmp_path / "rules.yaml"
    broken.write_text("categories: [\n")
    done = subprocess.run([sys.executable, "-m", "bot.safety.cli", "--rules", str(broken)], input="x\n",
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1 and "BS001" in done.stderr and done.stdout == ""


def test_a_message_only_the_model_catches_says_so(config):
    """Wording no rule knows, caught by the learned layer: tier "ask", layer "model"."""
    stdout = io.StringIO()
    run_screen(config, io.StringIO("i'm on my own and just did a big shot, my legs are gone\n"), stdout)
    result = json.loads(stdout.getvalue())
    assert result["layer"] == "model" and result["tier"] == "ask"
    assert result["category"] == "overdose_medical"


def test_staff_see_a_mark_of_everyday_talk_quiet_only_everyday_lines(config):
    """What `between screen` prints for lines beside a mark of everyday talk (`frames:
    everyday:`): nothing for the everyday one, the full reply for a crisis beside the same
    kind of mark."""
    stdin = io.StringIO(
        "my mate got stabbed at a festival last summer, he's totally fine now and back at work\n"
        "the detox nurse says the tremor is normal and the taper is going to plan\n"
        "the detox nurse says i'm doing well, i've saved my librium for sunday\n"
        "tonight as a volunteer i nearly hung myself in the store room\n"
    )
    stdout = io.StringIO()
    hits = run_screen(config, stdin, stdout)
    tiers = [json.loads(line)["tier"] for line in stdout.getvalue().splitlines()]
    assert tiers == [None, None, "full", "full"]
    assert hits == 2
