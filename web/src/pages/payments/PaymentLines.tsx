// The lines of a payment list, each expandable into how its amount was computed (group,
// condition, coefficient, standard level, legal basis), and the totals by kind of line.
import { Table, Tag, Typography } from "antd";
import { formatMoney, formatMonth } from "../../format";
import { label } from "../../labels";
import { LINE_KIND_LABELS, PART_KIND_LABELS } from "./paymentLabels";
import type { PaymentLine } from "./paymentsApi";

type Part = NonNullable<PaymentLine["parts"]>[number];

function Computation({ line }: { line: PaymentLine }) {
  const columns = [
    { title: "Khoản", key: "kind", render: (_: unknown, p: Part) => label(PART_KIND_LABELS, p.kind) },
    { title: "Diện", dataIndex: "group", key: "group" },
    { title: "Điều kiện", key: "condition", render: (_: unknown, p: Part) => p.condition_label || p.description },
    { title: "Tháng", key: "month", render: (_: unknown, p: Part) => formatMonth(p.month) },
    { title: "Hệ số", dataIndex: "coefficient", key: "coefficient", render: (v: string) => v.replace(".", ",") },
    { title: "Mức chuẩn", dataIndex: "standard_level_vnd", key: "level", align: "right" as const, render: (v: number) => formatMoney(v) },
    { title: "Số tiền", dataIndex: "amount_vnd", key: "amount", align: "right" as const, render: (v: number) => formatMoney(v) },
    { title: "Căn cứ pháp lý", key: "basis", render: (_: unknown, p: Part) => [p.legal_basis, p.standard_level_basis].filter(Boolean).join("; ") },
  ];
  return (
    <Table<Part>
      size="small" pagination={false} columns={columns} dataSource={line.parts ?? []}
      rowKey={(p) => `${p.kind}-${p.group}-${p.month}-${p.amount_vnd}`}
      caption={`Cách tính số tiền của dòng ${line.line_id}`}
      data-testid="line-computation"
    />
  );
}

export function PaymentLines({ lines }: { lines: PaymentLine[] }) {
  const columns = [
    { title: "Họ và tên", dataIndex: "full_name", key: "name" },
    { title: "Số định danh", dataIndex: "national_id", key: "id" },
    { title: "Loại", key: "kind", render: (_: unknown, l: PaymentLine) => label(LINE_KIND_LABELS, l.kind) },
    { title: "Tháng của khoản", key: "month", render: (_: unknown, l: PaymentLine) => formatMonth(l.month_for) },
    { title: "Số tiền", dataIndex: "amount_vnd", key: "amount", align: "right" as const, render: (v: number) => formatMoney(v) },
    {
      title: "Ghi chú", key: "note",
      render: (_: unknown, l: PaymentLine) => (
        <>
          {l.needs_review && <Tag color="orange">Cần xem lại</Tag>}
          {l.reason}
        </>
      ),
    },
  ];
  return (
    <Table<PaymentLine>
      size="small" columns={columns} dataSource={lines} rowKey="line_id"
      caption={`Danh sách chi trả: ${lines.length.toLocaleString("vi-VN")} dòng`}
      expandable={{ expandedRowRender: (l) => <Computation line={l} />, columnTitle: "Cách tính" }}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      data-testid="payment-lines"
    />
  );
}

/** Totals by kind of line (count and VND). */
export function TotalsByKind({ lines }: { lines: PaymentLine[] }) {
  const totals = new Map<string, { count: number; vnd: number }>();
  for (const l of lines) {
    const t = totals.get(l.kind) ?? { count: 0, vnd: 0 };
    totals.set(l.kind, { count: t.count + 1, vnd: t.vnd + l.amount_vnd });
  }
  const rows = [...totals.entries()].map(([kind, t]) => ({ kind, ...t }));
  return (
    <Table
      size="small" pagination={false} rowKey="kind" dataSource={rows} caption="Cộng theo loại khoản"
      columns={[
        { title: "Loại", key: "kind", render: (_: unknown, r: { kind: string }) => label(LINE_KIND_LABELS, r.kind) },
        { title: "Số dòng", dataIndex: "count", key: "count", align: "right" as const },
        { title: "Số tiền", dataIndex: "vnd", key: "vnd", align: "right" as const, render: (v: number) => formatMoney(v) },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}><Typography.Text strong>Tổng cộng</Typography.Text></Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">{lines.length}</Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            <Typography.Text strong>{formatMoney(lines.reduce((s, l) => s + l.amount_vnd, 0))}</Typography.Text>
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}
