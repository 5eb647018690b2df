// The units late with their poverty review report (Decision 24/2021/QĐ-TTg calendar): the
// communes of a province, or the provinces for a ministry account.
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Table } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { api, type Schemas } from "../../api/client";
import { asProblem, showProblem } from "../../api/problems";
import { DATE_FORMAT, formatDate } from "../../format";
import { REPORT_KINDS } from "./labels";

interface Query { province_code: string; kind: string; year: number; month?: number; on: Dayjs }

export function LateUnits({ provinceCode }: { provinceCode: string }) {
  const [form] = Form.useForm<Query>();
  const [answer, setAnswer] = useState<Schemas["ListLateUnitsResponse"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function ask(v: Query) {
    setError(null);
    const query = { province_code: v.province_code || undefined, kind: v.kind, year: v.year, month: v.month ?? 0, on: v.on.format("YYYY-MM-DD") };
    const { data, error } = await api.GET("/api/v1/poverty/late-units", { params: { query } });
    setAnswer(data ?? null);
    if (!data) setError(showProblem(form, asProblem(error)));
  }
  const columns = [
    { title: "Mã đơn vị", dataIndex: "unit_code", key: "code" },
    { title: "Tên đơn vị", dataIndex: "unit_name", key: "name" },
    { title: "Ngày có kết quả", dataIndex: "submitted_on", key: "on", render: (v?: string) => (v ? `${formatDate(v)} (muộn)` : "Chưa có") },
  ];
  return (
    <Card size="small" title={<h3 style={{ margin: 0, fontSize: 16 }}>Đơn vị chậm báo cáo</h3>}>
      <Form form={form} layout="inline" name="late-units" initialValues={{ province_code: provinceCode, kind: "annual_official", year: dayjs().year(), on: dayjs() }} onFinish={(v) => void ask(v)} style={{ rowGap: 8 }}>
        <Form.Item name="province_code" label="Tỉnh (trống: các tỉnh)"><Input maxLength={2} style={{ width: 70 }} /></Form.Item>
        <Form.Item name="kind" label="Loại báo cáo"><Select style={{ width: 200 }} options={Object.entries(REPORT_KINDS).map(([value, label]) => ({ value, label }))} /></Form.Item>
        <Form.Item name="year" label="Năm"><InputNumber min={2016} max={2100} /></Form.Item>
        <Form.Item name="month" label="Tháng (báo cáo tháng)"><InputNumber min={2} max={9} /></Form.Item>
        <Form.Item name="on" label="Tại ngày"><DatePicker format={DATE_FORMAT} allowClear={false} /></Form.Item>
        <Form.Item><Button htmlType="submit">Xem đơn vị chậm báo cáo</Button></Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      {answer && (
        <div style={{ marginTop: 12 }}>
          <p>Hạn cuối: {formatDate(answer.last_day)}; số đơn vị phải báo cáo: {answer.units}.</p>
          <Table rowKey="unit_code" size="small" columns={columns} dataSource={answer.late ?? []} caption="Đơn vị chậm báo cáo" locale={{ emptyText: <span style={{ color: "#434343" }}>Không có đơn vị nào chậm báo cáo.</span> }} pagination={{ pageSize: 10 }} />
        </div>
      )}
    </Card>
  );
}
