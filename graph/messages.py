"""Sentences graph/ says to people (alerts, import previews), translatable without Flask.

graph/ never imports Flask, so it cannot translate. `N_("… %(name)s …", name=x)` marks the
English msgid for pybabel (N_ is one of its default keywords; babel.cfg lists the modules) and
returns a Message: a str holding the English sentence — what the JSON API, the CLI, e-mails and
logs keep showing — that also carries its msgid and params, so the app translates it at render
(app/i18n.py `label`). A param may itself be a Message (translated too). Alerts are stored, so a
Message also travels as JSON (`dump`/`load`)."""

from __future__ import annotations

import json


class Message(str):
    """An English sentence that remembers how to say it in another language."""

    msgid: str
    params: dict

    def __new__(cls, msgid: str, params: dict | None = None):
        params = dict(params or {})
        self = super().__new__(cls, msgid % params if params else msgid)
        self.msgid, self.params = msgid, params
        return self

    def as_dict(self) -> dict:
        return {"msgid": self.msgid,
                "params": {k: v.as_dict() if isinstance(v, Message) else v for k, v in self.params.items()}}

    @classmethod
    def from_dict(cls, data: dict) -> Message:
        return cls(data["msgid"], {k: cls.from_dict(v) if isinstance(v, dict) else v
                                   for k, v in (data.get("params") or {}).items()})


def N_(msgid: str, **params) -> Message:  # noqa: N802 (the name pybabel looks for)
    return Message(msgid, params)


def dump(text) -> str | None:
    """A Message as JSON to store beside its English text (None for a plain string)."""
    return json.dumps(text.as_dict(), ensure_ascii=False, sort_keys=True) if isinstance(text, Message) else None


def load(text: str, stored: str | None) -> str:
    """The stored English text back as a Message when its JSON was kept (else the text as is)."""
    if not stored:
        return text
    try:
        return Message.from_dict(json.loads(stored))
    except (ValueError, KeyError, TypeError, AttributeError):
        return text
