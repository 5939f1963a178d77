"""Pydantic errors translated into sentences an admin can act on, and where to point them.

Admins are often volunteers who are not programmers: "String should match pattern
'^[a-z0-9]+(?:-[a-z0-9]+)*$'" tells them nothing, "id 'Arrest 2021' must be lowercase letters,
digits and hyphens, like arrest-2021" does. Messages are chosen by error type and by the
pattern the field carries (from bot.core.fields), so a new field of a known type gets a good
message for free.
"""

from __future__ import annotations

import difflib
import re
import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from bot.core import fields
from bot.core.schedule_files import POST_KINDS, PostSpec

YamlPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """What to say, and where: the node at `path`, or its key when `at_key` is set."""

    path: YamlPath
    at_key: bool
    message: str


MAX_SHOWN = 60  # characters of a value echoed in a message; a 5 MB value stays a short line


def diagnose(error: ErrorDetails, model: type[BaseModel]) -> Diagnosis:
    """Translate one pydantic error raised while validating a file against `model`."""
    found = _diagnose(error, model)
    value = error.get("input")
    if isinstance(value, str) and len(value) > MAX_SHOWN:
        shown = repr(value[:MAX_SHOWN] + "...")
        message = found.message.replace(repr(value), shown).replace(value, shown[1:-1])
        return Diagnosis(found.path, found.at_key, message)
    return found


def _shown(value: object) -> str:
    """A value in a message: quoted text or a number, else what kind of thing it is (the
    repr of a list nested 1,000 deep would raise RecursionError)."""
    if isinstance(value, str):
        return repr(clip(value))
    if isinstance(value, bool | int | float) or value is None:
        return repr(value)
    return _type_name(value)


def clip(text: str) -> str:
    """A value as messages echo it: at most MAX_SHOWN characters."""
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "..."


def _diagnose(error: ErrorDetails, model: type[BaseModel]) -> Diagnosis:
    path, owner, key_error = _yaml_path(model, error["loc"])
    kind = error["type"]
    if key_error:  # a dict key (a translation's language code) is wrong
        return Diagnosis(path, True, _message(error, path, is_key=True))
    if kind == "missing":
        return Diagnosis(path[:-1], False, _missing(path))
    if kind == "extra_forbidden":
        return Diagnosis(path, True, _unknown_key(path, owner))
    if kind == "union_tag_invalid":
        return Diagnosis((*path, "kind"), False, _message(error, path))
    return Diagnosis(path, False, _message(error, path))


def _yaml_path(model: type[BaseModel], loc: tuple[str | int, ...]) -> tuple[YamlPath, Any, bool]:
    """The loc as a path in the YAML tree, the model owning its last step, and whether the
    error is about a dict key.

    A discriminated union puts the tag in the loc (('posts', 0, 'milestone', 'since')); the
    YAML has no such level, so the tag is dropped by following the model types alongside.
    """
    path: list[str | int] = []
    tp: Any = model
    owner: Any = None
    for part in loc:
        if part == "[key]":
            return (tuple(path), owner, True)
        tp = _unwrap(tp)
        members = _tagged_members(tp)
        if members is not None and isinstance(part, str) and part in members:
            tp = members[part]
            continue
        path.append(part)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            owner = tp
            info = tp.model_fields.get(part) if isinstance(part, str) else None
            tp = info.annotation if info is not None else None
        elif get_origin(tp) in (list, tuple):
            tp = get_args(tp)[0] if get_args(tp) else None
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1] if get_args(tp) else None
        else:
            tp = None
    return (tuple(path), owner, False)


