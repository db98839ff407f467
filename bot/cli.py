"""`between ...` (also `python -m bot ...`): run, chat, validate, graph, test, screen, reflect,
db, user."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Coroutine
from typing import Any

from bot.engine.problems import ContentError
from bot.logs import configure_logging
from bot.partner import cli as partner_cli
from bot.settings import Settings

# Each command imports what it uses when it runs: `between validate` needs neither the store
# (SQLAlchemy, cryptography) nor asyncio, `between screen` only the crisis screen.

TOKEN_HELP = """No TELEGRAM_BOT_TOKEN is set, so the Telegram bot cannot start.

To get a token: open Telegram, talk to @BotFather, send /newbot and follow the steps.
Then run:  TELEGRAM_BOT_TOKEN=123456:ABC... make run

Meanwhile, here is the terminal chat on the same flows."""


def _flows_path(args: argparse.Namespace, settings: Settings) -> str:
    return args.flows or settings.flows_path


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from bot.engine.checks import fidelity
    from bot.wiring import load_content

    content = load_content(_flows_path(args, settings))
    flowset, problems, errors = content.flowset, content.problems, content.errors
    reports = [fidelity(f) for f in flowset.flows.values()] if flowset else []
    if args.json:
        print(
            json.dumps(
                {
                    "ok": not errors,
                    "version": flowset.version if flowset else None,
                    "problems": [p.to_json() for p in problems],
                    "flows": [r.to_json() for r in reports],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 1 if errors else 0
    for problem in problems:
        print(problem, file=sys.stderr if problem.is_error else sys.stdout)
    for report in reports:
        print(report)
    warnings = len(problems) - len(errors)
    if errors:
        print(
            f"{len(errors)} error(s), {warnings} warning(s): "
            "the bot will not start with these flows.",
            file=sys.stderr,
        )
        return 1
    assert flowset is not None  # no errors: the flows were built
    print(
        f"OK: {len(flowset.flows)} flows, version {flowset.version}"
        + (f", {warnings} warning(s)" if warnings else "")
    )
    return 0


def cmd_graph(args: argparse.Namespace, settings: Settings) -> int:
    from bot.engine import check_registry
    from bot.engine.graph import to_dot, to_mermaid

    flowset, problems = check_registry(_flows_path(args, settings), cached=True)
    if flowset is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    flow = flowset.flows.get(args.flow)
    if flow is None:
        print(f"no flow '{args.flow}'; flows: {', '.join(flowset.flows)}", file=sys.stderr)
        return 2
    print(to_dot(flow) if args.format == "dot" else to_mermaid(flow), end="")
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.console import run_chat
    from bot.wiring import open_companion

    async def main() -> None:
        companion = await open_companion(settings, _flows_path(args, settings))
        try:
            if args.flow and args.flow not in companion.flowset.flows:
                raise SystemExit(
                    f"no flow '{args.flow}'; flows: {', '.join(companion.flowset.flows)}"
                )
            await run_chat(
                companion,
                args.user,
                sys.stdin,
                sys.stdout,
                json_mode=args.json,
                flow=args.flow,
                transcript=args.transcript,
            )
        finally:
            await companion.store.close()

    return _run(main())


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.token:
        print(TOKEN_HELP, file=sys.stderr)
        args.user, args.json, args.flow, args.transcript = "me", False, None, False
        return cmd_chat(args, settings)
    from bot.telegram.main import run_bot

    return run_bot(settings, _flows_path(args, settings))


def cmd_test(args: argparse.Namespace, settings: Settings) -> int:
    from bot.transcripts import run_transcripts

    return _run(
        run_transcripts(
            _flows_path(args, settings), args.paths or ["tests/transcripts"], verbose=args.verbose
        )
    )


def cmd_screen(args: argparse.Namespace, settings: Settings) -> int:
    from bot.safety.cli import run_screen
    from bot.wiring import load_safety

    safety, problems = load_safety(_flows_path(args, settings))
    if any(p.is_error for p in problems):
        raise ContentError([p for p in problems if p.is_error])
    if safety is None:
        print("flows.yaml has no `safety:` section", file=sys.stderr)
        return 2
    run_screen(safety, sys.stdin, sys.stdout)
    return 0


def cmd_reflect(args: argparse.Namespace, settings: Settings) -> int:
    """What the bot would give back for each line of stdin, and the answer's shape."""
    from bot.engine.reflection import reflect, shape, summary, voice

    give_back = {"plain": reflect, "voice": voice, "summary": summary}[args.as_]
    for line in sys.stdin:
        message = line.rstrip("\n")
        if not message.strip():
            continue
        text, kind = give_back(message), shape(message)
        print(
            json.dumps({"text": text, "shape": kind}, ensure_ascii=False)
            if args.json
            else f"{text}  [{kind}]",
            flush=True,
        )
    return 0


def cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    """The release step: migrate, then one line saying where and which schema revision."""
    from persistence import StoreError, upgrade
    from persistence.db import describe, normalise_url

    try:
        where = describe(normalise_url(settings.database_url))
        revision = upgrade(settings.database_url, settings.data_key)
    except StoreError as err:
        print(f"between db upgrade: {err}", file=sys.stderr)
        return 1
    print(f"{where}: schema revision {revision}")
    return 0


