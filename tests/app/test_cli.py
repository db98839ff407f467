"""The `between` commands as staff and clients use them, reading what they print.

Each command runs in this process: ``bot.cli.main(argv)`` with its own environment, working
folder, standard input, output and error, and its log on that standard error, as a process of
its own has them (`between`). One test starts the installed console script itself, the way a
person does: its start-up, its streams and its exit status. The bot's own process (`between
run` with a token) is tested in tests/telegram/test_bot_e2e.py.
"""
from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.drivers.telegram.bot_process import between_command
from bot.cli import main
from bot.logs import LIBRARY_FLOORS
from persistence import Store

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Ran:
    """What a `between` command printed, and its exit status."""

    returncode: int
    stdout: str
    stderr: str


def between(*args: str, stdin: str = "", env: dict | None = None, cwd: Path = ROOT) -> Ran:
    """`between ARGS` with ``stdin`` piped in and ``env`` added to this environment (less its
    bot token): run by ``bot.cli.main``, as the console script runs it. Its exit status is what
    main returns or exits with; its log goes to its standard error, as in a process of its own
    (the logging set-up, environment, folder and streams are this process's again after)."""
    environment = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    environment.update(env or {})
    saved_env, saved_cwd, saved_stdin = dict(os.environ), os.getcwd(), sys.stdin
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    saved_floors = {name: logging.getLogger(name).level for name in LIBRARY_FLOORS}
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.clear()
        os.environ.update(environment)
        os.chdir(cwd)
        root.handlers = []  # as in a new process: the command's log set-up makes its own
        sys.stdin = io.StringIO(stdin)
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit:  # argparse, or a command that exits with a message
                code = exit.code if isinstance(exit.code, int) else 1
                if exit.code is not None and not isinstance(exit.code, int):
                    print(exit.code, file=sys.stderr)
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers, root.level = saved_handlers, saved_level
        for name, level in saved_floors.items():
            logging.getLogger(name).setLevel(level)
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return Ran(code, out.getvalue(), err.getvalue())


@pytest.fixture
def db(tmp_path):
    return {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}"}


def test_validate_passes_on_the_shipped_flows_and_reports_fidelity():
    result = between("validate")
    assert result.returncode == 0, result.stderr
    assert "talk:" in result.stdout and "reflections:questions" in result.stdout
    report = json.loads(between("validate", "--json").stdout)
    assert report["ok"] is True
    assert {f["flow"] for f in report["flows"]} >= {"menu", "talk", "crisis"}


def test_validate_reports_every_problem_with_place_code_and_hint(tmp_path):
    """One run over a copy with two mistakes in talk.yaml, an empty dialogs file and one with
    only comments: each is reported (an empty file as an error naming it and its registry
    line), and the bot will not start."""
    shutil.copytree(ROOT / "dialogs", tmp_path / "dialogs")
    shutil.copy(ROOT / "flows.yaml", tmp_path / "flows.yaml")
    talk = tmp_path / "dialogs" / "talk.yaml"
    text = talk.read_text().replace("next: reflect_concern", "next: reflect_concren", 1)
    text = text.replace("save_as: experience", "save_as: experience\n    nxet: x", 1)
    talk.write_text(text)
    empty = {"urge": "", "sober": "# the urge practice, to come\n\n"}
    for name, content in empty.items():
        (tmp_path / "dialogs" / f"{name}.yaml").write_text(content)
    registry = (tmp_path / "flows.yaml").read_text().splitlines()
    result = between("validate", "--flows", str(tmp_path / "flows.yaml"))
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "dialogs/talk.yaml:" in line]
    assert any("BS201" in line and "did you mean 'reflect_concern'?" in line for line in lines), result.stderr
    assert any("BS101" in line and "nxet" in line for line in lines), result.stderr
    for name in empty:
        line = next(n for n, row in enumerate(registry, 1) if row.strip() == f"file: dialogs/{name}.yaml")
        said = [row for row in result.stderr.splitlines() if f"flows.yaml:{line}:" in row]
        assert said and "BS103" in said[0], result.stderr
        assert f"dialogs/{name}.yaml is empty" in said[0], result.stderr
    assert "the bot will not start" in result.stderr
    assert "OK:" not in result.stdout


