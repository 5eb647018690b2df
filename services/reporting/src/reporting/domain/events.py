"""Events the reporting service records (none yet)."""
