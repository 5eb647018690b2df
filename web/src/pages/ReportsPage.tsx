// Reports from the reporting service's read models: beneficiaries of a month with the month's
// changes as a chart (and the same numbers as a table), the Excel form, and the data-quality
// campaign's progress by unit.
import { Alert, Button, DatePicker, Form, Input, Progress, Select, Space, Statistic, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { api, downloadFile, type Schemas } from "../api/client";
import { asProblem, showProblem } from "../api/problems";
import { useAuth } from "../auth/AuthContext";
import { formatMonth } from "../format";
import { CHANGE_LABELS, GENDER_LABELS, label } from "../labels";

type Count = Schemas["Count"];
type Report = Schemas["BeneficiariesReport"];
type Quality = Schemas["DataQualityReport"];
type Level = "country" | "province" | "district" | "commune";

const LEVELS: { value: Level; label: string }[] = [
  { value: "country", label: "Cả nước" },
  { value: "province", label: "Tỉnh, thành phố" },
  { value: "commune", label: "Xã, phường, đặc khu" },
];

/** Bars people would rather look at than read; the numbers stay in the table below. */
export function BarChart({ title, counts, names }: { title: string; counts: Count[]; names: Record<string, string> }) {
  const max = Math.max(1, ...counts.map((c) => c.count));
  return (
    <figure style={{ margin: 0 }} aria-label={title}>
      <figcaption><Typography.Title level={3} style={{ fontSize: 16 }}>{title}</Typography.Title></figcaption>
      {counts.length === 0 && <Typography.Text>Không có biến động.</Typography.Text>}
      {counts.map((c) => (
        <div key={c.key} style={{ display: "flex", alignItems: "center", gap: 8, marginBottom: 4 }}>
          <span style={{ width: 160, flex: "none" }}>{label(names, c.key) || "Chưa có thông tin"}</span>
          <span aria-hidden style={{ background: "#0b57a4", height: 16, width: `${(60 * c.count) / max}%`, minWidth: 2 }} />
          <span>{c.count.toLocaleString("vi-VN")}</span>
        </div>
      ))}
    </figure>
  );
}

function CountTable({ caption, counts, names }: { caption: string; counts: Count[]; names: Record<string, string> }) {
  const columns = [
    { title: "Nhóm", dataIndex: "key", key: "key", render: (v: string) => label(names, v) || "Chưa có thông tin" },
    { title: "Số lượng", dataIndex: "count", key: "count", render: (v: number) => v.toLocaleString("vi-VN") },
  ];
  return <Table<Count> rowKey="key" size="small" pagination={false} caption={caption} columns={columns} dataSource={counts} />;
}

interface Query {
  level: Level;
  unit_code?: string;
  month: Dayjs;
}

export function ReportsPage() {
  const { session } = useAuth();
  const [form] = Form.useForm<Query>();
  const [report, setReport] = useState<Report | null>(null);
  const [quality, setQuality] = useState<Quality | null>(null);
  const [error, setError] = useState<string | null>(null);
  const unit = session?.unitCode ?? "";
  const initial: Query = {
    level: unit.length === 5 ? "commune" : unit.length === 2 ? "province" : "country",
    unit_code: unit.length === 5 || unit.length === 2 ? unit : undefined,
    month: dayjs(),
  };

  function query(q: Query) {
    return { level: q.level, unit_code: q.unit_code || undefined, month: q.month.format("YYYY-MM") };
  }

  async function load(q: Query) {
    setError(null);
    const { data, error } = await api.GET("/api/v1/reports/beneficiaries", { params: { query: query(q) } });
    if (!data) {
      setReport(null);
      setError(showProblem(form, asProblem(error)));
      return;
    }
    setReport(data);
    const qLevel = q.level === "country" ? "country" : "province";
    const qUnit = q.level === "country" ? undefined : (q.unit_code ?? "").slice(0, 2);
    const answer = await api.GET("/api/v1/reports/data-quality", { params: { query: { level: qLevel, unit_code: qUnit } } });
    setQuality(answer.data ?? null);
  }

  async function excel() {
    const q = query(form.getFieldsValue());
    const params = new URLSearchParams({ level: q.level, month: q.month, ...(q.unit_code ? { unit_code: q.unit_code } : {}) });
    try {
      await downloadFile(`/api/v1/reports/beneficiaries.xlsx?${params.toString()}`, `bao-cao-${q.month}.xlsx`);
    } catch (e) {
      setError(asProblem(e).detail);
    }
  }

  const qualityColumns = [
    { title: "Hạng", dataIndex: "rank", key: "rank" },
    { title: "Đơn vị", dataIndex: "unit_code", key: "unit" },
    { title: "Số hồ sơ", dataIndex: "records", key: "records", render: (v: number) => v.toLocaleString("vi-VN") },
    {
      title: "Mức đầy đủ", dataIndex: "score", key: "score",
      render: (v: number, u: Schemas["UnitQuality"]) => {
        const percent = Math.round((v <= 1 ? v * 100 : v) * 10) / 10;
        return <Progress percent={percent} size="small" aria-label={`Mức đầy đủ của đơn vị ${u.unit_code}`} />;
      },
    },
  ];

  return (
    <section>
      <Typography.Title level={2}>Báo cáo</Typography.Title>
      <Form form={form} layout="inline" name="report" initialValues={initial} onFinish={(q) => void load(q)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="level" label="Cấp">
          <Select style={{ width: 200 }} aria-label="Cấp" options={LEVELS} />
        </Form.Item>
        <Form.Item name="unit_code" label="Mã đơn vị"><Input style={{ width: 120 }} /></Form.Item>
        <Form.Item name="month" label="Tháng báo cáo">
          <DatePicker picker="month" format="MM/YYYY" allowClear={false} />
        </Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">Xem báo cáo</Button></Form.Item>
        <Form.Item><Button onClick={() => void excel()}>Tải biểu mẫu Excel</Button></Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {report && (
        <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="report">
          <Statistic title={`Đối tượng đang hưởng tháng ${formatMonth(report.month)}, đơn vị ${report.unit_code}`} value={report.total} groupSeparator="." />
          <BarChart title="Biến động trong tháng" counts={report.changes ?? []} names={CHANGE_LABELS} />
          <CountTable caption="Biến động trong tháng (số liệu)" counts={report.changes ?? []} names={CHANGE_LABELS} />
          <CountTable caption="Theo diện đối tượng" counts={report.by_category ?? []} names={{}} />
          <CountTable caption="Theo giới tính" counts={report.by_gender ?? []} names={GENDER_LABELS} />
        </Space>
      )}
      {quality && (
        <section aria-label="Chất lượng dữ liệu theo đơn vị" style={{ marginTop: 24 }}>
          <Typography.Title level={3}>Chiến dịch làm sạch dữ liệu: mức đầy đủ theo đơn vị</Typography.Title>
          <Table<Schemas["UnitQuality"]>
            rowKey="unit_code" size="small" columns={qualityColumns} dataSource={quality.units ?? []}
            pagination={{ pageSize: 20 }} caption="Xếp hạng từ tốt nhất"
          />
        </section>
      )}
    </section>
  );
}
