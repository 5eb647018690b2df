"""``python -m payment``."""

from payment.entrypoints.main import main

main()
