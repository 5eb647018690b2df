"""Entry point: ``python -m ansinh_common.migrations``."""

from ansinh_common.migrations.cli import main

raise SystemExit(main())
