"""What a class declares of each of its fields: the docstring under the field, split into its
description and the `Default: ...` (or `Required.`) it ends with, and the type of its plain values.

components/args.py declares each argument once, this way. Pulumi's analyser reads the same
docstrings into the package schema; docs/generate_reference.py reads them into docs/reference.md;
the stack derives each argument's config key and how its text is read from the field's name and
type (stack/config.py); and the validation takes a default that the docstring writes as one
literal (``Default: `2`.``) from here (`declared_default`), so that no default is written twice.
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
import textwrap
from collections.abc import Awaitable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, ForwardRef, NotRequired, Required, Union, get_args, get_origin

_DEFAULT = re.compile(r"(.*?)\s*Default: (.+?)\.?")
_LITERAL = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class DocumentedField:
    name: str
    annotation: ast.expr
    """As the source writes it (`NotRequired[pulumi.Input[str]]`)."""
    description: str
    """The docstring on one line, without its default."""
    default: str
    """What the docstring says after `Default: ` (`` `2` ``, `none`, ...), `required` for a field
    whose docstring ends with `Required.`, or "" when it says neither."""

    @property
    def literal_default(self) -> str | None:
        """The default's text when the docstring writes it as one literal (``Default: `2`.``), else None."""
        match = _LITERAL.fullmatch(self.default)
        return match.group(1) if match else None


def documented_fields(node: ast.ClassDef) -> tuple[DocumentedField, ...]:
    """Each annotated attribute of the class, with the docstring under it."""
    fields: list[DocumentedField] = []
    body = node.body
    for statement, following in zip(body, [*body[1:], None], strict=True):
        if not isinstance(statement, ast.AnnAssign) or not isinstance(statement.target, ast.Name):
            continue
        doc = ""
        if isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant):
            doc = one_line(str(following.value.value))
        description, default = _split_default(doc)
        fields.append(DocumentedField(statement.target.id, statement.annotation, description, default))
    return tuple(fields)


@cache
def fields_of(cls: type) -> dict[str, DocumentedField]:
    """`cls`'s documented fields by name, read from its source (field docstrings are not kept at run time)."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    node = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls.__name__)
    return {field.name: field for field in documented_fields(node)}


@cache
def field_types(cls: type) -> dict[str, Any]:
    """`cls`'s fields and their annotations, evaluated where the source writes them as text (a module
    with `from __future__ import annotations`). Not `typing.get_type_hints`: `pulumi.Input` refers to
    `Output` by a name only pulumi's own module knows."""
    namespace = vars(sys.modules[cls.__module__])
    return {
        name: eval(annotation.__forward_arg__, namespace) if isinstance(annotation, ForwardRef) else annotation
        for name, annotation in cls.__annotations__.items()
    }


def plain_type(annotation: Any) -> Any:
    """The type of a field's plain values: `NotRequired[pulumi.Input[str]]` -> `str`."""
    while get_origin(annotation) in (Required, NotRequired):
        (annotation,) = get_args(annotation)
    members = get_args(annotation)
    # pulumi.Input[T] is Union[T, Awaitable[T], Output[T]].
    if get_origin(annotation) is Union and any(get_origin(member) is Awaitable for member in members):
        return members[0]
    return annotation


@cache
def declared_defaults(cls: type) -> dict[str, Any]:
    """The defaults of `cls`'s fields whose docstrings write them as one literal, each a value of the
    field's type (``Default: `2`.`` of an `int` is 2). A literal the type cannot take fails here."""
    annotations = field_types(cls)
    return {
        name: _value(f"{cls.__name__}.{name}", plain_type(annotations[name]), field.literal_default)
        for name, field in fields_of(cls).items()
        if field.literal_default is not None
    }


def declared_default(cls: type, name: str) -> Any:
    """The default that field `name` of `cls` declares as one literal."""
    defaults = declared_defaults(cls)
    if name not in defaults:
        raise LookupError(f"{cls.__name__}.{name} declares no default of one literal (``Default: `...`.``)")
    return defaults[name]


def camel_case(name: str) -> str:
    """`nat_frontend_port_start` -> `natFrontendPortStart`: an argument's or field's name in config
    and in the package schema."""
    first, *rest = name.split("_")
    return first + "".join(part.capitalize() for part in rest)


def one_line(doc: str) -> str:
    """A docstring on one line: its indentation and line breaks as single spaces."""
    return " ".join(inspect.cleandoc(doc).split())


def _split_default(doc: str) -> tuple[str, str]:
    """`... Default: X.` -> ("...", "X"); `... Required.` -> ("...", "required")."""
    match = _DEFAULT.fullmatch(doc)
    if match:
        return match.group(1), match.group(2)
    if doc.endswith(" Required."):
        return doc.removesuffix(" Required."), "required"
    return doc, ""


def _value(field: str, plain: Any, text: str) -> Any:
    if plain is bool and text in ("True", "False"):
        return text == "True"
    if plain is int and re.fullmatch(r"-?\d+", text):
        return int(text)
    if plain is str:
        return text
    if get_origin(plain) is Sequence and get_args(plain) == (str,):
        return (text,)  # a list argument whose default is one item
    raise TypeError(f"{field}: the declared default `{text}` is not a value of {plain}")
