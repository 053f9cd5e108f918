"""The package schema other languages build on: byte for byte what `schema.json` beside this file records.

`python -m tests.package.test_schema_unchanged` records the current schema there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from provider.package import package_schema

RECORDED = Path(__file__).with_name("schema.json")


def serialised(schema: object) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def test_the_package_schema_is_the_recorded_one(analysed_schema: dict[str, Any]) -> None:
    assert serialised(analysed_schema) == RECORDED.read_text(), (
        "The package schema (derived from components/args.py and components/vm_set.py) is not the one recorded "
        "in tests/package/schema.json. If the change is intended, every other language's SDK will see it: record "
        "it with `python -m tests.package.test_schema_unchanged`, review the diff of schema.json, and raise "
        "PACKAGE_VERSION in provider/package.py."
    )


if __name__ == "__main__":
    RECORDED.write_text(serialised(package_schema()))
