"""`between studio`, `between stats` and `between schema`, registered by bot/cli.py."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from bot.settings import Settings

DEFAULT_PORT = 8765


def _registry(args: argparse.Namespace, settings: Settings) -> Path:
    return Path(getattr(args, "flows", None) or settings.flows_path)


def cmd_studio(args: argparse.Namespace, settings: Settings) -> int:
    import asyncio

    from .server import Studio, is_loopback, serve
    from .workspace import Workspace

    loopback = is_loopback(args.host)
    studio = Studio(
        Workspace(_registry(args, settings)),
        Path(args.transcripts),
        settings.database_url,
        settings.data_key,
        open_access=loopback,
    )
    if args.token:
        studio.token = args.token

    def ready(port: int) -> None:
        where = f"http://{args.host if ':' not in args.host else f'[{args.host}]'}:{port}/"
        print(
            f"Between Sessions studio: {where}" + ("" if loopback else f"?token={studio.token}"),
            flush=True,
        )
        print("It reloads the flows when a file is saved. Ctrl-C to stop.", flush=True)

    try:
        asyncio.run(serve(studio, args.host, args.port, ready=ready))
    except KeyboardInterrupt:
        return 0
    return 0


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    import asyncio

    from bot.dropoff import drop_off, missing_database
    from bot.engine import check_registry
    from persistence import Store

    flowset, _problems = check_registry(_registry(args, settings))
    missing = missing_database(settings.database_url)
    if missing:  # opening it would create an empty one: nothing counted yet
        print(missing, file=sys.stderr)
        if args.json:
            print(json.dumps({"flows": {}}))
        return 0

    async def main() -> dict[str, Any]:
        store = await Store.open(settings.database_url, data_key=settings.data_key)
        try:
            return await drop_off(store, flowset, weeks=args.weeks)
        finally:
            await store.close()

    figures = asyncio.run(main())
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return 0
    for flow, data in figures["flows"].items():
        total = data["total"]
        print(
            f"{flow}: started {total['started']}, finished {total['finished']}, "
            f"left before the end {total['left']}"
        )
        for week, figures_week in data["weeks"].items():
            print(
                f"  week of {week}: started {figures_week['started']}, "
                f"finished {figures_week['finished']}"
            )
        worst = sorted(total["states"].items(), key=lambda kv: -kv[1]["left"])[:3]
        for state, counts in worst:
            if counts["left"]:
                print(f"  most left at {state}: {counts['left']} of {counts['entered']}")
    if not figures["flows"]:
        print("no conversations counted yet")
    return 0


def cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    from .schema import dialog_schema, render, write_schema

    registry = _registry(args, settings)
    if not (args.write or args.check):
        print(render(dialog_schema()), end="")
        return 0
    stale = write_schema(registry, check=args.check)
    for path in stale:
        print(
            f"{'out of date' if args.check else 'wrote'}: {path}",
            file=sys.stderr if args.check else sys.stdout,
        )
    if args.check and stale:
        print("run `between schema --write`", file=sys.stderr)
        return 1
    return 0


def add_commands(sub: Any) -> list[argparse.ArgumentParser]:
    """Add the studio's subcommands to `between`'s parser; returns them."""
    studio = sub.add_parser("studio", help="a local web page to see, try and pin the flows")
    studio.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}")
    studio.add_argument(
        "--host",
        default="127.0.0.1",
        help="listen address (not this machine only with the printed token)",
    )
    studio.add_argument("--token", help="the token to require (default: a new random one)")
    studio.add_argument(
        "--transcripts",
        default="tests/transcripts",
        help="where golden transcripts are read and saved",
    )
    studio.set_defaults(func=cmd_studio)

    stats = sub.add_parser("stats", help="where clients drop off: counts per flow, state, week")
    stats.add_argument("--json", action="store_true")
    stats.add_argument("--weeks", type=int, help="only the last N weeks")
    stats.set_defaults(func=cmd_stats)

    schema = sub.add_parser("schema", help="the JSON Schema of dialog files (for editors)")
    schema.add_argument(
        "--write",
        action="store_true",
        help="write it beside the dialog files and point each file at it",
    )
    schema.add_argument("--check", action="store_true", help="exit 1 if it is out of date")
    schema.set_defaults(func=cmd_schema)
    return [studio, stats, schema]
