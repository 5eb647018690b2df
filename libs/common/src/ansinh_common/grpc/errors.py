"""Server interceptor: domain errors become gRPC statuses with problem details."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import grpc
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from ansinh_common.db.errors import UnknownProvinceError
from ansinh_common.errors import DomainError, FieldError, NotFound, Unavailable
from ansinh_common.grpc.handlers import ScopedServerInterceptor
from ansinh_common.grpc.problem import abort_with_error, error_from_rpc

_log = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = "Cơ sở dữ liệu tạm thời không truy cập được, vui lòng thử lại sau."
_DATABASE_DOWN = (OperationalError, InterfaceError, DisconnectionError, PoolTimeoutError)
"""The database is unreachable or timed out: UNAVAILABLE (HTTP 503), never INTERNAL."""


def _already_aborted(context: grpc.ServicerContext) -> bool:
    code = context.code()
    return code is not None and code != grpc.StatusCode.OK


class ErrorMappingInterceptor(ScopedServerInterceptor):
    """Maps exceptions escaping a servicer.

    * ``DomainError`` → its status (``ERROR_TO_GRPC``), detail as the status message and
      the problem JSON in ``ansinh-problem-bin``;
    * ``UnknownProvinceError`` (a province code no shard holds) → NOT_FOUND naming the field
      ``province_code``;
    * ``grpc.RpcError`` from a downstream call → the domain error it carried;
    * the database unreachable (SQLAlchemy ``OperationalError`` and kin) → UNAVAILABLE, so
      the gateway answers 503 with ``Retry-After`` (ADR 0008);
    * anything else → INTERNAL with a generic Vietnamese problem (logged, not leaked).
    A servicer that aborted by itself (``context.abort``) is left alone.
    """

    @contextmanager
    def scope(self, method: str, context: grpc.ServicerContext) -> Iterator[None]:
        try:
            yield
        except DomainError as err:
            _log.info("%s: %s %s", method, type(err).__name__, err.detail)
            abort_with_error(context, err)
        except UnknownProvinceError as exc:
            _log.info("%s: %s", method, exc)
            abort_with_error(context, unknown_province(exc.province_code))
        except grpc.RpcError as exc:
            _log.warning("%s: downstream call failed: %s", method, exc)
            abort_with_error(context, error_from_rpc(exc))
        except _DATABASE_DOWN as exc:  # the message may hold SQL parameters: not logged
            if _already_aborted(context):
                raise
            _log.warning("%s: database unavailable (%s)", method, type(exc).__name__)
            abort_with_error(context, Unavailable(DATABASE_UNAVAILABLE))
        except Exception:
            if _already_aborted(context):
                raise
            _log.exception("%s: unexpected error", method)
            abort_with_error(context, DomainError())


def unknown_province(province_code: str) -> NotFound:
    """The answer to a province code that no shard holds (not a province, or not served)."""
    shown = province_code if province_code.isprintable() else repr(province_code)
    return NotFound(
        f"Không có dữ liệu của tỉnh/thành phố có mã {shown or '(trống)'}.",
        errors=[FieldError("province_code", "Mã tỉnh/thành phố không tồn tại.", "unknown")],
    )
