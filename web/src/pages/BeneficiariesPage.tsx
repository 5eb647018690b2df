// Search of beneficiary records (the registry scopes it: a commune officer sees their commune).
import { Alert, Button, Checkbox, Form, Input, Select, Space, Table, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api, type Schemas } from "../api/client";
import { asProblem, showProblem } from "../api/problems";
import { formatDate } from "../format";
import { GENDER_LABELS, label, STATUS_LABELS } from "../labels";

type Record = Schemas["RecordSummary"];
interface Filters {
  name?: string;
  personal_id?: string;
  unit_code?: string;
  with_findings?: boolean;
  status?: "active" | "deceased" | "stopped" | "moved_out";
}

export function BeneficiariesPage() {
  const [form] = Form.useForm<Filters>();
  const [params] = useSearchParams(); // ?unit_code=00004: a unit's records (data-quality page)
  const [rows, setRows] = useState<Record[]>([]);
  const [total, setTotal] = useState(0);
  const [pages, setPages] = useState<string[]>([""]);
  const [next, setNext] = useState("");
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const search = useCallback(
    async (token: string) => {
      setLoading(true);
      setError(null);
      const f = form.getFieldsValue();
      const query = {
        name: f.name || undefined, personal_id: f.personal_id || undefined, unit_code: f.unit_code || undefined,
        with_findings: f.with_findings || undefined,
        status: f.status || undefined, page_size: 20, page_token: token || undefined,
      };
      const { data, error } = await api.GET("/api/v1/beneficiaries", { params: { query } });
      setLoading(false);
      if (error || !data) {
        setError(showProblem(form, asProblem(error)));
        return;
      }
      setRows(data.items ?? []);
      setTotal(data.total ?? 0);
      setNext(data.next_page_token ?? "");
    },
    [form],
  );

  useEffect(() => {
    void search("");
  }, [search]);

  const columns = [
    {
      title: "Họ và tên", dataIndex: "full_name", key: "name",
      render: (v: string, r: Record) => <Link to={`/officer/beneficiaries/${r.province_code}/${r.record_id}`}>{v}</Link>,
    },
    { title: "Ngày sinh", dataIndex: "birth_date", key: "birth", render: (v: string) => formatDate(v) },
    { title: "Giới tính", dataIndex: "gender", key: "gender", render: (v: string) => label(GENDER_LABELS, v) },
    { title: "Số định danh", dataIndex: "personal_id", key: "pid" },
    { title: "Diện", dataIndex: "category_code", key: "cat" },
    { title: "Hệ số", dataIndex: "coefficient", key: "coef" },
    { title: "Trạng thái", dataIndex: "status", key: "status", render: (v: string) => label(STATUS_LABELS, v) },
  ];

  return (
    <section>
      <Typography.Title level={2}>Đối tượng bảo trợ xã hội</Typography.Title>
      <Form form={form} name="search" layout="inline" initialValues={{ unit_code: params.get("unit_code") ?? undefined, with_findings: params.get("with_findings") === "true" }} onFinish={() => { setPages([""]); void search(""); }} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="name" label="Họ tên">
          <Input allowClear placeholder="Một phần họ tên" />
        </Form.Item>
        <Form.Item name="personal_id" label="Số định danh">
          <Input allowClear inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item name="unit_code" label="Mã đơn vị">
          <Input allowClear inputMode="numeric" maxLength={5} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="status" label="Trạng thái">
          <Select
            allowClear style={{ width: 160 }} aria-label="Trạng thái"
            options={Object.entries(STATUS_LABELS).map(([value, text]) => ({ value, label: text }))}
          />
        </Form.Item>
        <Form.Item name="with_findings" valuePropName="checked">
          <Checkbox>Chỉ hồ sơ có nhận xét chất lượng dữ liệu</Checkbox>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">Tìm kiếm</Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table<Record>
        rowKey="record_id" columns={columns} dataSource={rows} loading={loading} pagination={false}
        caption={loading ? "Đang tìm…" : `Tìm thấy ${total.toLocaleString("vi-VN")} hồ sơ`} size="middle"
      />
      <Space style={{ marginTop: 16 }}>
        <Button disabled={pages.length <= 1} onClick={() => {
          const prev = pages.slice(0, -1);
          setPages(prev);
          void search(prev[prev.length - 1] ?? "");
        }}>Trang trước</Button>
        <Button disabled={!next} onClick={() => { setPages([...pages, next]); void search(next); }}>Trang sau</Button>
      </Space>
    </section>
  );
}
