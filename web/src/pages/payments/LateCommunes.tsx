// The communes of a province whose list of a month is late (due before the 25th of the month
// before: Art. 34 of Decree 20/2021/NĐ-CP), for province officers.
import { Alert, Button, Card, DatePicker, Form, Input, Table } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { asProblem, showProblem } from "../../api/problems";
import { formatDate, todayIso } from "../../format";
import { lateCommunes, type LateCommune } from "./paymentsApi";

interface Query {
  province_code: string;
  month: Dayjs;
}

export function LateCommunes({ defaultProvince }: { defaultProvince: string }) {
  const [form] = Form.useForm<Query>();
  const [rows, setRows] = useState<LateCommune[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const initial: Query = { province_code: defaultProvince, month: dayjs(todayIso().slice(0, 7), "YYYY-MM").add(1, "month") };

  async function load(q: Query) {
    setError(null);
    try {
      setRows(await lateCommunes(q.province_code, q.month.format("YYYY-MM")));
    } catch (e) {
      setError(showProblem(form, asProblem(e)));
    }
  }

  return (
    <Card title={<h3 style={{ margin: 0 }}>Xã chậm lập danh sách chi trả</h3>} style={{ marginTop: 24 }}>
      <Form form={form} layout="inline" name="late-communes" initialValues={initial} onFinish={(q) => void load(q)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="province_code" label="Mã tỉnh" rules={[{ required: true, pattern: /^\d{2}$/, message: "Mã tỉnh gồm 2 chữ số." }]}>
          <Input style={{ width: 80 }} maxLength={2} />
        </Form.Item>
        <Form.Item name="month" label="Tháng chi trả"><DatePicker picker="month" format="MM/YYYY" allowClear={false} /></Form.Item>
        <Form.Item><Button htmlType="submit">Xem</Button></Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
      {rows && (
        <Table<LateCommune>
          size="small" rowKey="commune_code" dataSource={rows} caption={`${rows.length} xã chậm lập danh sách`}
          pagination={{ pageSize: 20, hideOnSinglePage: true }} locale={{ emptyText: "Không có xã nào chậm." }}
          columns={[
            { title: "Mã xã", dataIndex: "commune_code", key: "code" },
            { title: "Tên xã", dataIndex: "commune_name", key: "name" },
            { title: "Ngày phê duyệt", key: "approved", render: (_: unknown, r: LateCommune) => formatDate(r.approved_on) || "Chưa phê duyệt" },
            { title: "Ghi chú", dataIndex: "message", key: "message" },
          ]}
        />
      )}
    </Card>
  );
}
