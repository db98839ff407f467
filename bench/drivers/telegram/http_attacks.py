"""What an attacker on the internet can do to a webhook, over raw sockets (so that nothing is
buffered on our side): large POSTs with a wrong secret, requests that are never finished; and
the peak memory of the process that suffers them."""
from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

MB = 1024 * 1024


def wrong_secret_post(port: int, size: int, path: str = "/telegram") -> tuple[int | None, int]:
    """POST ``size`` bytes with a wrong secret. The body is sent only if no answer comes within
    a second of the headers. Returns (status or None, body bytes the server took)."""
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"X-Telegram-Bot-Api-Secret-Token: wrong\r\nContent-Length: {size}\r\n\r\n")
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode())
        sock.settimeout(1.0)
        try:
            answer = sock.recv(64)
        except socket.timeout:
            answer = b""
            chunk = b" " * MB
            try:
                sock.settimeout(30)
                while sent < size:
                    sent += sock.send(chunk[: size - sent])
                answer = sock.recv(64)
            except OSError:
                pass
    return (int(answer.split()[1]) if answer.startswith(b"HTTP/") else None), sent


def flood(port: int, count: int, size: int) -> list[tuple[int | None, int]]:
    """``count`` wrong-secret POSTs of ``size`` bytes at once."""
    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(lambda _: wrong_secret_post(port, size), range(count)))


def half_sent(port: int, count: int, wait: float) -> list[float]:
    """``count`` requests whose headers never end; seconds until the server closed each (the
    wait, for those still open after it)."""
    socks = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=wait)
        sock.sendall(b"POST /telegram HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        socks.append(sock)
    start = time.monotonic()

    def closed_after(sock: socket.socket) -> float:
        try:
            while sock.recv(4096):
                pass
        except OSError:  # still open when the wait ran out (or reset)
            pass
        finally:
            sock.close()
        return min(time.monotonic() - start, wait)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(closed_after, socks))


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")
