"""Adapters of the poverty service: ORM tables (``orm``); repositories and clients of other
services come with the use cases."""
