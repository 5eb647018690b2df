// One beneficiary record: what it says (now or as of a date) and its history of changes.
import { Descriptions, List, Table, Typography } from "antd";
import type { Schemas } from "../api/client";
import { formatDate, formatDateTime, formatMonth } from "../format";
import { CHANGE_LABELS, GENDER_LABELS, label, STATUS_LABELS } from "../labels";

type Record = Schemas["RecordSummary"];
type Change = Schemas["RecordChange"];

export function RecordDescriptions({ record, mobile = false }: { record: Record; mobile?: boolean }) {
  const decision = record.decision;
  return (
    <Descriptions bordered column={mobile ? 1 : 2} size="small">
      <Descriptions.Item label="Họ và tên">{record.full_name}</Descriptions.Item>
      <Descriptions.Item label="Ngày sinh">{formatDate(record.birth_date)}</Descriptions.Item>
      <Descriptions.Item label="Giới tính">{label(GENDER_LABELS, record.gender)}</Descriptions.Item>
      <Descriptions.Item label="Số định danh">{record.personal_id}</Descriptions.Item>
      <Descriptions.Item label="Trạng thái">
        <strong>{label(STATUS_LABELS, record.status)}</strong>
      </Descriptions.Item>
      <Descriptions.Item label="Diện đối tượng">{record.category_code}</Descriptions.Item>
      <Descriptions.Item label="Hệ số">{record.coefficient}</Descriptions.Item>
      <Descriptions.Item label="Hưởng từ tháng">{formatMonth(record.start_month)}</Descriptions.Item>
      {record.end_month ? <Descriptions.Item label="Đến tháng">{formatMonth(record.end_month)}</Descriptions.Item> : null}
      <Descriptions.Item label="Địa chỉ">{record.address || "Chưa có"}</Descriptions.Item>
      <Descriptions.Item label="Số điện thoại">{record.phone || "Chưa có"}</Descriptions.Item>
      {decision && (
        <Descriptions.Item label="Quyết định">
          Số {decision.number}, ngày {formatDate(decision.signed_on)}, {decision.signing_unit_code}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

function decisionText(c: Change): string {
  return c.decision ? `Số ${c.decision.number}, ngày ${formatDate(c.decision.signed_on)}` : "";
}

/** On a phone (360 px) each change is a block of its own: nothing is cut at the right edge. */
function HistoryList({ changes }: { changes: Change[] }) {
  return (
    <section aria-label="Lịch sử biến động">
    <List
      dataSource={changes} size="small"
      renderItem={(c) => (
        <List.Item style={{ display: "block" }}>
          <Typography.Text strong>{formatDate(c.effective_on)} — {label(CHANGE_LABELS, c.kind)}</Typography.Text>
          {c.reason && <div>Lý do: {c.reason}</div>}
          {c.decision && <div>Quyết định: {decisionText(c)}</div>}
          <div style={{ overflowWrap: "anywhere" }}>
            Ghi lúc {formatDateTime(c.recorded_at)}{c.actor?.username ? `, bởi ${c.actor.username}` : ""}
          </div>
        </List.Item>
      )}
    />
    </section>
  );
}

export function HistoryTable({ changes, mobile = false }: { changes: Change[]; mobile?: boolean }) {
  if (mobile) return <HistoryList changes={changes} />;
  const columns = [
    { title: "Ngày hiệu lực", dataIndex: "effective_on", key: "on", render: (v: string) => formatDate(v) },
    { title: "Biến động", dataIndex: "kind", key: "kind", render: (v: string) => label(CHANGE_LABELS, v) },
    { title: "Lý do", dataIndex: "reason", key: "reason" },
    {
      title: "Quyết định", key: "decision",
      render: (_: unknown, c: Change) => decisionText(c),
    },
    { title: "Người ghi", key: "actor", render: (_: unknown, c: Change) => c.actor?.username ?? "" },
    { title: "Thời điểm ghi", dataIndex: "recorded_at", key: "at", render: (v: string) => formatDateTime(v) },
  ];
  return (
    <>
      <Typography.Title level={3}>Lịch sử biến động</Typography.Title>
      {/* a focusable region, so that a keyboard can scroll the table on a narrow screen */}
      <div role="region" aria-label="Lịch sử biến động" tabIndex={0} style={{ overflowX: "auto" }}>
        <Table<Change>
          rowKey={(c) => `${c.recorded_at ?? ""}-${c.kind}`} columns={columns} dataSource={changes}
          pagination={false} size="small"
        />
      </div>
    </>
  );
}
