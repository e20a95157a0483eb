"""The whole browser run's log lines, written as production writes them (JSON, the
request id and scrub filters), then searched for every secret the run handed out.

The secrets are caught where they are made or checked, whichever test made them:
passwords set or tried, API tokens, one-time links, signature codes, calendar feed
tokens, session keys and the bodies of messages. None may appear in a log line."""

import logging
import re
from contextlib import ExitStack
from pathlib import Path
from unittest import mock

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save
from django.utils.module_loading import import_string
from knox.models import AuthTokenManager

from access import links
from access.services import calendar
from billing.codes import EmailCodeSender
from cms.settings import base
from messaging.models import Message

LOG_FILE = Path("test-results") / "browser-logs.jsonl"
# Shorter strings (a four-digit year, "oui") would match by chance.
SHORTEST_SECRET = 6
# What a knox token looks like, should one slip past the wrappers below.
TOKEN_SHAPE = re.compile(r"\b[0-9a-f]{64}\b")


def _production_handler() -> logging.Handler:
    config = base.LOGGING
    handler = logging.FileHandler(LOG_FILE, mode="w", encoding="utf-8")
    formatter = config["formatters"]["json"]
    kwargs = {k: v for k, v in formatter.items() if k != "()"}
    handler.setFormatter(import_string(formatter["()"])(**kwargs))
    for name in config["handlers"]["console"]["filters"]:
        handler.addFilter(import_string(config["filters"][name]["()"])())
    return handler


class LogAudit:
    def __init__(self):
        self.secrets: set[str] = set()
        self._stack = ExitStack()

    def keep(self, *values) -> None:
        self.secrets.update(str(v) for v in values if v)

    def _wrap(self, owner, name, secrets_of):
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            result = original(*args, **kwargs)
            self.keep(*secrets_of(args, kwargs, result))
            return result

        self._stack.enter_context(mock.patch.object(owner, name, wrapper))

    def __enter__(self):
        LOG_FILE.parent.mkdir(exist_ok=True)
        self.handler = _production_handler()
        root = logging.getLogger()
        self.level = root.level
        root.addHandler(self.handler)
        root.setLevel(logging.INFO)
        self._wrap(AbstractBaseUser, "set_password", lambda args, kw, _r: [args[1]])
        self._wrap(AbstractBaseUser, "check_password", lambda args, kw, _r: [args[1]])
        self._wrap(AuthTokenManager, "create", lambda args, kw, result: [result[1]])
        self._wrap(links.OneTimeLink, "token", lambda args, kw, result: [result])
        self._wrap(calendar, "_digest", lambda args, kw, _r: [args[0]])
        self._wrap(EmailCodeSender, "send", lambda args, kw, _r: [kw["code"]])
        post_save.connect(self._saved_session, sender=Session, weak=False)
        post_save.connect(self._saved_message, sender=Message, weak=False)
        return self

    def _saved_session(self, sender, instance, **kwargs):
        self.keep(instance.session_key)

    def _saved_message(self, sender, instance, **kwargs):
        self.keep(instance.body)

    def __exit__(self, *exc):
        post_save.disconnect(self._saved_session, sender=Session)
        post_save.disconnect(self._saved_message, sender=Message)
        self._stack.close()
        root = logging.getLogger()
        root.removeHandler(self.handler)
        root.setLevel(self.level)
        self.handler.close()

    def leaks(self) -> list[str]:
        """Each secret found in the log file, and each token-shaped string."""
        text = LOG_FILE.read_text(encoding="utf-8")
        found = [
            secret
            for secret in self.secrets
            if len(secret) >= SHORTEST_SECRET and secret in text
        ]
        return found + TOKEN_SHAPE.findall(text)
