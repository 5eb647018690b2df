// A dossier as its applicant and the officers see it: status, due dates, decision, history.
import { Descriptions, List, Table, Tag, Typography } from "antd";
import type { Schemas } from "../../api/client";
import { formatDate } from "../../format";
import { DUE_LABELS } from "./workflow";

type Dossier = Schemas["DossierView"];
type Line = Schemas["HistoryLine"];

const DUE_COLORS: Record<string, string> = { due_soon: "gold", overdue: "red", paused: "default", on_time: "green" };

/** A due state as a tag: the API answers it in Vietnamese in a view and as a code in the queue. */
export function DueTag({ state }: { state: string }) {
  const code = Object.entries(DUE_LABELS).find(([, text]) => text === state)?.[0] ?? state;
  if (!code) return null;
  return <Tag color={DUE_COLORS[code] ?? "default"} style={{ color: "#1f1f1f" }}>{DUE_LABELS[code] ?? state}</Tag>;
}

export function DossierDetails({ dossier, mobile = false }: { dossier: Dossier; mobile?: boolean }) {
  return (
    <Descriptions bordered size="small" column={mobile ? 1 : 2} data-testid="dossier-details">
      <Descriptions.Item label="Mã hồ sơ">{dossier.dossier_code}</Descriptions.Item>
      <Descriptions.Item label="Thủ tục">{dossier.procedure}</Descriptions.Item>
      <Descriptions.Item label="Đề nghị">{dossier.purpose}</Descriptions.Item>
      <Descriptions.Item label="Tình trạng"><strong data-testid="dossier-status">{dossier.status}</strong></Descriptions.Item>
      <Descriptions.Item label="Hạn xử lý bước hiện tại">
        {dossier.due_on ? <>{formatDate(dossier.due_on)} <DueTag state={dossier.due_state} /></> : "Chưa có"}
      </Descriptions.Item>
      <Descriptions.Item label="Ngày hẹn trả kết quả">{formatDate(dossier.expected_result_on) || "Chưa có"}</Descriptions.Item>
      {dossier.decision_number ? <Descriptions.Item label="Quyết định số">{dossier.decision_number}</Descriptions.Item> : null}
      {dossier.refusal_reason ? <Descriptions.Item label="Lý do">{dossier.refusal_reason}</Descriptions.Item> : null}
      {dossier.registry_record_id ? (
        <Descriptions.Item label="Cơ sở dữ liệu đối tượng">Đã ghi nhận vào hồ sơ đối tượng</Descriptions.Item>
      ) : null}
      {dossier.registry_refusal ? <Descriptions.Item label="Cơ sở dữ liệu đối tượng từ chối">{dossier.registry_refusal}</Descriptions.Item> : null}
    </Descriptions>
  );
}

export function DossierHistory({ lines, mobile = false }: { lines: Line[]; mobile?: boolean }) {
  if (mobile) {
    return (
      <section aria-label="Quá trình xử lý">
        <Typography.Title level={2} style={{ fontSize: 18 }}>Quá trình xử lý</Typography.Title>
        <List
          size="small" dataSource={lines}
          renderItem={(l) => (
            <List.Item style={{ display: "block" }}>
              <Typography.Text strong>{l.at} — {l.action}</Typography.Text>
              <div>{l.status}</div>
              {l.note && <div style={{ overflowWrap: "anywhere" }}>{l.note}</div>}
            </List.Item>
          )}
        />
      </section>
    );
  }
  const columns = [
    { title: "Thời điểm", dataIndex: "at", key: "at" },
    { title: "Thao tác", dataIndex: "action", key: "action" },
    { title: "Trạng thái", dataIndex: "status", key: "status" },
    { title: "Đơn vị", dataIndex: "unit_code", key: "unit" },
    { title: "Ghi chú", dataIndex: "note", key: "note" },
  ];
  return (
    <section aria-label="Quá trình xử lý">
      <Typography.Title level={3}>Quá trình xử lý</Typography.Title>
      <Table<Line & { key: number }> columns={columns} dataSource={lines.map((l, key) => ({ ...l, key }))} pagination={false} size="small" />
    </section>
  );
}
