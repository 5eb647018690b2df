"""``python -m ansinh_common.runtime.migrate --settings <module:Class> --config <alembic.ini>
[--global-config <ini>] [--only s1] [command [args]]`` (default ``upgrade head``).

Databases come from the service's settings class, so its development defaults apply and the
usual ``ANSINH_SHARDS`` / ``ANSINH_GLOBAL_DB_URL`` override them.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

from ansinh_common.migrations.runner import COMMANDS
from ansinh_common.runtime.migrate import migrate_service
from ansinh_common.settings import load_settings_class


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    parser = argparse.ArgumentParser(prog="python -m ansinh_common.runtime.migrate")
    parser.add_argument("--settings", required=True, help="e.g. dossier.config:DossierSettings")
    parser.add_argument("--config", required=True, help="the service's alembic.ini")
    parser.add_argument("--global-config", help="alembic.ini of the global database's schema")
    parser.add_argument("--only", action="append", default=[], help="target name (repeatable)")
    parser.add_argument("command", nargs="?", default="upgrade", choices=sorted(COMMANDS))
    parser.add_argument("args", nargs="*", help="e.g. the revision: head")
    ns = parser.parse_args(argv)
    settings = load_settings_class(ns.settings)()
    migrate_service(
        settings,
        ns.config,
        ns.command,
        *ns.args,
        global_ini_path=ns.global_config,
        only=ns.only,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
