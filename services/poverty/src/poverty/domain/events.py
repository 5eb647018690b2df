"""Events the poverty service records (none yet)."""
