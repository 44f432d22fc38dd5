"""A minimal HTTP/1.1 keep-alive client for load on loopback.

httpx slows down sharply past a few dozen concurrent connections (its pool is the bottleneck,
not the server), which would measure the client instead of the app.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterable


class Connection:
    """One keep-alive connection that sends a request and reads the whole response."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int, host: str = "127.0.0.1") -> Connection:
        return cls(*await asyncio.open_connection(host, port))

    async def request(self, method: str, path: str, body: object = None) -> tuple[int, bytes]:
        """(status, body) of one request with a JSON body."""
        payload = json.dumps(body).encode() if body is not None else b""
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n"
        )
        self.writer.write(head.encode() + payload)
        status_line = await self.reader.readuntil(b"\r\n")
        length = 0
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        return int(status_line.split()[1]), await self.reader.readexactly(length)

    async def close(self) -> None:
        self.writer.close()
        await self.writer.wait_closed()


async def open_pool(port: int, size: int) -> list[Connection]:
    return list(await asyncio.gather(*(Connection.open(port) for _ in range(size))))


async def close_pool(pool: Iterable[Connection]) -> None:
    await asyncio.gather(*(connection.close() for connection in pool))
