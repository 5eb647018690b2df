"""Entry point: ``python -m ansinh_common.messaging.relay``."""

from ansinh_common.messaging.relay.cli import main

raise SystemExit(main())
