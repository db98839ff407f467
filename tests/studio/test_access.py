"""Who may use the studio: this machine only, unless the token is given; changes need the
page's token (another web page in the same browser cannot drive it)."""
from __future__ import annotations

import json
import secrets
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPResponse
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.studio.preview import Previews
from bot.studio.server import Studio, make_app
from bot.studio.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def studios() -> dict[bool, Studio]:
    """One studio on this machine only and one that needs the token, on one workspace started
    once (loading the flows and the crisis screen: the access rules do not depend on them);
    each test serves them afresh, each studio with its own token and previews."""
    studio = Studio(Workspace(ROOT / "flows.yaml"), ROOT / "tests" / "transcripts",
                    open_access=True)
    studio.start()
    guarded = replace(studio, open_access=False, token=secrets.token_urlsafe(24),
                      previews=Previews())
    assert guarded.token != studio.token
    return {True: studio, False: guarded}


@pytest.fixture(params=[True, False], ids=["loopback", "token"])
async def served(request: pytest.FixtureRequest,
                 studios: dict[bool, Studio]) -> AsyncIterator[tuple[Studio, str]]:
    studio = studios[request.param]
    sockets = bind_sockets(0, "127.0.0.1")
    server = HTTPServer(make_app(studio))
    server.add_sockets(sockets)
    try:
        yield studio, f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
    finally:
        server.stop()
        await studio.previews.close_all()


async def _fetch(url: str, *, method: str = "GET", body: object = None,
                 headers: dict[str, str] | None = None) -> HTTPResponse:
    return await AsyncHTTPClient().fetch(
        url, method=method, headers=headers or {}, raise_error=False,
        body=None if body is None else json.dumps(body))


async def test_changes_need_the_pages_token(served: tuple[Studio, str]) -> None:
    studio, url = served
    token = {"X-Studio-Token": studio.token}
    cookie = {} if studio.open_access else {"Cookie": f"studio_token={studio.token}"}
    denied = await _fetch(f"{url}/api/chat/start", method="POST", body={"flow": "talk"},
                          headers=cookie)
    assert denied.code == 403
    started = await _fetch(f"{url}/api/chat/start", method="POST", body={"flow": "talk"},
                           headers=token)
    assert started.code == 200
    assert "What's on your mind" in started.body.decode()


async def test_reading_needs_this_machine_or_the_token(served: tuple[Studio, str]) -> None:
    studio, url = served
    page = await _fetch(f"{url}/")
    if studio.open_access:
        assert page.code == 200 and studio.token in page.body.decode()
        rebound = await _fetch(f"{url}/api/state", headers={"Host": "evil.example:80"})
        assert rebound.code == 403  # a name that resolves here is not this machine
    else:
        assert page.code == 403 and studio.token not in page.body.decode()
        given = await _fetch(f"{url}/?token={studio.token}")
        assert given.code == 200
        assert "studio_token" in given.headers.get("Set-Cookie", "")
        state = await _fetch(f"{url}/api/state",
                             headers={"Cookie": f"studio_token={studio.token}"})
        assert state.code == 200 and json.loads(state.body)["flows"]


async def test_files_outside_the_content_are_not_served(served: tuple[Studio, str]) -> None:
    studio, url = served
    headers = {"X-Studio-Token": studio.token}
    for path in ("../pyproject.toml", "/etc/passwd", "bot/cli.py"):
        answer = await _fetch(f"{url}/api/source?path={path}", headers=headers)
        assert answer.code == 404, path
    ok = await _fetch(f"{url}/api/source?path=dialogs/talk.yaml", headers=headers)
    assert ok.code == 200 and json.loads(ok.body)["lines"][0].startswith("# yaml-language")
