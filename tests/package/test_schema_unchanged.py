"""The package schema other languages build on: byte for byte what `schema.json` beside this file records."""

from __future__ import annotations

import json
from pathlib import Path

from provider.package import package_schema

RECORDED = Path(__file__).with_name("schema.json")


def serialised(schema: object) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def test_the_package_schema_is_the_recorded_one() -> None:
    assert serialised(package_schema()) == RECORDED.read_text(), (
        "The package schema (derived from components/args.py and components/vm_set.py) changed. If the change is "
        "intended, it changes what every other language's SDK sees: regenerate tests/package/schema.json with "
        "`python -c \"import json; from provider.package import package_schema; "
        "open('tests/package/schema.json', 'w').write(json.dumps(package_schema(), indent=2, sort_keys=True) + "
        "'\\n')\"`, review the diff and raise PACKAGE_VERSION in provider/package.py."
    )
