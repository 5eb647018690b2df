"""The REST API: middleware, error handlers, dependencies and routers."""
