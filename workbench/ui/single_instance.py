"""One app per user and data folder: a second start hands its arguments to the first and exits.

The first ``workbench`` listens on a local socket (``QLocalServer``: a Unix socket, a named pipe
on Windows) whose name is made from the user and the data folder. A second start with the same
folder connects, sends its command line as one JSON line, waits for ``ok``, and exits 0; the first
brings its window to the front and acts on the arguments. A socket left behind by a crash answers
no connection: the next start removes it (``QLocalServer.removeServer``) and listens anew.
Another data folder (``WORKBENCH_HOME``, the data-directory setting) is another instance.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_MS = 1_000
REPLY_MS = 5_000
ACK = b"ok\n"


def instance_name(data_dir: Path) -> str:
    """The local socket's name for this user and data folder (short: Unix socket paths are)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        user = ""
    digest = hashlib.sha256(f"{user}\0{data_dir.resolve()}".encode()).hexdigest()[:16]
    return f"ShopWorkbench-{digest}"


class SingleInstance(QObject):
    """The first start's listener, or the second start's messenger (see :meth:`claim`)."""

    argumentsReceived = Signal(list)  # a later start's command line (without the program)

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.server: QLocalServer | None = None

    def claim(self, arguments: list[str]) -> bool:
        """True: this is the first instance (now listening). False: the running one took
        ``arguments`` and came to the front; this process should exit."""
        for _attempt in range(3):
            if self._hand_over(arguments):
                return False
            # Nobody answered: no instance, or a stale socket from a crash. Replace it.
            QLocalServer.removeServer(self.name)
            server = QLocalServer(self)
            server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            if server.listen(self.name):
                server.newConnection.connect(self._accept)
                self.server = server
                log.info("single instance: listening on %s", server.fullServerName())
                return True
            # Another start won the race between our connect and listen: hand over to it.
            log.info("single instance: could not listen (%s); trying again", server.errorString())
        log.warning("single instance: neither listening nor handing over worked; running alone")
        return True

    def _hand_over(self, arguments: list[str]) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_MS):
            return False
        socket.write(json.dumps({"arguments": arguments}).encode() + b"\n")
        socket.flush()
        answered = b""
        while ACK not in answered and socket.waitForReadyRead(REPLY_MS):
            answered += bytes(socket.readAll().data())
        socket.disconnectFromServer()
        if ACK not in answered:
            log.warning("single instance: the running app did not answer")
            return False
        return True

    def _accept(self) -> None:
        assert self.server is not None
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        try:
            arguments = [str(a) for a in json.loads(line)["arguments"]]
        except (ValueError, KeyError, TypeError):
            log.warning("single instance: ignored a malformed message")
            socket.disconnectFromServer()
            return
        socket.write(ACK)
        socket.flush()
        log.info("single instance: a second start handed over %s", arguments)
        self.argumentsReceived.emit(arguments)

    def close(self) -> None:
        if self.server is not None:
            self.server.close()  # removes the socket file
            self.server = None
