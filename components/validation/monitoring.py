"""Monitoring: the Log Analytics workspace the diagnostics go to, and the alert e-mail."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..decisions import arm_ids
from ..errors import InvalidArgumentError
from ..spec import Monitoring
from .inputs import checked_input, given

# A practical address check (RFC 5321 lengths, a dotted domain), not the full RFC 5322 grammar.
_EMAIL = re.compile(
    r"^(?=.{3,254}$)(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


def read_monitoring(args: Mapping[str, Any]) -> Monitoring:
    return Monitoring(
        log_analytics_workspace_id=checked_input(args, "log_analytics_workspace_id", arm_ids.check_workspace_id),
        alert_email=_email(given(args, "alert_email")),
    )


def _email(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _EMAIL.match(value.strip()) or ".." in value:
        raise InvalidArgumentError("alert_email", value, "one e-mail address such as ops@example.com")
    return value.strip()
