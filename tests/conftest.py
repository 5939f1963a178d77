"""Shared test settings: the client libraries talk only to fakes on 127.0.0.1."""

from __future__ import annotations

import os

# PTB: RetryAfter.retry_after as a timedelta (next major's behaviour) without warnings.
os.environ.setdefault("PTB_TIMEDELTA", "1")
# httpx honours proxy variables; loopback must never go through a proxy.
os.environ["NO_PROXY"] = "127.0.0.1,localhost"
os.environ["no_proxy"] = "127.0.0.1,localhost"

# Property tests explore new examples on developers' machines, but CI replays a fixed
# set: a landing must not depend on which random examples a run happens to draw.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")
