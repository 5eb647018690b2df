// A dossier in the officers' workspace: its status, due dates and history, and the workflow
// actions its state offers to the officer's role. The dossier service decides each action
// (order, role, unit, segregation of duties); a refusal is shown as the service words it.
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, Spin, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api, type Schemas } from "../../api/client";
import { asProblem, showProblem } from "../../api/problems";
import { useAuth } from "../../auth/AuthContext";
import { DossierDetails, DossierHistory } from "./DossierDetails";
import { ACTION_LABELS, actionsFor, type ActionName } from "./workflow";

type Dossier = Schemas["DossierView"];
type Body = Schemas["ActionBody"];

const CATEGORIES = ["5.1", "5.2", "5.3", "5.4", "5.5a", "5.5b", "5.5c", "5.5d", "5.6", "5.7", "5.8"];

/** The REST body of an action from the fields its form asks for. */
function bodyOf(action: ActionName, v: Record<string, unknown>, version: number): Body {
  const text = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : "");
  const body: Body = { expected_version: version };
  switch (action) {
    case "refuse_receipt": body.refuse_receipt = { reason: text("reason") }; break;
    case "request_documents": body.request_documents = { documents: text("documents").split(",").map((d) => d.trim()).filter(Boolean), reason: text("reason") }; break;
    case "check_population": body.check_population = { matched: Boolean(v.matched), reference: text("reference") }; break;
    case "record_objection": body.record_objection = { summary: text("summary") }; break;
    case "forward": body.forward = { note: text("note") }; break;
    case "appraise": body.appraise = { eligible: Boolean(v.eligible), category_code: text("category_code"), coefficient: text("coefficient"), note: text("note") }; break;
    case "reject": body.reject = { reason: text("reason") }; break;
    case "decide": body.decide = { decision_number: text("decision_number") }; break;
    default: body[action] = {};
  }
  return body;
}

function ActionFields({ action }: { action: ActionName }) {
  const required = (what: string) => [{ required: true, message: `Vui lòng nhập ${what}.` }];
  switch (action) {
    case "refuse_receipt":
    case "reject":
      return <Form.Item name="reason" label="Lý do" rules={required("lý do")}><Input.TextArea rows={2} /></Form.Item>;
    case "request_documents":
      return (
        <>
          <Form.Item name="documents" label="Giấy tờ cần bổ sung (mã, cách nhau bởi dấu phẩy)" rules={required("giấy tờ")}><Input /></Form.Item>
          <Form.Item name="reason" label="Lý do"><Input /></Form.Item>
        </>
      );
    case "check_population":
      return (
        <>
          <Form.Item name="matched" valuePropName="checked" initialValue={true}><Checkbox>Thông tin khớp với CSDL quốc gia về dân cư</Checkbox></Form.Item>
          <Form.Item name="reference" label="Số tham chiếu lần đối chiếu"><Input /></Form.Item>
        </>
      );
    case "record_objection":
      return <Form.Item name="summary" label="Tóm tắt ý kiến phản ánh" rules={required("nội dung")}><Input.TextArea rows={2} /></Form.Item>;
    case "forward":
      return <Form.Item name="note" label="Ghi chú"><Input /></Form.Item>;
    case "appraise":
      return (
        <>
          <Form.Item name="eligible" valuePropName="checked" initialValue={true}><Checkbox>Đủ điều kiện</Checkbox></Form.Item>
          <Form.Item name="category_code" label="Diện đối tượng (Điều 5 NĐ 20/2021)">
            <Select allowClear options={CATEGORIES.map((c) => ({ value: c, label: c }))} />
          </Form.Item>
          <Form.Item name="coefficient" label="Hệ số"><Input inputMode="decimal" placeholder="Ví dụ 1.5" /></Form.Item>
          <Form.Item name="note" label="Ghi chú (bắt buộc khi không đủ điều kiện)"><Input /></Form.Item>
        </>
      );
    case "decide":
      return <Form.Item name="decision_number" label="Số quyết định" rules={required("số quyết định")}><Input placeholder="Ví dụ 12/QĐ-UBND" /></Form.Item>;
    default:
      return null;
  }
}

function ActionPanel({ dossier, onDone }: { dossier: Dossier; onDone: (d: Dossier, message: string) => void }) {
  const { session } = useAuth();
  const [form] = Form.useForm();
  const offered = actionsFor(dossier.state, session?.roles ?? []);
  const [chosen, setChosen] = useState<ActionName | undefined>(offered[0]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  if (offered.length === 0) return <Alert type="info" showIcon message="Không có thao tác nào dành cho vai trò của bạn ở bước này." />;
  const action = chosen && offered.includes(chosen) ? chosen : offered[0];
  if (!action) return null;

  async function run(values: Record<string, unknown>) {
    if (!action) return;
    setSending(true);
    setError(null);
    const { data, error } = await api.POST("/api/v1/dossiers/{dossier_id}/actions", {
      params: { path: { dossier_id: dossier.dossier_id } }, body: bodyOf(action, values, dossier.version),
    });
    setSending(false);
    if (!data) {
      setError(showProblem(form, asProblem(error)) ?? asProblem(error).detail);
      return;
    }
    form.resetFields();
    onDone(data, `Đã thực hiện: ${ACTION_LABELS[action]}.`);
  }

  return (
    <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>Xử lý hồ sơ</h3>} size="small">
      <Form form={form} layout="vertical" name="action" onFinish={(v: Record<string, unknown>) => void run(v)}>
        <Form.Item label="Thao tác">
          <Select
            aria-label="Thao tác" value={action} onChange={(v: ActionName) => { setChosen(v); setError(null); }}
            options={offered.map((a) => ({ value: a, label: ACTION_LABELS[a] }))}
          />
        </Form.Item>
        <ActionFields action={action} />
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={sending}>{ACTION_LABELS[action]}</Button>
      </Form>
    </Card>
  );
}

export function OfficerDossierPage() {
  const { dossierId = "" } = useParams();
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(() => {
    void api.GET("/api/v1/dossiers/{dossier_id}", { params: { path: { dossier_id: dossierId } } })
      .then(({ data, error }) => (data ? setDossier(data) : setError(asProblem(error).detail)));
  }, [dossierId]);
  useEffect(load, [load]);
  return (
    <section>
      <Link to="/officer/dossiers">← Hồ sơ cần xử lý</Link>
      <Typography.Title level={2}>Hồ sơ {dossier?.dossier_code}</Typography.Title>
      {error && <Alert type="error" showIcon message={error} />}
      {!dossier && !error && <Spin />}
      {dossier && (
        <Space direction="vertical" style={{ width: "100%" }} size="large">
          {done && <Alert type="success" showIcon message={<span role="status">{done}</span>} />}
          <DossierDetails dossier={dossier} />
          <ActionPanel key={`${dossier.version}`} dossier={dossier} onDone={(d, m) => { setDossier(d); setDone(m); }} />
          <DossierHistory lines={dossier.history ?? []} />
        </Space>
      )}
    </section>
  );
}
