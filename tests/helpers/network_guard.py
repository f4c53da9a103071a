"""Make every attempt to reach the network fail loudly, and remember it."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", None)} - {None}


class NetworkAttempt(AssertionError):
    """Raised where code tried to open a network connection or resolve a name."""


@contextmanager
def network_blocked(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Patch socket creation (except local AF_UNIX sockets) and name resolution; yield the attempts made."""
    attempts: list[str] = []
    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc, valid-type]
        def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
            if family not in LOCAL_FAMILIES:
                attempts.append(f"socket(family={family})")
                raise NetworkAttempt(f"network socket created (family {family})")
            super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def guard(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name}{args!r}")
            raise NetworkAttempt(f"{name} called with {args!r}")

        return guard

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
                 "getnameinfo", "create_server"):
        monkeypatch.setattr(socket, name, refuse(name))
    yield attempts
