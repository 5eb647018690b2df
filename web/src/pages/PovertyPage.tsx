// Poverty review (read-only here): whether a person's household is poor or near-poor on a date
// (the one question the social-assistance side may ask), a household with its decisions, and
// a commune's review campaign with its current step. The poverty service enforces the
// domain separation (ADR 0006): the menu only shows this page to accounts that may use it.
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, Space, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { Link } from "react-router-dom";
import { api, type Schemas } from "../api/client";
import { asProblem, showProblem } from "../api/problems";
import { DATE_FORMAT, formatDate } from "../format";

export const POVERTY_STATUS: Record<string, string> = {
  poor: "Hộ nghèo",
  near_poor: "Hộ cận nghèo",
  left_poverty: "Đã thoát nghèo",
  left_near_poverty: "Đã thoát cận nghèo",
  none: "Không thuộc hộ nghèo, hộ cận nghèo",
};

function PersonStatus() {
  const [form] = Form.useForm<{ national_id: string; on: Dayjs }>();
  const [answer, setAnswer] = useState<Schemas["GetPersonStatusResponse"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function ask(v: { national_id: string; on: Dayjs }) {
    setError(null);
    const { data, error } = await api.GET("/api/v1/poverty/status", {
      params: { query: { national_id: v.national_id, on: v.on.format("YYYY-MM-DD") } },
    });
    setAnswer(data ?? null);
    if (!data) setError(showProblem(form, asProblem(error)));
  }
  return (
    <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>Tra cứu diện hộ của một người tại một ngày</h3>} size="small">
      <Form form={form} layout="inline" name="status" initialValues={{ on: dayjs() }} onFinish={(v) => void ask(v)} style={{ rowGap: 8 }}>
        <Form.Item name="national_id" label="Số định danh cá nhân" rules={[{ required: true, message: "Vui lòng nhập số định danh." }]}>
          <Input inputMode="numeric" maxLength={12} />
        </Form.Item>
        <Form.Item name="on" label="Tại ngày"><DatePicker format={DATE_FORMAT} allowClear={false} /></Form.Item>
        <Form.Item><Button type="primary" htmlType="submit">Tra cứu</Button></Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      {answer && (
        <Descriptions size="small" column={1} style={{ marginTop: 12 }} data-testid="poverty-status">
          <Descriptions.Item label="Diện hộ">{POVERTY_STATUS[answer.status] ?? answer.status}</Descriptions.Item>
          <Descriptions.Item label="Mã hộ">{answer.household_id || "Chưa có"}</Descriptions.Item>
          {answer.decided_by && (
            <Descriptions.Item label="Căn cứ">
              Quyết định số {answer.decided_by.decision_number}, hiệu lực {formatDate(answer.decided_by.effective_on)}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Card>
  );
}

function Household() {
  const [form] = Form.useForm<{ province_code: string; household_id: string }>();
  const [found, setFound] = useState<Schemas["GetHouseholdResponse"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function open(v: { province_code: string; household_id: string }) {
    setError(null);
    const { data, error } = await api.GET("/api/v1/poverty/households/{province_code}/{household_id}", { params: { path: v } });
    setFound(data ?? null);
    if (!data) setError(showProblem(form, asProblem(error)));
  }
  const columns = [
    { title: "Năm rà soát", dataIndex: "review_year", key: "year" },
    { title: "Diện hộ", dataIndex: "status", key: "status", render: (v: string) => POVERTY_STATUS[v] ?? v },
    { title: "Số quyết định", dataIndex: "decision_number", key: "number" },
    { title: "Ngày hiệu lực", dataIndex: "effective_on", key: "on", render: (v: string) => formatDate(v) },
  ];
  return (
    <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>Hộ gia đình và các quyết định công nhận</h3>} size="small">
      <Form form={form} layout="inline" name="household" onFinish={(v) => void open(v)} style={{ rowGap: 8 }}>
        <Form.Item name="province_code" label="Mã tỉnh" rules={[{ required: true, message: "Vui lòng nhập mã tỉnh." }]}><Input maxLength={2} style={{ width: 80 }} /></Form.Item>
        <Form.Item name="household_id" label="Mã hộ" rules={[{ required: true, message: "Vui lòng nhập mã hộ." }]}><Input /></Form.Item>
        <Form.Item><Button htmlType="submit">Xem hộ</Button></Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      {found && (
        <Space direction="vertical" style={{ width: "100%", marginTop: 12 }}>
          <Descriptions size="small" bordered column={1}>
            <Descriptions.Item label="Địa chỉ">{found.household?.address || "Chưa có"}</Descriptions.Item>
            <Descriptions.Item label="Diện hộ hiện nay">{POVERTY_STATUS[found.status] ?? found.status}</Descriptions.Item>
          </Descriptions>
          <Table rowKey={(c) => `${c.review_year}-${c.decision_number}`} size="small" pagination={false} columns={columns} dataSource={found.history ?? []} caption="Lịch sử quyết định" />
        </Space>
      )}
    </Card>
  );
}

export function PovertyPage() {
  return (
    <section>
      <Typography.Title level={2}>Giảm nghèo</Typography.Title>
      <Space direction="vertical" style={{ width: "100%" }} size="large">
        <Link to="/officer/poverty/reviews">Rà soát hộ nghèo, hộ cận nghèo: các kỳ rà soát của xã</Link>
        <PersonStatus />
        <Household />
      </Space>
    </section>
  );
}
