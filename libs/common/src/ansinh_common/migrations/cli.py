"""``python -m ansinh_common.migrations --config alembic.ini upgrade head``.

Databases: ``--shards '{"s1": "<url>", ...}'`` and/or ``--global-url``, else the service
settings' environment variables ``ANSINH_SHARDS`` and ``ANSINH_GLOBAL_DB_URL``.
``--only s1`` limits the run.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

from ansinh_common.db.targets import (
    GLOBAL_URL_ENV,
    SHARDS_ENV,
    database_targets,
    parse_shards_json,
    targets_from_env,
)
from ansinh_common.migrations.runner import COMMANDS, migrate_all


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m ansinh_common.migrations")
    parser.add_argument("--config", required=True, help="the service's alembic.ini")
    parser.add_argument("--global-config", help="alembic.ini of the global database's schema")
    parser.add_argument("--shards", help=f"JSON name → URL (default: {SHARDS_ENV})")
    parser.add_argument("--global-url", help=f"default: {GLOBAL_URL_ENV}")
    parser.add_argument("--only", action="append", default=[], help="target name (repeatable)")
    parser.add_argument("command", choices=sorted(COMMANDS))
    parser.add_argument("args", nargs="*", help="e.g. the revision: head")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s %(message)s")
    args = parse_args(argv)
    if args.shards is None and args.global_url is None:
        targets = targets_from_env()
    else:
        shards = parse_shards_json(args.shards) if args.shards else {}
        targets = database_targets(shards, args.global_url)
    if args.only:
        targets = [t for t in targets if t.name in args.only]
    if not targets:
        raise SystemExit("no database selected: pass --shards/--global-url or set ANSINH_SHARDS")
    migrate_all(args.config, targets, args.command, *args.args, global_ini_path=args.global_config)
    return 0
