"""Use cases of the payment service (handlers, unit of work).

None yet: they come with the issues that implement the service's use cases.
"""
