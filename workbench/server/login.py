"""Logging in without helping a guesser: slow hashes outside every lock, even answers, lockout.

- The password hash (scrypt, tens of milliseconds) runs outside any transaction: the account
  is read in a short read, the hash is checked with no connection held, and only then a short
  write stores the tokens or the failure. A login never takes the change log's lock, so
  guessing cannot slow anybody's sync.
- An unknown login hashes a dummy of the same cost, so the answer time does not tell whether
  an account exists.
- Failed logins in a row are counted per login name (known or not, again so a lock does not
  reveal which names exist); from ``login_lockout_after`` on, each failure locks the name for
  ``login_lockout_seconds``, doubled per further failure up to ``login_lockout_max_seconds``.
  While locked, the login answers ``account_locked`` (403, ``Retry-After``) without hashing.
  A success clears the count. The count lives in the database, so all workers share it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workbench.core.errors import DomainError, ErrorCode
from workbench.server import models as m
from workbench.server.config import ServerSettings
from workbench.server.db import Database
from workbench.server.security import hash_password, verify_password
from workbench.server.types import utcnow

FORGET_FAILURES_AFTER = timedelta(days=1)  # a name's count starts again after a quiet day


class PasswordCheck:
    """Checks a password against a stored hash, or against a dummy when there is none."""

    def __init__(self) -> None:
        self._dummy = hash_password(secrets.token_urlsafe(16))

    def verify(self, password: str, stored: str | None) -> bool:
        if stored is None:
            verify_password(password, self._dummy)  # the same work as for a real account
            return False
        return verify_password(password, stored)


@dataclass(frozen=True)
class Lockout:
    """The lockout policy of ``ServerSettings``."""

    after: int
    first_seconds: int
    max_seconds: int

    @classmethod
    def of(cls, settings: ServerSettings) -> Lockout:
        return cls(
            settings.login_lockout_after,
            settings.login_lockout_seconds,
            settings.login_lockout_max_seconds,
        )

    def seconds_for(self, failures: int) -> int:
        """How long ``failures`` failed logins in a row lock the name (0: not locked)."""
        if self.after <= 0 or failures < self.after:
            return 0
        return int(min(self.max_seconds, self.first_seconds * 2 ** min(failures - self.after, 30)))


def locked(seconds: float) -> DomainError:
    wait = max(1, int(seconds + 0.999))
    return DomainError(
        ErrorCode.ACCOUNT_LOCKED,
        f"too many failed logins: this account is locked for {wait} s",
        retry_after=wait,
    )


def authenticate(
    db: Database, passwords: PasswordCheck, lockout: Lockout, login_name: str, password: str
) -> m.Account:
    """The account for these credentials, or ``invalid_credentials`` / ``account_locked``."""
    now = utcnow()
    with db.read() as session:
        account = session.scalar(select(m.Account).where(m.Account.login == login_name))
        if account is not None:
            session.expunge(account)  # kept as read: the read's rollback would expire it
        failure = session.get(m.LoginFailure, login_name)
        until = failure.locked_until if failure is not None else None
    if until is not None and until > now:
        raise locked((until - now).total_seconds())
    # No transaction and no lock from here: the slow part.
    if passwords.verify(password, account.password_hash if account is not None else None):
        assert account is not None
        return account
    seconds = _count_failure(db, lockout, login_name, utcnow())
    if seconds:
        raise locked(seconds)
    raise DomainError(ErrorCode.INVALID_CREDENTIALS, "wrong account or password")


def clear_failures(session: Session, login_name: str) -> None:
    """A successful login: the name's count starts again."""
    session.execute(delete(m.LoginFailure).where(m.LoginFailure.login == login_name))


def _count_failure(db: Database, lockout: Lockout, login_name: str, now: datetime) -> int:
    """Add one failure for ``login_name``; the seconds it is now locked for (0: not locked)."""
    try:
        return _add_failure(db, lockout, login_name, now)
    except IntegrityError:  # a concurrent first failure of the same name inserted the row
        return _add_failure(db, lockout, login_name, now)


def _add_failure(db: Database, lockout: Lockout, login_name: str, now: datetime) -> int:
    with db.write(feed=False) as session:
        # Forget quiet names, so guessed names do not pile up (an index on last_failed_at).
        session.execute(
            delete(m.LoginFailure).where(
                m.LoginFailure.last_failed_at < now - FORGET_FAILURES_AFTER
            )
        )
        row = session.get(m.LoginFailure, login_name, with_for_update=True)
        if row is None:
            row = m.LoginFailure(login=login_name, failures=0, last_failed_at=now)
            session.add(row)
        row.failures += 1
        row.last_failed_at = now
        seconds = lockout.seconds_for(row.failures)
        row.locked_until = now + timedelta(seconds=seconds) if seconds else None
        return seconds
