"""Adapters of the payment service: ORM tables (``orm``); repositories and clients of other
services come with the use cases."""
