"""The `live` marker: `python -m pytest tests -m "not live"` leaves the Azure deployment out."""

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "live: deploys to a real Azure subscription (costs money)")
