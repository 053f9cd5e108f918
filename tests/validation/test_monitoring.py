"""`alert_email` and `log_analytics_workspace_id`."""

from __future__ import annotations

from typing import Any

import pytest

from components import validate

from ..support.constants import LINUX, WORKSPACE
from ..support.validating import rejected

BAD_INPUTS: list[tuple[str, dict[str, Any], str]] = [
    # (case, args, argument the error must name)
    ("e-mail without @", {**LINUX, "alert_email": "ops.example.com"}, "alert_email"),
    ("e-mail without a domain dot", {**LINUX, "alert_email": "ops@localhost"}, "alert_email"),
    ("e-mail with a space", {**LINUX, "alert_email": "ops team@example.com"}, "alert_email"),
    ("two e-mail addresses", {**LINUX, "alert_email": "a@example.com,b@example.com"}, "alert_email"),
    ("e-mail with two dots", {**LINUX, "alert_email": "ops..team@example.com"}, "alert_email"),
    ("workspace name, not ID", {**LINUX, "log_analytics_workspace_id": "ops-logs"}, "log_analytics_workspace_id"),
    (
        "storage account ID as workspace",
        {
            **LINUX,
            "log_analytics_workspace_id": WORKSPACE.replace(
                "OperationalInsights/workspaces", "Storage/storageAccounts"
            ),
        },
        "log_analytics_workspace_id",
    ),
    (
        "workspace ID without subscription GUID",
        {**LINUX, "log_analytics_workspace_id": WORKSPACE.replace("00000000-1111-2222-3333-444444444444", "mysub")},
        "log_analytics_workspace_id",
    ),
]


@pytest.mark.parametrize(("case", "args", "argument"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS])
def test_bad_monitoring_input_names_the_argument(case: str, args: dict[str, Any], argument: str) -> None:
    assert rejected(args).argument == argument


def test_bad_workspace_message_shows_the_expected_id_shape() -> None:
    assert "Microsoft.OperationalInsights/workspaces" in rejected({**LINUX, "log_analytics_workspace_id": "x"}).allowed


def test_workspace_id_provider_is_case_insensitive() -> None:
    lower = WORKSPACE.replace("Microsoft.OperationalInsights", "microsoft.operationalinsights")
    assert (
        validate("web", {**LINUX, "log_analytics_workspace_id": lower}).monitoring.log_analytics_workspace_id == lower
    )


def test_alert_email_is_kept() -> None:
    assert (
        validate("web", {**LINUX, "alert_email": " ops+lb@example.co.uk "}).monitoring.alert_email
        == "ops+lb@example.co.uk"
    )
