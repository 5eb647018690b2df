// A citizen applies online on a phone: procedure, purpose and form from the procedure's
// definition, the form generated from its fields (Vietnamese labels), attachments, submit.
import { Alert, Button, Checkbox, DatePicker, Form, Input, Select, Space, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api, postForm, type Schemas } from "../../api/client";
import { asProblem, showProblem } from "../../api/problems";
import { useAuth } from "../../auth/AuthContext";
import { DATE_FORMAT } from "../../format";
import { PortalFrame } from "../PortalFrame";
import { documentsFor, formsOf, procedureDef, type FieldDef, type ProcedureDef } from "./procedures";

type Values = Record<string, unknown>;

/** One field of the form; inside an optional group nothing is required here (the service decides). */
function FieldInput({ field, path, optional = false }: { field: FieldDef; path: string[]; optional?: boolean }) {
  const rules = field.required && !optional ? [{ required: true, message: `Vui lòng nhập «${field.label}».` }] : [];
  const name = [...path, field.name];
  if (field.type === "group") {
    return (
      <fieldset style={{ border: "1px solid #d9d9d9", padding: 8, marginBottom: 16, minWidth: 0 }}>
        <legend style={{ fontSize: 14, width: "auto", padding: "0 4px" }}>{field.label}</legend>
        {(field.fields ?? []).map((f) => <FieldInput key={f.name} field={f} path={name} optional={optional || !field.required} />)}
      </fieldset>
    );
  }
  if (field.type === "boolean") {
    return (
      <Form.Item name={name} valuePropName="checked" initialValue={false}>
        <Checkbox>{field.label}</Checkbox>
      </Form.Item>
    );
  }
  let input;
  switch (field.type) {
    case "date":
      input = <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" style={{ width: "100%" }} />;
      break;
    case "choice":
      input = <Select options={field.choices ?? []} placeholder="Chọn" />;
      break;
    case "personal_id":
      input = <Input inputMode="numeric" maxLength={12} />;
      break;
    case "unit_code":
      input = <Input inputMode="numeric" maxLength={5} placeholder="Ví dụ 00004" />;
      break;
    case "ethnicity":
      input = <Input inputMode="numeric" maxLength={2} placeholder="Mã dân tộc, ví dụ 01 (Kinh)" />;
      break;
    default:
      input = <Input maxLength={field.max_length} />;
  }
  return <Form.Item name={name} label={field.label} rules={rules}>{input}</Form.Item>;
}

