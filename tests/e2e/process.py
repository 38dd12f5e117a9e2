"""`bot.py` as a real process: migrated by `manage.py`, started, killed and restarted.

With `telegram_url` (a Bot API server: tests/telegram_api.py) it also runs a Telegram bot with
`telegram_token`, which polls that server; without, it speaks OneBot only, as before.
"""

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests import accounts

if TYPE_CHECKING:
    from tests.peer import Peer

ROOT = Path(__file__).parents[2]
ORG_FILE = ROOT / "tests" / "data" / "org.toml"
TOKEN = "e2e-secret-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def new_peer(url: str, token: str = TOKEN) -> "Peer":
    """NapCat for a bot process: the organisation's people are the account's friends, as the
    README advises (the groups' admins are not: they are reached through their groups)."""
    from tests.peer import Peer

    peer = Peer(url, accounts.SELF, token)
    peer.add_friend(*accounts.ORG_PEOPLE)
    return peer


class BotProcess:
    def __init__(
        self,
        data_dir: Path,
        *,
        telegram_url: str | None = None,
        telegram_token: str | None = None,
        **settings: str,
    ) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        inherited = ("QUNGUI_", "ONEBOT_", "TELEGRAM_")
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(inherited)},
            "ENVIRONMENT": "prod",
            "DRIVER": "~fastapi+~websockets",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "ONEBOT_ACCESS_TOKEN": TOKEN,
            "SUPERUSERS": f'["{accounts.SUPERUSER}"]',
            "COMMAND_START": '["/"]',
            "COMMAND_SEP": '[" "]',
            "LOG_LEVEL": "INFO",
            "QUNGUI_DATA_DIR": str(data_dir),
            "QUNGUI_ORG_FILE": str(ORG_FILE),
            "QUNGUI_SEND_PER_SECOND": "200",
            "QUNGUI_MANAGE_PER_SECOND": "200",
            **settings,
        }
        if telegram_url is not None:
            assert telegram_token is not None, "a Telegram bot needs its token"
            self.env["DRIVER"] = "~fastapi+~httpx+~websockets"
            bots = [{"token": telegram_token, "api_server": telegram_url}]
            self.env["TELEGRAM_BOTS"] = json.dumps(bots)
            self._name_in_env_file("TELEGRAM_BOTS")
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = data_dir / "bot.log"

    def _name_in_env_file(self, key: str) -> None:
        """NoneBot reads a setting that is not its own from the environment only when `.env`
        names it too (.env.example carries `TELEGRAM_BOTS=[]` for that)."""
        env_file = self.data_dir / ".env"
        lines = env_file.read_text("utf-8").splitlines() if env_file.exists() else []
        if not any(line.startswith(f"{key}=") for line in lines):
            env_file.write_text("\n".join([*lines, f"{key}=[]"]) + "\n", "utf-8")

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/onebot/v11/ws"

    @property
    def db_file(self) -> Path:
        return self.data_dir / "qungui.sqlite3"

    def manage(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            cwd=self.data_dir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def start(self) -> None:
        migrated = self.manage("migrate")
        assert migrated.returncode == 0, migrated.stderr
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(ROOT / "bot.py")],
                cwd=self.data_dir,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text("utf-8", "replace")[-3000:]
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise TimeoutError("bot.py did not listen within 30 s")

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, as in a power cut."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.db_file) as db:
            return db.execute(sql, params).fetchall()
