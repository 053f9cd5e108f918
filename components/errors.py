"""The one error type every invalid input raises, and how a long value is shown in it."""

from __future__ import annotations

import pulumi

MAX_SHOWN_LENGTH = 200
"""A message shows at most this much of a value (a 6,000-character custom data, say): enough to
recognise it, short enough to read on one line."""


class InvalidArgumentError(ValueError, pulumi.RunError):
    """An argument (or stack config key) has a value Azure or this component rejects.

    Raised before any resource is registered, so nothing is half created. The
    message names the argument, the value given and what is allowed.

    A `ValueError` to catch, and a `pulumi.RunError` so that `pulumi up` and `pulumi preview` show
    the message alone: Pulumi's Python language host (pulumi/pulumi
    sdk/python/cmd/pulumi-language-python-exec, its `__main__` block) logs `str(e)` of a
    `RunError` and the full traceback of any other exception, whether the program raised it or
    an `Output.apply` did (`runtime/stack.py`, `wait_for_rpcs`, re-raises it as raised).
    """

    def __init__(
        self,
        argument: str,
        value: object,
        allowed: str,
        *,
        secret: bool = False,
        required: bool = False,
        shown: str | None = None,
    ) -> None:
        """`required`: the argument is missing and needed (`value` is what was given: None, blank);
        `shown`: how to show the value (default: its `repr`)."""
        self.argument = argument
        self.value = value
        self.allowed = allowed
        self.secret = secret
        self.required = required
        self.shown = shown
        if required:
            super().__init__(f"{argument}: not set, and required {allowed}")
        else:
            text = "[secret]" if secret else abbreviated(repr(value) if shown is None else shown, MAX_SHOWN_LENGTH)
            super().__init__(f"{argument}: {text} is not allowed; {allowed}")

    def renamed(self, argument: str, *, allowed: str | None = None, shown: str | None = None) -> InvalidArgumentError:
        """The same error, reported under another name (a stack config key, say), and with the
        allowed values and the value put in that name's terms when given."""
        return InvalidArgumentError(
            argument,
            self.value,
            self.allowed if allowed is None else allowed,
            secret=self.secret,
            required=self.required,
            shown=self.shown if shown is None else shown,
        )


def abbreviated(text: str, length: int = 40) -> str:
    """`text` cut to `length` characters (with "..."), for a message that shows a long value."""
    return text if len(text) <= length else text[: length - 3] + "..."
