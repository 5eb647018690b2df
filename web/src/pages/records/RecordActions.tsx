// Changes with a decision on the officer's record page: change information, change the
// coefficient, stop the benefit, record a death. Each is a form; the registry's problem+json
// errors stand beside the field they name; after a change the record and its history reload.
import { Alert, Button, DatePicker, Form, Input, Tabs, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState, type ReactNode } from "react";
import { api, type Problem, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";
import { DATE_FORMAT } from "../../format";
import { DECISION_ITEMS, DecisionFields } from "./DecisionFields";
import { placeProblem } from "./placeProblem";

type Summary = Schemas["RecordSummary"];
type Values = { [key: string]: unknown; decision?: { number?: string; signed_on?: Dayjs | null; signing_unit_code?: string } };
type Outcome = { type: "success" | "error"; text: string } | null;

const iso = (d: unknown): string | undefined => (d && typeof d === "object" && "format" in d ? (d as Dayjs).format("YYYY-MM-DD") : undefined);
const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

function decisionOf(v: Values): Schemas["DecisionIn"] | undefined {
  const d = v.decision;
  if (!d || (!text(d.number) && !d.signed_on)) return undefined;
  return { number: text(d.number) ?? "", signed_on: iso(d.signed_on) ?? null, signing_unit_code: text(d.signing_unit_code) ?? "" };
}

interface ActionFormProps {
  name: string;
  items: string[][];
  submit: string;
  done: string;
  unitCode: string;
  /** ok, or the error; ``done`` replaces the form's message (e.g. nothing differed). */
  send: (values: Values) => Promise<{ ok: boolean; error?: unknown; done?: string }>;
  onChanged: () => void;
  children: ReactNode;
  initial?: Values;
  /** The registry's name of a field → the form item ("category.condition" → category_condition). */
  aliases?: Record<string, string[]>;
}

function ActionForm({ name, items, submit, done, unitCode, send, onChanged, children, initial, aliases }: ActionFormProps) {
  const [form] = Form.useForm<Values>();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  async function finish(values: Values) {
    setOutcome(null);
    setBusy(true);
    const answer = await send(values);
    setBusy(false);
    if (answer.ok) {
      setOutcome({ type: "success", text: answer.done ?? done });
      form.resetFields();
      onChanged();
      return;
    }
    const rest = placeProblem(form, asProblem(answer.error) as Problem, [...items, ...DECISION_ITEMS], aliases);
    if (rest) setOutcome({ type: "error", text: rest });
  }
  return (
    <Form form={form} name={name} layout="vertical" onFinish={(v) => void finish(v)}
      initialValues={{ ...initial, decision: { signing_unit_code: unitCode } }} style={{ maxWidth: 760 }}>
      {children}
      <Button type="primary" htmlType="submit" loading={busy}>{submit}</Button>
      {outcome && (
        <div role={outcome.type === "success" ? "status" : "alert"} style={{ marginTop: 12 }}>
          <Alert type={outcome.type} showIcon message={outcome.text} />
        </div>
      )}
    </Form>
  );
}

function dateItem(name: string, label: string, id: string, required: boolean) {
  return (
    <Form.Item name={name} label={label} htmlFor={id} rules={required ? [{ required: true, message: `Chọn ${label.toLowerCase()}` }] : []}>
      <DatePicker id={id} format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
    </Form.Item>
  );
}

export function RecordActions({ record, unitCode, onChanged }: { record: Summary; unitCode: string; onChanged: () => void }) {
  const path = { province_code: record.province_code, record_id: record.record_id };
  const active = record.status === "active";
  const common = { unitCode, onChanged };

  const information = (
    <ActionForm {...common} name="information" submit="Ghi thay đổi thông tin" done="Đã ghi thay đổi thông tin."
      items={[["full_name"], ["phone"], ["address"], ["ethnicity_code"], ["effective_on"], ["reason"]]}
      initial={{ phone: record.phone ?? "", address: record.address ?? "" }}
      send={async (v) => {
        const body: Schemas["ChangeInformationBody"] = {
          full_name: text(v.full_name), phone: text(v.phone), address: text(v.address),
          ethnicity_code: text(v.ethnicity_code), effective_on: iso(v.effective_on), reason: text(v.reason),
          decision: decisionOf(v),
        };
        const { data, error } = await api.PATCH("/api/v1/beneficiaries/{province_code}/{record_id}", { params: { path }, body });
        return { ok: !!data, error, done: data && !data.changed ? "Thông tin không thay đổi: không ghi biến động." : undefined };
      }}>
      <Form.Item name="full_name" label="Họ và tên (để trống: giữ nguyên)" htmlFor="info-name"><Input id="info-name" /></Form.Item>
      <Form.Item name="phone" label="Số điện thoại" htmlFor="info-phone"><Input id="info-phone" inputMode="tel" /></Form.Item>
      <Form.Item name="address" label="Địa chỉ" htmlFor="info-address"><Input id="info-address" /></Form.Item>
      <Form.Item name="ethnicity_code" label="Mã dân tộc (để trống: giữ nguyên)" htmlFor="info-ethnicity"><Input id="info-ethnicity" style={{ width: 120 }} /></Form.Item>
      {dateItem("effective_on", "Ngày hiệu lực", "info-effective", false)}
      <Form.Item name="reason" label="Lý do" htmlFor="info-reason"><Input id="info-reason" /></Form.Item>
      <DecisionFields prefix="info" required={false} />
    </ActionForm>
  );

  const coefficient = (
    <ActionForm {...common} name="coefficient" submit="Ghi thay đổi hệ số" done="Đã ghi thay đổi hệ số hưởng."
      items={[["category_code"], ["category_condition"], ["coefficient"], ["condition_met_on"], ["reason"]]}
      initial={{ category_code: record.category_code, category_condition: record.category_condition }}
      aliases={{ "category.code": ["category_code"], "category.condition": ["category_condition"], category: ["category_code"] }}
      send={async (v) => {
        const body: Schemas["ChangeCoefficientBody"] = {
          coefficient: text(v.coefficient)?.replace(",", ".") ?? "", condition_met_on: iso(v.condition_met_on) ?? "",
          category_code: text(v.category_code), category_condition: text(v.category_condition),
          reason: text(v.reason), decision: decisionOf(v) ?? { number: "", signing_unit_code: "" },
        };
        const { data, error } = await api.POST("/api/v1/beneficiaries/{province_code}/{record_id}/coefficient-change", { params: { path }, body });
        return { ok: !!data, error };
      }}>
      <Form.Item name="category_code" label="Diện đối tượng (Điều 5 Nghị định 20/2021/NĐ-CP)" htmlFor="coef-category"><Input id="coef-category" style={{ width: 160 }} /></Form.Item>
      <Form.Item name="category_condition" label="Điều kiện theo danh mục" htmlFor="coef-condition"><Input id="coef-condition" style={{ width: 240 }} /></Form.Item>
      <Form.Item name="coefficient" label="Hệ số mới" htmlFor="coef-value" rules={[{ required: true, message: "Nhập hệ số mới" }]}>
        <Input id="coef-value" inputMode="decimal" style={{ width: 120 }} placeholder="Ví dụ: 2,0" />
      </Form.Item>
      {dateItem("condition_met_on", "Ngày đủ điều kiện mới", "coef-met", true)}
      <Form.Item name="reason" label="Lý do" htmlFor="coef-reason"><Input id="coef-reason" /></Form.Item>
      <DecisionFields prefix="coef" />
    </ActionForm>
  );

  const stop = (
    <ActionForm {...common} name="stop" submit="Ghi thôi hưởng" done="Đã ghi thôi hưởng."
      items={[["stopped_on"], ["reason"]]}
      send={async (v) => {
        const body: Schemas["StopBenefitBody"] = {
          stopped_on: iso(v.stopped_on) ?? "", reason: text(v.reason) ?? "",
          decision: decisionOf(v) ?? { number: "", signing_unit_code: "" },
        };
        const { data, error } = await api.POST("/api/v1/beneficiaries/{province_code}/{record_id}/stop", { params: { path }, body });
        return { ok: !!data, error };
      }}>
      {dateItem("stopped_on", "Ngày không còn đủ điều kiện", "stop-on", true)}
      <Form.Item name="reason" label="Lý do thôi hưởng" htmlFor="stop-reason" rules={[{ required: true, message: "Nhập lý do thôi hưởng" }]}>
        <Input id="stop-reason" />
      </Form.Item>
      <DecisionFields prefix="stop" />
    </ActionForm>
  );

  const death = (
    <ActionForm {...common} name="death" submit="Ghi cắt chết" done="Đã ghi cắt chết."
      items={[["died_on"], ["reason"]]}
      send={async (v) => {
        const body: Schemas["RecordDeathBody"] = {
          died_on: iso(v.died_on) ?? "", reason: text(v.reason),
          decision: decisionOf(v) ?? { number: "", signing_unit_code: "" },
        };
        const { data, error } = await api.POST("/api/v1/beneficiaries/{province_code}/{record_id}/death", { params: { path }, body });
        return { ok: !!data, error };
      }}>
      {dateItem("died_on", "Ngày mất", "death-on", true)}
      <Form.Item name="reason" label="Lý do" htmlFor="death-reason"><Input id="death-reason" /></Form.Item>
      <DecisionFields prefix="death" />
    </ActionForm>
  );

  const items = [
    { key: "information", label: "Thay đổi thông tin", children: information },
    ...(active
      ? [
          { key: "coefficient", label: "Thay đổi hệ số", children: coefficient },
          { key: "stop", label: "Thôi hưởng", children: stop },
          { key: "death", label: "Cắt chết", children: death },
        ]
      : []),
  ];
  return (
    <section aria-labelledby="record-actions">
      <Typography.Title level={3} id="record-actions">Ghi biến động theo quyết định</Typography.Title>
      <Tabs items={items} destroyInactiveTabPane />
    </section>
  );
}