def _unwrap(tp: Any) -> Any:
    """Strip Annotated and Optional, which add no level to the YAML."""
    while True:
        if get_origin(tp) is Annotated:
            tp = get_args(tp)[0]
        elif get_origin(tp) in (Union, types.UnionType):
            args = [a for a in get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _tagged_members(tp: Any) -> dict[str, Any] | None:
    """For a union of models told apart by a Literal field, {tag: model}."""
    if get_origin(tp) not in (Union, types.UnionType):
        return None
    members: dict[str, Any] = {}
    for member in get_args(tp):
        if not (isinstance(member, type) and issubclass(member, BaseModel)):
            continue
        for info in member.model_fields.values():
            if get_origin(info.annotation) is Literal:
                for tag in get_args(info.annotation):
                    members[str(tag)] = member
    return members


def _label(path: YamlPath) -> str:
    """How to name the field at `path`: 'tag' for an item of `tags`, 'subject id', ..."""
    names = [p for p in path if isinstance(p, str)]
    if not names:
        return "value"
    last = names[-1]
    if isinstance(path[-1], int) and last.endswith("s"):
        last = last[:-1]
    if path[-2:] == ("subject", "id"):
        return "subject id"
    if len(path) >= 2 and path[-2] == "translations":
        return f"translation {path[-1]!r}"
    if len(names) >= 2 and names[-2] == "sources" and last == "url":
        return "source url"
    return last


def _missing(path: YamlPath) -> str:
    name = path[-1]
    if name == "sources":
        return "a card needs at least one source: `sources` is missing"
    if name == "to":
        return "a post needs `to`: where to send it"
    return f"`{name}` is missing"


def _unknown_key(path: YamlPath, owner: Any) -> str:
    key = clip(str(path[-1]))
    message = f"unknown key {key!r}"
    if isinstance(owner, type) and issubclass(owner, BaseModel):
        own = list(owner.model_fields)
        elsewhere = _fields_of_other_kinds(owner)
        close = difflib.get_close_matches(key, [*own, *elsewhere], n=1)
        if close and close[0] in elsewhere and close[0] not in own:
            field_name = close[0]
            guess = "" if field_name == key else f"did you mean {field_name!r}? "
            kinds = " and ".join(elsewhere[field_name])
            return f"{message}: {guess}`{field_name}` is a field of {kinds} posts"
        if close:
            return f"{message}: did you mean {close[0]!r}?"
        return f"{message}: allowed here are {', '.join(own)}"
    return message


def _fields_of_other_kinds(owner: type[BaseModel]) -> dict[str, list[str]]:
    """For a post model: {field: [kinds that have it]} over the other post kinds."""
    kind = owner.model_fields.get("kind")
    if kind is None or get_origin(kind.annotation) is not Literal:
        return {}
    members = _tagged_members(_unwrap(PostSpec)) or {}
    found: dict[str, list[str]] = {}
    for tag, model in members.items():
        if model is owner:
            continue
        for name in model.model_fields:
            if name not in owner.model_fields:
                found.setdefault(name, []).append(tag)
    return found


def _type_name(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"


def slug_example(text: str) -> str:
    """'Arrest 2021' -> 'arrest-2021', to show what a valid id would look like."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "arrest-2021"


def _pattern_message(label: str, value: Any, pattern: str, is_key: bool) -> str:
    if pattern == fields.SLUG_PATTERN:
        return (
            f"{label} {value!r} must be lowercase letters, digits and hyphens, "
            f"like {slug_example(str(value))}"
        )
    if pattern == fields.URL_PATTERN:
        if not re.match(r"https?://", str(value)):
            return f"{label} must start with http:// or https://"
        return f"{label} {value!r} is not a complete web address, like https://example.org/page"
    if pattern == fields.TARGET_PATTERN:
        return (
            f"unknown target {value!r}: use telegram:<chat id or @channel>, "
            "discord:<channel id>, console or subscribers"
        )
    if pattern == fields.LANG_PATTERN:
        what = "translation key" if is_key else label
        return f"{what} {value!r} must be a language code, like be, ru or pt-BR"
    if pattern == fields.CARD_REF_PATTERN:
        return (
            f"card reference {value!r} must be a card id like arrest-2021 or a global id "
            "like ales-bialiatski/arrest-2021"
        )
    if pattern == fields.HHMM_PATTERN:
        return f'{label} {value!r} must be a 24-hour time "HH:MM" in quotes, like "09:00"'
    if pattern == fields.DURATION_PATTERN:
        return f"{label} {value!r} must look like 30m, 6h, 1d or 1h30m"
    if pattern == r"\S":
        return f"{label} must not be blank"
    if label == "timezone":
        return f"unknown time zone {value!r}: use an IANA name such as Europe/Minsk or UTC"
    if label == "confidence":
        return f"confidence {value!r} must be high or medium"
    return f"{label} {value!r} does not have the expected form ({pattern})"


def _message(error: ErrorDetails, path: YamlPath, *, is_key: bool = False) -> str:
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    value = error.get("input")
    label = _label(path)
    if kind == "string_pattern_mismatch":
        return _pattern_message(label, value, str(ctx.get("pattern", "")), is_key)
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", error["msg"]))
    if kind == "union_tag_invalid":
        return f"unknown post kind {ctx.get('tag')!r}: use one of {', '.join(POST_KINDS)}"
    if kind == "union_tag_not_found":
        return f"a post needs `kind`: one of {', '.join(POST_KINDS)}"
    if kind == "too_short" and label == "sources":
        return "a card needs at least one source"
    if kind == "too_short" and label == "to":
        return "a post needs at least one target in `to`"
    if kind == "string_too_short":
        return f"{label} must not be empty"
    if kind == "string_too_long":
        most = ctx.get("max_length")
        return f"{label} is too long: {len(str(value)):,} characters, at most {most}"
    if kind == "string_type":
        if value is None:
            return f"{label} is empty"
        hint = f': write it in quotes, like "{value}"' if _type_name(value) == "a number" else ""
        return f"{label} must be text, not {_type_name(value)}{hint}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{label} must be true or false, not {_shown(value)}"
    if kind in ("list_type", "tuple_type"):
        return f"{label} must be a list (one `- item` per line, or [a, b]), not {_type_name(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if label == "source" and isinstance(value, str):
            return f"a source is a mapping with a url: write `- url: {value}`"
        return f"{label} must be a mapping of `key: value` lines, not {_type_name(value)}"
    if kind == "literal_error":
        return f"{label} must be {ctx.get('expected')}, not {_shown(value)}"
    return f"{label}: {error['msg']}"
