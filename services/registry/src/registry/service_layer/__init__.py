"""Use cases of the registry: handlers over a unit of work, no I/O of their own."""
