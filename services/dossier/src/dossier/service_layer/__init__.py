"""Use cases of the dossier service (handlers, unit of work).

None yet: they come with the issues that implement the service's use cases.
"""