def cmd_user(args: argparse.Namespace, settings: Settings) -> int:
    from bot import words
    from bot.engine import check_registry
    from persistence import Store, render_export_text

    key = (
        args.id if ":" in args.id else (f"tg:{args.id}" if args.id.isdigit() else f"cli:{args.id}")
    )

    async def main() -> int:
        store = await Store.open(settings.database_url, data_key=settings.data_key)
        try:
            if args.action == "export":
                data = await store.export_user(key)
                if data is None:
                    print(f"no user {key}", file=sys.stderr)
                    return 1
                if args.text:  # in the words of the registry's flow set
                    flowset, _ = check_registry(_flows_path(args, settings), cached=True)
                    said = words.for_flowset(flowset) if flowset else words.shipped()
                    print(render_export_text(data, said))
                else:
                    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
            else:
                counts = await store.delete_user(key)
                total = sum(counts.values())
                print(
                    f"deleted {total} row(s) for {key}: "
                    + ", ".join(f"{t} {n}" for t, n in counts.items() if n)
                )
            return 0
        finally:
            await store.close()

    return _run(main())


def _run(coro: Coroutine[Any, Any, object]) -> int:
    import asyncio

    result = asyncio.run(coro)
    return result if isinstance(result, int) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="between", description="Between Sessions: practise IHRP skills between sessions."
    )
    parser.add_argument("--flows", help="the registry file (default: FLOWS_PATH or flows.yaml)")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser(
        "run", help="run the Telegram bot (the terminal chat when no token is set)"
    )
    run.set_defaults(func=cmd_run)

    chat = sub.add_parser("chat", help="chat in the terminal on the same flows and store")
    chat.add_argument("--flow", help="start in this flow instead of the registry's start")
    chat.add_argument(
        "--user", default="me", help="whose conversation (kept in DATABASE_URL as cli:NAME)"
    )
    chat.add_argument("--json", action="store_true", help="one JSON object per bot message")
    chat.add_argument(
        "--transcript",
        action="store_true",
        help="print the chat as a golden transcript (to review and save in tests/transcripts/)",
    )
    chat.set_defaults(func=cmd_chat)

    validate = sub.add_parser("validate", help="check every flow and report all problems")
    validate.add_argument("--json", action="store_true")
    validate.set_defaults(func=cmd_validate)

    graph = sub.add_parser("graph", help="draw a flow (Mermaid, or DOT)")
    graph.add_argument("flow")
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    graph.set_defaults(func=cmd_graph)

    test = sub.add_parser("test", help="run golden transcripts and report coverage")
    test.add_argument("paths", nargs="*")
    test.add_argument("-v", "--verbose", action="store_true")
    test.set_defaults(func=cmd_test)

    screen = sub.add_parser("screen", help="safety screen: one JSON verdict per stdin line")
    screen.set_defaults(func=cmd_screen)

    reflect = sub.add_parser("reflect", help="what the bot gives back for each stdin line")
    reflect.add_argument("--json", action="store_true", help='one {"text", "shape"} a line')
    reflect.add_argument(
        "--as",
        dest="as_",
        choices=("plain", "voice", "summary"),
        default="plain",
        help="as a reflection, a part's voice or a summary item",
    )
    reflect.set_defaults(func=cmd_reflect)

    db = sub.add_parser("db", help="database")
    db.add_argument("action", choices=("upgrade",))
    db.set_defaults(func=cmd_db)

    user = sub.add_parser("user", help="a client's data: export or delete")
    user.add_argument("action", choices=("export", "delete"))
    user.add_argument("id", help="Telegram user id, terminal user name, or tg:ID / cli:NAME")
    user.add_argument("--text", action="store_true", help="export as readable text instead of JSON")
    user.set_defaults(func=cmd_user)

    partner_cli.register(sub)  # `between code` (bot/partner)
    from bot.studio.cli import add_commands as add_studio_commands  # studio, stats, schema

    for p in (run, chat, validate, graph, test, screen, db, user, *add_studio_commands(sub)):
        p.add_argument("--flows", default=argparse.SUPPRESS, help="the registry file")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings.from_env()
    # The bot logs its progress; the terminal tools keep the screen for the conversation.
    configure_logging(settings.log_level if args.command in ("run", "db") else logging.WARNING)
    try:
        return args.func(args, settings)
    except ContentError as err:
        print("The flows have problems, so nothing was started:", file=sys.stderr)
        for problem in err.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as err:
        if not _store_error(err):
            raise
        # what is wrong with the database and how to fix it, no traceback
        print(f"The database cannot be used, so nothing was started:\n  {err}", file=sys.stderr)
        return 1


def _store_error(err: Exception) -> bool:
    """Whether ``err`` is the store's StoreError (only a command that imported the store, the
    part of the bot that loads SQLAlchemy, can raise one)."""
    persistence = sys.modules.get("persistence")
    return persistence is not None and isinstance(err, persistence.StoreError)


if __name__ == "__main__":
    sys.exit(main())
