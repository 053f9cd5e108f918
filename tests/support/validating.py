"""Calling `validate` on input it must refuse."""

from __future__ import annotations

from typing import Any

import pytest

from components import InvalidArgumentError, validate


def rejected(args: dict[str, Any], name: str = "web") -> InvalidArgumentError:
    """The error `validate(name, args)` raises (the test fails if it accepts them)."""
    with pytest.raises(InvalidArgumentError) as caught:
        validate(name, args)
    return caught.value
