"""Schedule files validated post by post, so one post's wrong `kind` hides nothing else.

A pydantic union tagged by `kind` stops at an unknown or missing tag. Here each post is
checked against its own kind's model; a post whose kind is unknown gets that one problem
plus every problem it has against the closest kind (the one whose fields it uses most),
so an admin fixes a whole post per run. Rules that pydantic only runs once the fields are
valid ("exactly one of `at` or `cron`") are checked on the raw data too.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.core.diagnostics import Diagnosis, YamlPath, clip, diagnose
from bot.core.schedule_files import (
    POST_KINDS,
    BirthdayPost,
    CardRotationPost,
    DigestPost,
    MilestonePost,
    OnThisDayPost,
    ScheduleFile,
)

POST_MODELS: dict[str, type[BaseModel]] = {
    "on-this-day": OnThisDayPost,
    "card-rotation": CardRotationPost,
    "milestone": MilestonePost,
    "birthday": BirthdayPost,
    "digest": DigestPost,
}
ONE_TIME = "give exactly one of `at` or `cron`"
# The models' after-validator messages, which _raw_rules reports instead (with a place).
_AFTER_RULES = (ONE_TIME, "a target is listed twice in `to`")


def check_schedule(data: dict[Any, Any]) -> tuple[ScheduleFile | None, list[Diagnosis]]:
    """The validated file when all is well, else every problem of the file and its posts."""
    posts = data.get("posts")
    found: list[Diagnosis] = []
    top = {**data, "posts": []} if isinstance(posts, list) else data
    found.extend(_errors(ScheduleFile, top, ()))
    if isinstance(posts, list):
        for i, post in enumerate(posts):
            found.extend(_check_post(post, ("posts", i)))
    unique = list(dict.fromkeys(found))
    if unique:
        return None, unique
    return ScheduleFile.model_validate(data), []


def _check_post(post: Any, at: YamlPath) -> Iterator[Diagnosis]:
    if not isinstance(post, dict):
        yield Diagnosis(at, False, "a post must be a mapping of `key: value` lines")
        return
    kind = post.get("kind")
    model = POST_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        closest = _closest_kind(post, kind)
        kinds = ", ".join(POST_KINDS)
        if kind is None:
            yield Diagnosis(at, False, f"a post needs `kind`: one of {kinds}")
        elif not isinstance(kind, str):
            yield Diagnosis((*at, "kind"), False, f"kind must be one of {kinds}")
        else:
            message = (
                f"unknown post kind {clip(kind)!r}: use one of {kinds} "
                f"(its other fields are checked as a {closest} post)"
            )
            yield Diagnosis((*at, "kind"), False, message)
        model = POST_MODELS[closest]
        post = {**post, "kind": closest}
    yield from (d for d in _errors(model, post, at) if d.message not in _AFTER_RULES)
    yield from _raw_rules(post, at)


def _closest_kind(post: dict[Any, Any], kind: Any) -> str:
    """A misspelt kind's nearest name, else the kind whose own fields the post uses most."""
    if isinstance(kind, str):
        close = difflib.get_close_matches(kind, POST_KINDS, n=1, cutoff=0.6)
        if close:
            return close[0]
    keys = {k for k in post if isinstance(k, str)}

    def score(name: str) -> tuple[int, int]:
        fields = set(POST_MODELS[name].model_fields)
        return (len(keys & fields), -len(fields - keys))

    return max(POST_KINDS, key=score)


def _errors(model: type[BaseModel], data: Any, at: YamlPath) -> Iterator[Diagnosis]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            found = diagnose(error, model)
            yield Diagnosis((*at, *found.path), found.at_key, found.message)


def _raw_rules(post: dict[Any, Any], at: YamlPath) -> Iterator[Diagnosis]:
    """The model's after-validators, read off the raw data: reported beside field errors."""
    if (post.get("at") is None) == (post.get("cron") is None):
        yield Diagnosis(at, False, ONE_TIME)
    targets = post.get("to")
    if isinstance(targets, list):
        seen: set[str] = set()
        for j, target in enumerate(targets):
            if not isinstance(target, str):
                continue
            if target in seen:
                yield Diagnosis(
                    (*at, "to", j), False, f"target {clip(target)!r} is listed twice in `to`"
                )
            seen.add(target)
