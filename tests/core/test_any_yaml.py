"""Whatever YAML an editor saves, checking it gives problems, never an exception."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.loading import check_snapshot
from bot.core.sources import Snapshot, SourceFile

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.text(max_size=30),
    st.sampled_from(["2021-07-14", "0000-01-01", "2021-02-30", "09:00", "25:00", "0 18 * * thu"]),
    st.sampled_from(["on-this-day", "milestone", "birthday", "card-rotation", "console"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=10,
)
FACT_KEYS = ["id", "date", "title", "text", "sources", "tags", "translations", "review_by"]
POST_KEYS = ["id", "kind", "at", "cron", "to", "since", "until", "catch_up", "label", "cards"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    card=st.fixed_dictionaries({}, optional=dict.fromkeys(FACT_KEYS, VALUES)),
    subject=VALUES,
    post=st.fixed_dictionaries({}, optional=dict.fromkeys(POST_KEYS, VALUES)),
    zone=VALUES,
)
def test_any_values_in_any_field_give_problems_not_exceptions(
    card: dict[str, Any], subject: Any, post: dict[str, Any], zone: Any
) -> None:
    facts = SourceFile(
        "facts/a.yaml",
        yaml.safe_dump({"subject": subject, "cards": [card]}, allow_unicode=True).encode(),
    )
    schedule = SourceFile(
        "schedules/s.yaml",
        yaml.safe_dump({"timezone": zone, "posts": [post]}, allow_unicode=True).encode(),
    )
    report = check_snapshot(Snapshot((facts,), (schedule,)))
    assert all(p.line >= 1 and p.column >= 1 for p in report.problems)