/** The form's values as the API takes them: dates YYYY-MM-DD, nothing empty. */
function toApi(values: Values): Values {
  const out: Values = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === "") continue;
    if (typeof value === "object" && "format" in value && typeof (value as Dayjs).format === "function") {
      out[key] = (value as Dayjs).format("YYYY-MM-DD");
    } else if (typeof value === "object" && !Array.isArray(value)) {
      const inner = toApi(value as Values);
      if (Object.keys(inner).length) out[key] = inner;
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function CitizenApply() {
  const { session } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ values: Values }>();
  const [procedures, setProcedures] = useState<Schemas["ProcedureSummary"][]>([]);
  const [procedureId, setProcedureId] = useState<string>();
  const [purposeId, setPurposeId] = useState<string>();
  const [formId, setFormId] = useState<string>();
  const [files, setFiles] = useState<Record<string, File>>({});
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    void api.GET("/api/v1/procedures").then(({ data, error }) => {
      if (data) setProcedures(data.procedures ?? []);
      else setError(asProblem(error).detail);
    });
  }, []);

  const procedure: ProcedureDef | null = useMemo(() => {
    const found = procedures.find((p) => p.id === procedureId);
    return found ? procedureDef(found.definition) : null;
  }, [procedures, procedureId]);
  const purpose = procedure?.purposes.find((p) => p.id === purposeId);
  const formDef = formId ? procedure?.forms[formId] : undefined;
  const documents = procedure && formId ? documentsFor(procedure, formId) : [];

  async function submit({ values }: { values: Values }) {
    if (!procedureId || !purposeId || !formId || !session) return;
    setSending(true);
    setError(null);
    const body = { procedure_id: procedureId, purpose_id: purposeId, form_id: formId, values: toApi(values ?? {}), channel: 2 };
    const { data, error } = await api.POST("/api/v1/dossiers", { body });
    if (!data) {
      setSending(false);
      setError(showProblem(form, asProblem(error)));
      return;
    }
    try {
      for (const [documentId, file] of Object.entries(files)) {
        const upload = new FormData();
        upload.append("file", file, file.name);
        await postForm(`/api/v1/dossiers/${encodeURIComponent(data.dossier_id)}/attachments?document_id=${encodeURIComponent(documentId)}`, upload);
      }
    } catch (e) {
      setSending(false);
      setError(`Hồ sơ ${data.dossier_code} đã được nộp nhưng chưa đính kèm được giấy tờ: ${asProblem(e).detail}`);
      return;
    }
    navigate(`/portal/dossiers/${encodeURIComponent(data.dossier_id)}`);
  }

  return (
    <PortalFrame>
      <Link to="/portal">← Trang của tôi</Link>
      <Typography.Title level={1} style={{ fontSize: 22 }}>Nộp hồ sơ trực tuyến</Typography.Title>
      <Space direction="vertical" style={{ width: "100%" }}>
        <label htmlFor="procedure">Thủ tục</label>
        <Select
          id="procedure" style={{ width: "100%" }} placeholder="Chọn thủ tục" value={procedureId}
          options={procedures.map((p) => ({ value: p.id, label: p.name }))}
          onChange={(v: string) => { setProcedureId(v); setPurposeId(undefined); setFormId(undefined); }}
          popupMatchSelectWidth={false} listHeight={320}
        />
        {procedure && (
          <>
            <label htmlFor="purpose">Nội dung đề nghị</label>
            <Select
              id="purpose" style={{ width: "100%" }} placeholder="Chọn nội dung đề nghị" value={purposeId}
              options={procedure.purposes.map((p) => ({ value: p.id, label: p.name }))}
              onChange={(v: string) => { setPurposeId(v); setFormId(undefined); }}
            />
          </>
        )}
        {purpose && (
          <>
            <label htmlFor="form-id">Tờ khai</label>
            <Select
              id="form-id" style={{ width: "100%" }} placeholder="Chọn tờ khai" value={formId}
              options={formsOf(purpose).map((f) => ({ value: f, label: `Mẫu ${f}: ${procedure?.forms[f]?.name ?? ""}` }))}
              onChange={(v: string) => {
                setFormId(v);
                form.setFieldsValue({ values: { personal_id: session?.nationalId ?? undefined } });
              }}
            />
          </>
        )}
      </Space>
      {formDef && (
        <Form form={form} layout="vertical" name="dossier" onFinish={(v) => void submit(v)} style={{ marginTop: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 18 }}>{formDef.name}</Typography.Title>
          {formDef.fields.map((f) => <FieldInput key={f.name} field={f} path={["values"]} />)}
          {documents.length > 0 && (
            <fieldset style={{ border: 0, padding: 0, minWidth: 0 }}>
              <legend style={{ fontSize: 16 }}>Giấy tờ đính kèm (PDF, JPEG, PNG)</legend>
              {documents.map((d) => (
                <div key={d.id} style={{ marginBottom: 12 }}>
                  <label htmlFor={`doc-${d.id}`} style={{ display: "block" }}>{d.name}</label>
                  <input
                    id={`doc-${d.id}`} type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                    style={{ maxWidth: "100%" }}
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      setFiles((old) => {
                        const next = { ...old };
                        if (file) next[d.id] = file;
                        else delete next[d.id];
                        return next;
                      });
                    }}
                  />
                </div>
              ))}
            </fieldset>
          )}
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block size="large" loading={sending}>Nộp hồ sơ</Button>
        </Form>
      )}
      {!formDef && error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
    </PortalFrame>
  );
}