def test_graph_draws_mermaid_and_dot():
    mermaid = between("graph", "talk")
    assert mermaid.returncode == 0 and mermaid.stdout.startswith("flowchart TD")
    assert "s_complex -->|\"Not quite\"| s_correct" in mermaid.stdout
    dot = between("graph", "talk", "--format", "dot")
    assert dot.stdout.startswith('digraph "talk"') and '"complex" -> "correct"' in dot.stdout
    assert between("graph", "nope").returncode == 2


def test_chat_in_a_pipe_numbers_buttons_and_accepts_numbers_or_labels(db):
    result = between("chat", "--flow", "talk", "--user", "pipe",
                     stdin="I drink after work\nIt's tiring\n2\nNot quite\n", env=db)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "So you drink after work." in out
    assert "[1] Relief from a feeling  [2] A way to unwind" in out
    assert "give yourself permission to stop for a while" in out
    assert "Thanks for setting me straight" in out


def test_chat_json_mode(db):
    result = between("chat", "--flow", "talk", "--user", "json", "--json", stdin="hi\n", env=db)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["flow"] == "talk" and records[0]["text"].startswith("Thanks for making some time")
    assert records[-1]["state"] == "ask_experience" and records[-1]["buttons"] == []


def test_bad_input_gets_a_kind_answer_and_the_conversation_stays(db):
    lines = ["", "x" * 10_000, "\x00\x07\x1b", "🙂🙂", "אני שותה יותר מדי"]
    result = between("chat", "--flow", "talk", "--user", "bad", stdin="\n".join(lines) + "\n", env=db)
    out = result.stdout
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert out.count("It looks like that message was empty") == 2  # the empty line and the control characters
    assert "That's more than I can take in one message" in out
    assert "So 🙂🙂" not in out and "It can be hard to know where to start" in out  # emoji only: vague
    assert "What's that like for you?" in out
    state = between("chat", "--user", "bad", "--json", stdin="", env=db)
    assert json.loads(state.stdout.splitlines()[-1])["state"] == "ask_meaning"  # the Hebrew answer was taken


def test_chat_resumes_where_it_stopped_and_export_delete_work_on_it(db, tmp_path):
    phrase = "I drink when I'm lonely"
    between("chat", "--flow", "talk", "--user", "ana", stdin=phrase + "\n", env=db)
    # what clients type is not readable in the database file
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("chat.db*") if not p.name.endswith(".key"))
    assert raw and phrase.encode() not in raw and b"when I'm lonely" not in raw
    again = between("chat", "--user", "ana", stdin="", env=db)
    assert again.stdout.strip().splitlines() == ["What's that like for you?"]
    exported = between("user", "export", "ana", env=db)
    assert exported.returncode == 0 and "I drink when I'm lonely" in exported.stdout
    text = between("user", "export", "ana", "--text", env=db)
    assert "Your data in Between Sessions" in text.stdout
    deleted = between("user", "delete", "ana", env=db)
    assert deleted.returncode == 0 and "deleted" in deleted.stdout
    assert between("user", "export", "ana", env=db).returncode == 1


def test_run_without_a_token_explains_and_opens_the_terminal_chat(db):
    """The installed console script in a process of its own: `between run` started as a person
    starts it, with a pipe for its input and output, and its exit status."""
    environment = {k: v for k, v in os.environ.items() if k != "TELEGRAM_BOT_TOKEN"}
    result = subprocess.run(between_command("run"), input="", capture_output=True, text=True,
                            env={**environment, **db}, cwd=ROOT, timeout=120)
    assert "@BotFather" in result.stderr and "/newbot" in result.stderr
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Welcome to Between Sessions" in result.stdout or "What would you like to do" in result.stdout


def test_screen_prints_one_verdict_per_line():
    result = between("screen", stdin="this workout is killing me\nhe isn't breathing\n")
    verdicts = [json.loads(line) for line in result.stdout.splitlines()]
    assert verdicts[0]["category"] is None and verdicts[1]["category"] == "overdose_medical"


