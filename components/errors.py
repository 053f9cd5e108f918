"""The one error type every invalid input raises, and how a long value is shown in it."""

from __future__ import annotations


class InvalidArgumentError(ValueError):
    """An argument (or stack config key) has a value Azure or this component rejects.

    Raised before any resource is registered, so nothing is half created. The
    message names the argument, the value given and what is allowed.
    """

    def __init__(self, argument: str, value: object, allowed: str, *, secret: bool = False) -> None:
        self.argument = argument
        self.value = value
        self.allowed = allowed
        self.secret = secret
        shown = "[secret]" if secret else repr(value)
        super().__init__(f"{argument}: {shown} is not allowed; {allowed}")

    def renamed(self, argument: str) -> InvalidArgumentError:
        """The same error, reported under another name (a stack config key, say)."""
        return InvalidArgumentError(argument, self.value, self.allowed, secret=self.secret)


def abbreviated(text: str, length: int = 40) -> str:
    """`text` cut to `length` characters (with "..."), for a message that shows a long value."""
    return text if len(text) <= length else text[: length - 3] + "..."
