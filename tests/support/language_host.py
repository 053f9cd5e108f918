"""A Pulumi program run as Pulumi's Python language host runs it, under the Azure mocks, to see
what the Pulumi CLI would show of its failure.

    python tests/support/language_host.py RUNS.json

RUNS.json is a list of runs, each `{"program": DIR, "project": NAME, "config": {KEY: TEXT}}`;
it prints a JSON list of results, each `{"exit_code": N, "errors": [...], "warnings": [...]}`:
the diagnostics the program sent to the engine at those severities, as `pulumi up` prints them.

The host is `sdk/python/cmd/pulumi-language-python-exec` in pulumi/pulumi (its `__main__`
block): it sets the config (`set_all_config`), runs the program in
`pulumi.runtime.run_in_stack(lambda: runpy.run_path(PROGRAM, run_name="__main__"))` on a
new event loop, and then

    except pulumi.RunError as e:
        pulumi.log.error(str(e))                      # the message alone, exit status 1
    except Exception:
        pulumi.log.error("Program failed with an unhandled exception:\\n" + <the traceback>)  # 32

`run_in_stack` (sdk/python/lib/pulumi/runtime/stack.py, via `run_pulumi_func` and
`wait_for_rpcs`) re-raises the program's own exception, or else the first one that an
`Output.apply` or a resource registration raised while the outputs settled, as it was raised.
`run_program` below does exactly that, with the mocks' monitor and engine in place of the
engine's: the mock engine hands each `pulumi.log` message to a logger, which keeps it.

Each run is one program in this process, as the host runs one; the runs of one file share the
process (its imports), and each starts from a fresh root stack, config and event loop.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import runpy
import sys
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pulumi
import pulumi.runtime

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # the component and the mocks, as an installed package would give them
    sys.path.append(str(ROOT))

from offline.azure_mocks import AzureMocks  # noqa: E402

# pulumi-language-python-exec: "use exit code 32 to signal to the language host that an error
# message was displayed to the user" (an unhandled exception, reported with its traceback).
UNHANDLED_EXCEPTION_EXIT_CODE = 32


@dataclass
class HostRun:
    """What the Pulumi CLI would show of one run: the program's exit status and its diagnostics."""

    exit_code: int
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class _Diagnostics(logging.Handler):
    def __init__(self, run: HostRun) -> None:
        super().__init__(logging.DEBUG)
        self.run = run

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.run.errors.append(record.getMessage())
        elif record.levelno == logging.WARNING:
            self.run.warnings.append(record.getMessage())


def run_program(program: Path, project: str, config: dict[str, str], stack: str = "dev") -> HostRun:
    """Run the program at `program` (a directory with `__main__.py`) as the language host does."""
    run = HostRun(exit_code=1)
    logger = logging.getLogger(f"language-host-{id(run)}")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(_Diagnostics(run))
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    # set_mocks registers a root stack unless one is set; the host's root is the one run_in_stack makes.
    pulumi.runtime.settings.ROOT.set(object())  # type: ignore[arg-type]
    pulumi.runtime.set_mocks(AzureMocks(), project=project, stack=stack, preview=False, logger=logger)
    pulumi.runtime.settings.ROOT.set(None)
    pulumi.runtime.set_all_config(config, [])
    # What an earlier run left unsettled belongs to its closed loop (the SDK's own `runtime.test` clears it too).
    pulumi.runtime.settings.SETTINGS.outputs.clear()
    previous = os.getcwd()
    os.chdir(program)
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)

    def run_path() -> None:
        runpy.run_path(str(program), run_name="__main__")

    try:
        coro = pulumi.runtime.run_in_stack(run_path)
        loop.run_until_complete(coro)
        run.exit_code = 0
    except pulumi.RunError as e:
        pulumi.log.error(str(e))
    except Exception:
        pulumi.log.error("Program failed with an unhandled exception:\n" + traceback.format_exc())
        run.exit_code = UNHANDLED_EXCEPTION_EXIT_CODE
    finally:
        loop.close()
        os.chdir(previous)
    return run


def main(argv: list[str]) -> int:
    runs = json.loads(Path(argv[0]).read_text())
    results = [asdict(run_program(Path(r["program"]), r["project"], r.get("config", {}))) for r in runs]
    sys.stdout.write(json.dumps(results) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
