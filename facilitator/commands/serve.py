"""Provides `facilitator serve FILE`: the room's view of a session in a browser, read-only and
live. Each browser gets its own `facilitator FILE --follow`, run by textual-serve in a
subprocess, so this command never imports Textual itself."""

from __future__ import annotations

import asyncio
import errno
import gc
import ipaddress
import shlex
import signal
import socket
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any

import aiohttp_jinja2
import jinja2
import textual_serve
from aiohttp import web
from textual_serve.server import Server
from yarl import URL

from agenda.errors import StorageError
from agenda.files import exists
from agenda.following import Follower, Unreadable
from agenda.visible import visible
from facilitator.commands.common import EXIT_OK, Parser, fail

DEFAULT_PORT = 8000
MAX_VIEWERS = 32
"""Each browser costs a process: beyond this many at once, new ones are turned away."""

PAGE = Path(__file__).parent / "room"
"""The page template: textual-serve's, without its link to a web font service."""
STATIC = Path(textual_serve.__file__).parent / "static"
"""textual-serve's own script, style sheet and fonts, served from here."""
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def run(argv: Sequence[str]) -> int:
    parser = Parser(
        prog="facilitator serve",
        description="Serve a read-only live view of a session to browsers (the room's view).",
    )
    parser.add_argument("file", type=Path, help="the session file to show")
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port to listen on (default: {DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument(
        "--public",
        action="store_true",
        help="allow a --host other machines can reach (anyone who reaches it reads the session)",
    )
    args = parser.parse_args(argv)
    path: Path = args.file
    problem = _unreadable(path)
    if problem:
        return fail(problem)
    if not 0 <= args.port <= 65535:
        return fail(f"--port {args.port}: a port is a number from 1 to 65535 (0 picks one)")
    if not _is_loopback(args.host) and not args.public:
        return fail(
            f"--host {args.host} would let other machines read the session; "
            "add --public to serve it beyond this machine"
        )
    try:
        sock = _listen(args.host, args.port)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return fail(
                f"port {args.port} on {args.host} is in use; choose another with --port N "
                "(--port 0 picks a free one)"
            )
        return fail(f"cannot listen on {args.host} port {args.port}: {error.strerror or error}")
    server = RoomServer(path, sock, public=args.public)
    print(visible(f"Serving a read-only view of {path} at {server.address}"), flush=True)
    if not _is_loopback(args.host):
        print(
            visible(
                f"--public: anyone who can reach this machine on port {server.port} can read "
                "the whole session (incident, timeline, names, analysis, actions) as it is "
                "saved; there is no password."
            ),
            flush=True,
        )
    print("Each browser gets its own view; Ctrl+C stops.", flush=True)
    server.serve()
    return EXIT_OK


def _unreadable(path: Path) -> str:
    """Why the file cannot be shown ("" when it can): refused now, not in each browser."""
    try:
        if not exists(path):
            return f"{path}: no such file; serve shows a session that exists"
    except StorageError as error:
        return error.message
    first = Follower(path).poll()
    return first.message if isinstance(first, Unreadable) else ""


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket, bound here so that a port in use is one line, not a traceback."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a restart reuses the port
        sock.bind(address)
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(False)
    return sock


class RoomServer(Server):
    """textual-serve's server with the room's page: every URL in it names the address the
    browser asked for, requests naming another host are refused (unless public), and so
    are web sockets opened from another site's page."""

    def __init__(self, path: Path, sock: socket.socket, *, public: bool) -> None:
        # Absolute, not resolved: the autosave of a symlinked session sits beside the link.
        command = [sys.executable, "-m", "facilitator", str(path.absolute()), "--follow"]
        host, port = sock.getsockname()[:2]
        super().__init__(
            shlex.join(command),
            host=host,
            port=port,
            title=f"{path.name} — postmortem, read-only",
            statics_path=STATIC,
            templates_path=PAGE,
        )
        self.sock = sock
        self.public = public
        self.viewers = 0

    @property
    def address(self) -> str:
        host = socket.gethostname() if ipaddress.ip_address(self.host).is_unspecified else self.host
        return str(URL.build(scheme="http", host=host, port=self.port, path="/"))

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C (or SIGTERM), then close every view and return."""
        loop = asyncio.new_event_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self.make_app(),
            sock=self.sock,
            handle_signals=False,
            loop=loop,
            print=None,
            access_log=None,
        )

    async def make_app(self) -> web.Application:
        app = web.Application(middlewares=[self.guard])
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(PAGE))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.static("/static", STATIC, name="static"),
            ]
        )
        app.on_cleanup.append(_finish_views)
        return app

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Only this machine's own names reach a loopback server (a web page elsewhere cannot
        rebind its name to it), and only this server's own page opens its web socket."""
        if not self.public and not _is_loopback(request.url.host or ""):
            raise web.HTTPForbidden(text="This view answers on this machine's own address only.")
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None and URL(origin).authority != request.host:
            raise web.HTTPForbidden(text="This view opens from its own page only.")
        return await handler(request)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        context: dict[str, Any] = {
            "title": self.title,
            "font_size": _font_size(request.query.get("fontsize", "")),
            "websocket_url": str(URL.build(scheme="ws", authority=request.host, path="/ws")),
        }
        return aiohttp_jinja2.render_template("index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if self.viewers >= MAX_VIEWERS:
            raise web.HTTPServiceUnavailable(text=f"{MAX_VIEWERS} views are open already.")
        self.viewers += 1
        try:
            return await super().handle_websocket(request)
        finally:
            self.viewers -= 1


async def _finish_views(app: web.Application) -> None:
    """The views' processes are gone by now, but their pipes' transports are only closed when
    collected; collected after the loop has closed, each prints an 'Event loop is closed'
    traceback on the way out. Collect them while the loop still runs."""
    gc.collect()


def _font_size(value: str) -> int:
    """The page's ?fontsize=N (16 by default), kept to sizes a room can read."""
    try:
        return min(max(int(value), 8), 64)
    except ValueError:
        return 16
