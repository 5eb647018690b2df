"""gRPC server and client helpers.

Import from the modules (this package imports nothing, so ``ansinh_common.auth`` can use
the interceptor bases without a cycle):

* ``ansinh_common.grpc.server``: ``create_server``, ``health_servicer``
* ``ansinh_common.grpc.lifecycle``: ``serve_forever``, ``stop_gracefully``
* ``ansinh_common.grpc.client``: ``make_channel``, ``retry_service_config``
* ``ansinh_common.grpc.deadline``: ``remaining_time``, deadline interceptors
* ``ansinh_common.grpc.errors`` / ``.metrics`` / ``.handlers``: server interceptors
"""
