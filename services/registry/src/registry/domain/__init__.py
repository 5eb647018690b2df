"""The registry's domain: plain Python, no I/O (persons, beneficiary records, changes, rules)."""
