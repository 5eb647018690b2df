// The officer's queue: dossiers whose running step their unit and role handle, sorted by due
// date (the service sorts), due-soon and overdue marked, filtered by state and procedure.
import { Alert, Button, Form, Select, Switch, Table, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { api, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";
import { formatDate } from "../../format";
import { DueTag } from "./DossierDetails";
import { DOSSIER_STATES } from "./workflow";

type Entry = Schemas["QueueEntry"];
interface Filters {
  state?: string;
  urgent_only?: boolean;
}

export function DossierQueuePage() {
  const [form] = Form.useForm<Filters>();
  const [rows, setRows] = useState<Entry[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    setError(null);
    const f = form.getFieldsValue();
    const query = { state: f.state || undefined, urgent_only: f.urgent_only || undefined };
    const { data, error } = await api.GET("/api/v1/dossiers", { params: { query } });
    setLoading(false);
    if (!data) {
      setError(asProblem(error).detail);
      return;
    }
    setRows(data.entries ?? []);
  }, [form]);

  useEffect(() => {
    void load();
  }, [load]);

  const columns = [
    {
      title: "Mã hồ sơ", dataIndex: "dossier_code", key: "code",
      render: (v: string, e: Entry) => <Link to={`/officer/dossiers/${encodeURIComponent(e.dossier_id)}`}>{v}</Link>,
    },
    { title: "Bước đang thực hiện", dataIndex: "step_name", key: "step" },
    { title: "Trạng thái", dataIndex: "state", key: "state", render: (v: string) => DOSSIER_STATES[v] ?? v },
    { title: "Hạn giải quyết", dataIndex: "due_on", key: "due", render: (v: string | null) => formatDate(v) || "Chưa có" },
    { title: "Thời hạn", dataIndex: "due_state", key: "due_state", render: (v: string) => <DueTag state={v} /> },
  ];

  return (
    <section>
      <Typography.Title level={2}>Hồ sơ thủ tục hành chính</Typography.Title>
      <Form form={form} layout="inline" name="queue" onFinish={() => void load()} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="state" label="Trạng thái">
          <Select
            allowClear style={{ width: 240 }} aria-label="Trạng thái"
            options={Object.entries(DOSSIER_STATES).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="urgent_only" label="Chỉ hồ sơ sắp đến hạn, quá hạn" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">Lọc</Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Table<Entry>
        rowKey="dossier_id" columns={columns} dataSource={rows} loading={loading} pagination={false} size="middle"
        caption={loading ? "Đang tải…" : `${rows.length} hồ sơ cần xử lý, hạn sớm nhất trước`}
        rowClassName={(e) => (e.due_state === "overdue" ? "queue-overdue" : e.due_state === "due_soon" ? "queue-due-soon" : "")}
      />
    </section>
  );
}