def test_transcripts_report_differences_with_the_line(tmp_path):
    broken = tmp_path / "broken.chat"
    broken.write_text("@flow talk\n< Hello there\n")
    result = between("test", str(broken))
    assert result.returncode == 1
    assert "line 2: expected say 'Hello there'" in result.stdout
    assert "but got say \"Thanks for making some time" in result.stdout


# -- `between db upgrade`: the Procfile's release step ------------------------------------------

@pytest.fixture(scope="module")
def pg_database():
    from tests.persistence.conftest import scratch_database

    yield from scratch_database()


def test_db_upgrade_on_sqlite_exits_0_with_one_line_naming_the_revision(tmp_path):
    from persistence.migrate import SCHEMA_REVISION

    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}"}
    for _ in range(2):  # a new database, then one already up to date
        result = between("db", "upgrade", env=env)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        lines = result.stdout.splitlines()
        assert len(lines) == 1, result.stdout
        assert lines[0].endswith(f"schema revision {SCHEMA_REVISION}"), result.stdout
        assert str(tmp_path / "fresh.db") in lines[0]


def test_db_upgrade_on_postgresql_exits_0_with_one_line_naming_the_revision(pg_database):
    from persistence.migrate import SCHEMA_REVISION

    empty = pg_database.empty_url  # a database with no schema yet, as on a first deploy
    for _ in range(2):
        result = between("db", "upgrade", env={"DATABASE_URL": empty})
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stdout.splitlines() == [
            f"PostgreSQL database '{pg_database.name}_empty' at root@127.0.0.1:5432: "
            f"schema revision {SCHEMA_REVISION}"], result.stdout


def test_db_upgrade_on_an_unreachable_server_says_so_without_a_traceback():
    unreachable = {"DATABASE_URL": "postgresql://nobody:secret@127.0.0.1:1/app"}
    result = between("db", "upgrade", env=unreachable)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "secret" not in result.stderr
    assert "cannot upgrade the PostgreSQL database 'app' at nobody@127.0.0.1:1" in result.stderr


# -- start-up checks ------------------------------------------------------------------------------

def test_a_zero_byte_database_beside_its_key_is_refused_with_what_where_and_how_to_fix(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'between.db'}",
           "FLOWS_PATH": str(ROOT / "flows.yaml")}
    asyncio.run(a_database_with_a_client(env["DATABASE_URL"]))  # as a first run leaves it
    assert (tmp_path / "between.db.key").exists()
    (tmp_path / "between.db").write_bytes(b"")  # truncated: a failed copy or restore
    for wal in ("between.db-wal", "between.db-shm"):
        (tmp_path / wal).unlink(missing_ok=True)
    token = {"TELEGRAM_BOT_TOKEN": "7000001:AAH-test-token-0123456789abcdefghijk",
             "TELEGRAM_API_BASE_URL": "http://127.0.0.1:1/bot"}
    chat = between("chat", "--user", "alice", stdin="hello\n", env=env)
    run = between("run", env={**env, **token})
    for result in (chat, run):
        assert result.returncode == 1, (result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        said = result.stderr
        assert f"{tmp_path / 'between.db'} is empty (0 bytes)" in said, said
        assert str(tmp_path / "between.db.key") in said
        assert "restore" in said and "backup" in said
        assert "remove both" in said
    assert (tmp_path / "between.db").stat().st_size == 0, "nothing was written over it"
    assert (tmp_path / "between.db.key").exists()


async def a_database_with_a_client(url: str) -> None:
    store = await Store.open(url)
    try:
        async with store.turn("alice") as turn:
            turn.update_profile(consent=True)
    finally:
        await store.close()


def test_a_new_database_without_a_key_beside_it_starts_as_before(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'between.db'}",
           "FLOWS_PATH": str(ROOT / "flows.yaml")}
    (tmp_path / "between.db").write_bytes(b"")  # e.g. `touch between.db`: no key, nothing lost
    result = between("chat", "--user", "alice", stdin="hello\n", env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "between.db.key").exists()
