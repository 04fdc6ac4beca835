"""Provides a small driver for headless Chromium over the DevTools protocol (a web socket, with
aiohttp): open a page, record every request it makes, and read the rows of its xterm.js
terminals."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp


def find_chromium() -> str | None:
    """Debian's `chromium` (installed by `make browser-test`), wherever it is on the PATH."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


READ_ROWS = """function () {
    return this.map((term) => {
        const buffer = term.buffer.active;
        const rows = [];
        for (let y = 0; y < term.rows; y++) {
            const line = buffer.getLine(buffer.viewportY + y);
            rows.push(line ? line.translateToString(true) : "");
        }
        return rows.join("\\n");
    }).join("\\n");
}"""
"""Run on the array of xterm.js Terminal objects: the text of the rows each one shows."""

TERMINAL_PROTOTYPE = """function () {
    return typeof this.Terminal === "function" ? this.Terminal.prototype : undefined;
}"""
"""Run on each module in textual.js's scope: xterm.js's Terminal class, from the one that has it."""


class Page:
    """One tab of headless Chromium, driven over the DevTools protocol."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.requests: list[str] = []
        """The URL of every request the page made, web sockets too, in order."""
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._session = ""
        self._reader = asyncio.get_running_loop().create_task(self._read())

    async def _read(self) -> None:
        async for message in self.socket:
            data = json.loads(message.data)
            waiting = self._waiting.pop(data.get("id", -1), None)
            if waiting is not None:
                waiting.set_result(data)
            elif data.get("method") == "Network.requestWillBeSent":
                self.requests.append(data["params"]["request"]["url"])
            elif data.get("method") == "Network.webSocketCreated":
                self.requests.append(data["params"]["url"])

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        """One DevTools command; its result, or RuntimeError with the browser's error."""
        ident = next(self._ids)
        answer: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[ident] = answer
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if self._session:
            message["sessionId"] = self._session
        await self.socket.send_str(json.dumps(message))
        data = await asyncio.wait_for(answer, timeout=30)
        if "error" in data:
            raise RuntimeError(f"{method}: {data['error']}")
        result: dict[str, Any] = data["result"]
        return result

    async def open(self, url: str) -> None:
        """Open ``url`` in a new tab, recording its requests from the first one."""
        target = await self.call("Target.createTarget", url="about:blank")
        attached = await self.call(
            "Target.attachToTarget", targetId=target["targetId"], flatten=True
        )
        self._session = attached["sessionId"]
        for domain in ("Network", "Page", "Runtime"):
            await self.call(f"{domain}.enable")
        await self.call("Page.navigate", url=url)

    async def terminal_text(self) -> str:
        """The rows every xterm.js terminal on the page shows ("" before there is one).

        textual.js keeps its terminal in a closure and draws it on a canvas, so neither the
        page's globals nor its DOM hold the text. The DevTools protocol reaches it anyway:
        the scope of the page's resize handler holds the bundled modules, one of them the
        Terminal class; `Runtime.queryObjects` finds its instances, whose buffer holds the
        rows as the terminal shows them."""
        handler = await self.call("Runtime.evaluate", expression="window.onresize")
        if "objectId" not in handler["result"]:
            return ""
        prototype = await self._terminal_prototype(handler["result"]["objectId"])
        if prototype is None:
            return ""
        found = await self.call("Runtime.queryObjects", prototypeObjectId=prototype)
        rows = await self.call(
            "Runtime.callFunctionOn",
            objectId=found["objects"]["objectId"],
            functionDeclaration=READ_ROWS,
            returnByValue=True,
        )
        return str(rows["result"].get("value", ""))

    async def _terminal_prototype(self, function: str) -> str | None:
        inside = await self.call("Runtime.getProperties", objectId=function, ownProperties=True)
        scopes = next(p for p in inside["internalProperties"] if p["name"] == "[[Scopes]]")
        listed = await self.call(
            "Runtime.getProperties", objectId=scopes["value"]["objectId"], ownProperties=True
        )
        for scope in listed["result"]:
            if "objectId" not in scope["value"] or scope["value"].get("description") == "Global":
                continue
            names = await self.call(
                "Runtime.getProperties", objectId=scope["value"]["objectId"], ownProperties=True
            )
            for variable in names["result"]:
                if "objectId" not in variable.get("value", {}):
                    continue
                prototype = await self.call(
                    "Runtime.callFunctionOn",
                    objectId=variable["value"]["objectId"],
                    functionDeclaration=TERMINAL_PROTOTYPE,
                )
                if "objectId" in prototype["result"]:
                    return str(prototype["result"]["objectId"])
        return None


@contextlib.asynccontextmanager
async def launch(executable: str, profile: Path) -> AsyncIterator[Page]:
    """Headless Chromium with a fresh profile and none of its own network chatter; one page."""
    profile.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [
            executable,
            "--headless=new",
            "--no-sandbox",  # tests run as root in containers, where the sandbox cannot start
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-default-apps",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "--window-size=1280,800",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        address = await _devtools_address(profile, process)
        async with (
            aiohttp.ClientSession() as client,
            client.ws_connect(address, max_msg_size=0) as socket,
        ):
            page = Page(socket)
            try:
                yield page
            finally:
                page._reader.cancel()
    finally:
        process.terminate()
        process.wait(timeout=30)


async def _devtools_address(profile: Path, process: subprocess.Popen[bytes]) -> str:
    """Chromium writes the port it chose, and the browser's path, to DevToolsActivePort."""
    written = profile / "DevToolsActivePort"
    for _ in range(600):  # up to a minute on a busy machine
        if process.poll() is not None:
            raise RuntimeError(f"chromium exited with status {process.returncode}")
        if written.exists():
            lines = written.read_text(encoding="utf-8").split()
            if len(lines) >= 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        await asyncio.sleep(0.1)
    raise RuntimeError("chromium did not open its DevTools port within a minute")
