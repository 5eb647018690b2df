// The one action the review's current step allows (the server refuses any other, 409): step 1
// the list, 3 the village meeting, 4 the posting, 5 the district opinion, 6 the chair's decision.
import { Alert, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { api, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";
import { DATE_FORMAT } from "../../format";
import { showStepProblem } from "./problems";
import { REQUEST_FORMS } from "./labels";

type Review = Schemas["ReviewResponse"];
export type Act = (body: Schemas["ActOnReviewBody"]) => Promise<Schemas["Problem"] | null>;
const iso = (d: Dayjs) => d.format("YYYY-MM-DD");

function DateAction({ name, label, button, field, act }: { name: string; label: string; button: string; field: "close_list_on" | "start_posting_on" | "end_posting_on"; act: Act }) {
  const [form] = Form.useForm<{ on: Dayjs }>();
  const [error, setError] = useState<string | null>(null);
  async function send(v: { on: Dayjs }) {
    const problem = await act({ [field]: iso(v.on) });
    if (problem) {
      const placed = problem.errors?.length ? { ...problem, errors: problem.errors.map((e) => ({ ...e, field: e.field === field ? "on" : e.field })) } : problem;
      setError(showStepProblem(form, placed));
    } else setError(null);
  }
  return (
    <Form form={form} layout="inline" name={name} onFinish={(v) => void send(v)} style={{ rowGap: 8 }}>
      <Form.Item name="on" label={label} rules={[{ required: true, message: "Vui lòng chọn ngày." }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
      <Form.Item><Button type="primary" htmlType="submit">{button}</Button></Form.Item>
      {error && <Alert type="error" showIcon message={error} style={{ width: "100%" }} />}
    </Form>
  );
}

export function ListingStep({ provinceCode, review, onChanged, act }: { provinceCode: string; review: Review; onChanged: (r: Review) => void; act: Act }) {
  const [form] = Form.useForm<{ household_id: string; request_form?: string; request_received_on?: Dayjs }>();
  const [error, setError] = useState<string | null>(null);
  async function add(v: { household_id: string; request_form?: string; request_received_on?: Dayjs }) {
    const body = { household_id: v.household_id.trim(), request_form: v.request_form ?? "", request_channel: v.request_form ? "commune" : "", request_received_on: v.request_received_on ? iso(v.request_received_on) : null };
    const { data, error } = await api.POST("/api/v1/poverty/reviews/{province_code}/{review_id}/households", { params: { path: { province_code: provinceCode, review_id: review.review_id } }, body });
    if (data) {
      form.resetFields();
      setError(null);
      onChanged(data);
    } else {
      const problem = asProblem(error); // the domain names the request "request": its form field
      setError(showStepProblem(form, { ...problem, errors: (problem.errors ?? []).map((e) => ({ ...e, field: e.field === "request" ? "request_form" : e.field })) }));
    }
  }
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      <Form form={form} layout="inline" name="add-household" onFinish={(v) => void add(v)} style={{ rowGap: 8 }}>
        <Form.Item name="household_id" label="Mã hộ" rules={[{ required: true, message: "Vui lòng nhập mã hộ." }]}><Input style={{ width: 320 }} /></Form.Item>
        <Form.Item name="request_form" label="Giấy đề nghị nhận tại xã">
          <Select allowClear style={{ width: 300 }} options={Object.entries(REQUEST_FORMS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="request_received_on" label="Ngày nhận"><DatePicker format={DATE_FORMAT} /></Form.Item>
        <Form.Item><Button htmlType="submit">Đưa hộ vào danh sách</Button></Form.Item>
        {error && <Alert type="error" showIcon message={error} style={{ width: "100%" }} />}
      </Form>
      <DateAction name="close-list" field="close_list_on" label="Ngày chốt danh sách" button="Chốt danh sách" act={act} />
    </Space>
  );
}

interface Meeting { village: string; held_on: Dayjs; attendees: string; chaired_by: string; supervised_by: string; minutes_refs: string; agreeing: Record<string, number | undefined> }

export function MeetingStep({ review, act }: { review: Review; act: Act }) {
  const [form] = Form.useForm<Meeting>();
  const [error, setError] = useState<string | null>(null);
  const waiting = (review.cases ?? []).filter((c) => c.state === "ready");
  const villages = [...new Set(waiting.map((c) => c.village))];
  const village = Form.useWatch("village", form) ?? villages[0];
  const lines = (text: string) => (text ?? "").split("\n").map((l) => l.trim()).filter(Boolean);
  async function send(v: Meeting) {
    const village_meeting = {
      village: v.village, held_on: iso(v.held_on), attendees: lines(v.attendees), chaired_by: v.chaired_by,
      supervised_by: v.supervised_by, minutes_refs: lines(v.minutes_refs),
      agreeing: Object.entries(v.agreeing ?? {}).map(([household_id, agreeing]) => ({ household_id, agreeing: agreeing ?? 0 })),
    };
    const problem = await act({ village_meeting });
    setError(problem ? showStepProblem(form, problem, ["village_meeting"]) : null);
  }
  return (
    <Space direction="vertical" style={{ width: "100%" }}>
      {waiting.length > 0 && (
        <Form form={form} layout="vertical" name="meeting" initialValues={{ village: villages[0] }} onFinish={(v) => void send(v)}>
          <Typography.Title level={4} style={{ fontSize: 15 }}>Biên bản họp dân thôn</Typography.Title>
          <Form.Item name="village" label="Thôn, tổ dân phố"><Select style={{ maxWidth: 320 }} options={villages.map((v) => ({ value: v, label: v }))} /></Form.Item>
          <Form.Item name="held_on" label="Ngày họp" rules={[{ required: true, message: "Vui lòng chọn ngày." }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
          <Form.Item name="attendees" label="Người dự họp (mỗi dòng một người)" rules={[{ required: true, message: "Vui lòng nhập người dự họp." }]}><Input.TextArea rows={4} style={{ maxWidth: 480 }} /></Form.Item>
          <Form.Item name="chaired_by" label="Chủ trì" rules={[{ required: true, message: "Vui lòng nhập người chủ trì." }]}><Input style={{ maxWidth: 320 }} /></Form.Item>
          <Form.Item name="supervised_by" label="Giám sát (Mặt trận Tổ quốc)"><Input style={{ maxWidth: 320 }} /></Form.Item>
          <Form.Item name="minutes_refs" label="Số biên bản (mỗi dòng một số; lập thành hai bản)"><Input.TextArea rows={2} style={{ maxWidth: 320 }} /></Form.Item>
          {waiting.filter((c) => c.village === village).map((c) => (
            <Form.Item key={c.household_id} name={["agreeing", c.household_id]} label={`Số người đồng ý — hộ ${c.household_id}`} rules={[{ required: true, message: "Vui lòng nhập số người đồng ý." }]}>
              <InputNumber min={0} />
            </Form.Item>
          ))}
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit">Ghi kết quả họp dân</Button>
        </Form>
      )}
      {waiting.length === 0 && <DateAction name="start-posting" field="start_posting_on" label="Ngày bắt đầu niêm yết" button="Bắt đầu niêm yết công khai" act={act} />}
    </Space>
  );
}

export function PostingStep({ act }: { act: Act }) {
  return <DateAction name="end-posting" field="end_posting_on" label="Ngày kết thúc niêm yết" button="Kết thúc niêm yết" act={act} />;
}

export function DistrictStep({ act }: { act: Act }) {
  const [form] = Form.useForm<{ opinion: string; agrees: boolean; on: Dayjs }>();
  const [error, setError] = useState<string | null>(null);
  async function send(v: { opinion: string; agrees: boolean; on: Dayjs }) {
    const problem = await act({ district_opinion: { opinion: v.opinion, agrees: !!v.agrees, on: iso(v.on) } });
    setError(problem ? showStepProblem(form, problem, ["district_opinion"]) : null);
  }
  return (
    <Form form={form} layout="vertical" name="district" initialValues={{ agrees: true }} onFinish={(v) => void send(v)}>
      <Form.Item name="opinion" label="Ý kiến của Chủ tịch UBND cấp huyện" rules={[{ required: true, message: "Vui lòng nhập ý kiến." }]}><Input.TextArea rows={2} style={{ maxWidth: 480 }} /></Form.Item>
      <Form.Item name="agrees" valuePropName="checked"><Checkbox>Đồng ý với kết quả rà soát</Checkbox></Form.Item>
      <Form.Item name="on" label="Ngày" rules={[{ required: true, message: "Vui lòng chọn ngày." }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Button type="primary" htmlType="submit">Ghi ý kiến cấp huyện</Button>
    </Form>
  );
}

export function DecisionStep({ review, act }: { review: Review; act: Act }) {
  const [form] = Form.useForm<{ decision_number: string; on: Dayjs; refusal_reasons: Record<string, string> }>();
  const [error, setError] = useState<string | null>(null);
  const requested = (review.cases ?? []).filter((c) => c.request_form);
  async function send(v: { decision_number: string; on: Dayjs; refusal_reasons: Record<string, string> }) {
    const refusal_reasons = Object.entries(v.refusal_reasons ?? {}).filter(([, r]) => r?.trim()).map(([household_id, reason]) => ({ household_id, reason }));
    const problem = await act({ decision: { decision_number: v.decision_number, on: iso(v.on), refusal_reasons } });
    setError(problem ? showStepProblem(form, problem, ["decision"]) : null);
  }
  const initial = { refusal_reasons: Object.fromEntries(requested.map((c) => [c.household_id, ""])) };
  return (
    <Card size="small" title={<h3 style={{ margin: 0, fontSize: 16 }}>Quyết định công nhận</h3>}>
      <Form form={form} layout="vertical" name="decision" initialValues={initial} onFinish={(v) => void send(v)}>
        <Form.Item name="decision_number" label="Số quyết định" rules={[{ required: true, message: "Vui lòng nhập số quyết định." }]}><Input style={{ maxWidth: 240 }} /></Form.Item>
        <Form.Item name="on" label="Ngày quyết định" rules={[{ required: true, message: "Vui lòng chọn ngày." }]}><DatePicker format={DATE_FORMAT} /></Form.Item>
        {requested.map((c) => (
          <Form.Item key={c.household_id} name={["refusal_reasons", c.household_id]} label={`Lý do từ chối đề nghị của hộ ${c.household_id} (nếu không công nhận)`}>
            <Input.TextArea rows={2} style={{ maxWidth: 480 }} />
          </Form.Item>
        ))}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit">Ký quyết định</Button>
      </Form>
    </Card>
  );
}
