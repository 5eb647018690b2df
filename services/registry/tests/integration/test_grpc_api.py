"""The gRPC API (RegistryService) on a real server over the test shards."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

import grpc
import pytest
from openpyxl import load_workbook

from ansinh.common.v1 import common_pb2
from ansinh.registry.v1 import registry_pb2, registry_pb2_grpc
from ansinh_common.auth.principal import Principal, use_principal
from ansinh_common.errors import InvalidInput, NotFound, PermissionDenied
from ansinh_common.grpc.client import make_channel
from ansinh_common.grpc.problem import error_from_rpc
from ansinh_common.testing_keycloak import KeycloakTestUsers
from registry.bootstrap import bootstrap
from registry.config import RegistrySettings
from registry.entrypoints.grpc_server import start

from .support import HANOI_OFFICER, Cluster, template_row, write_file

pytestmark = pytest.mark.integration
OTHER_COMMUNE = Principal("sub-x", "canbo.xa", frozenset({"commune_officer"}), "00008")
BA_DINH_OFFICER = Principal("sub-bd", "canbo.badinh", frozenset({"commune_officer"}), "00004")


@pytest.fixture
def stub(cluster: Cluster) -> Iterator[registry_pb2_grpc.RegistryServiceStub]:
    app = bootstrap(RegistrySettings(), router=cluster.router)
    server, port = start(app, port=0)
    channel = make_channel(f"127.0.0.1:{port}", default_timeout=60.0)
    try:
        yield registry_pb2_grpc.RegistryServiceStub(channel)
    finally:
        channel.close()
        server.stop(0).wait()


def _import(
    stub: registry_pb2_grpc.RegistryServiceStub,
    content: bytes,
    mode: registry_pb2.ImportMode.ValueType,
    valid_only: bool = False,
) -> tuple[list[registry_pb2.ImportProgress], registry_pb2.ImportResult]:
    request = registry_pb2.ImportFileRequest(
        mode=mode,
        content=content,
        valid_rows_only=valid_only,
        file_name="00004.xlsx",
    )
    progress, result = [], None
    for message in stub.ImportFile(request):
        if message.WhichOneof("event") == "progress":
            progress.append(message.progress)
        else:
            result = message.result
    assert result is not None
    return progress, result


def test_import_search_get_history_changes_and_export_over_grpc(
    stub: registry_pb2_grpc.RegistryServiceStub, signed_in: KeycloakTestUsers
) -> None:
    rows = [template_row(n) for n in range(1, 31)]
    rows[4]["gender"] = "?"
    with use_principal(signed_in(HANOI_OFFICER)):
        progress, dry = _import(stub, write_file(rows), registry_pb2.IMPORT_MODE_DRY_RUN)
        assert (dry.rows_total, dry.rows_valid, dry.applied) == (30, 29, False)
        assert [e.text for e in dry.errors] == [
            "Dòng 14, cột 'Giới tính': giới tính phải là 'Nam' hoặc 'Nữ'"
        ]
        assert progress[-1].phase == registry_pb2.IMPORT_PHASE_DONE
        assert progress[-1].percent == 100

        _, applied = _import(stub, write_file(rows), registry_pb2.IMPORT_MODE_APPLY, True)
        assert applied.applied and applied.rows_applied == 29 and applied.records_created == 29
        assert load_workbook(io.BytesIO(applied.error_workbook)).worksheets[0].max_row >= 10

    with use_principal(signed_in(BA_DINH_OFFICER)):
        found = stub.SearchRecords(
            registry_pb2.SearchRecordsRequest(
                name="nguyen van thu 1", page=common_pb2.PageRequest(page_size=5)
            )
        )
        # men are the odd rows: "Nguyễn Văn Thử 1", 11, 13, 15, 17, 19
        assert found.page.total == 6
        assert len(found.records) == 5 and found.page.next_page_token
        more = stub.SearchRecords(
            registry_pb2.SearchRecordsRequest(
                name="nguyen van thu 1",
                page=common_pb2.PageRequest(page_size=50, page_token=found.page.next_page_token),
            )
        )
        names = [r.full_name for r in (*found.records, *more.records)]
        assert len(names) == 6 and len(set(names)) == 6 and not more.page.next_page_token
        record = found.records[0]
        assert record.status == registry_pb2.RECORD_STATUS_ACTIVE and record.coefficient == "2"

        got = stub.GetRecord(
            registry_pb2.GetRecordRequest(record_id=record.record_id, province_code="01")
        )
        assert got.record.full_name == record.full_name
        history = stub.GetHistory(
            registry_pb2.GetHistoryRequest(record_id=record.record_id, province_code="01")
        )
        assert [c.kind for c in history.changes] == ["new"]
        assert '"kind":"new"' in history.changes[0].details_json

        changes = stub.ListChanges(
            registry_pb2.ListChangesRequest(province_code="01", kinds=["new"])
        )
        assert changes.page.total == 29

        exported = stub.ExportFile(
            registry_pb2.ExportFileRequest(
                commune_code="00004", period=common_pb2.YearMonth(year=2025, month=9)
            )
        )
        assert exported.rows == 29

    with use_principal(signed_in(OTHER_COMMUNE)):  # Phường Ngọc Hà may not read Ba Đình
        calls: tuple[Callable[[], object], ...] = (
            lambda: stub.GetRecord(
                registry_pb2.GetRecordRequest(record_id=record.record_id, province_code="01")
            ),
            lambda: stub.ExportFile(registry_pb2.ExportFileRequest(commune_code="00004")),
            lambda: stub.SearchRecords(registry_pb2.SearchRecordsRequest(unit_code="00004")),
        )
        for call in calls:
            with pytest.raises(grpc.RpcError) as refused:
                call()
            assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
            assert isinstance(error_from_rpc(refused.value), PermissionDenied)


def test_errors_are_statuses_with_vietnamese_problems(
    stub: registry_pb2_grpc.RegistryServiceStub, signed_in: KeycloakTestUsers
) -> None:
    with use_principal(signed_in(HANOI_OFFICER)):
        with pytest.raises(grpc.RpcError) as missing:
            stub.GetRecord(registry_pb2.GetRecordRequest(record_id="nope", province_code="01"))
        assert missing.value.code() == grpc.StatusCode.NOT_FOUND
        assert isinstance(error_from_rpc(missing.value), NotFound)
        with pytest.raises(grpc.RpcError) as bad:
            list(stub.ImportFile(registry_pb2.ImportFileRequest(content=b"x")))
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
        with pytest.raises(grpc.RpcError) as not_excel:
            list(
                stub.ImportFile(
                    registry_pb2.ImportFileRequest(
                        mode=registry_pb2.IMPORT_MODE_DRY_RUN, content=b"not a workbook"
                    )
                )
            )
        err = error_from_rpc(not_excel.value)
        assert isinstance(err, InvalidInput) and "Excel" in err.detail
