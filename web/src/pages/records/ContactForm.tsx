// The citizen updates the contact details of their own record (phone, address). Identity data
// follow the national population database and policy fields are the competent agency's: the
// registry refuses them (docs/adr/0039), so the form does not offer them.
import { Alert, Button, Form, Input } from "antd";
import { useState } from "react";
import { api, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";
import { placeProblem } from "./placeProblem";

type Record = Schemas["RecordSummary"];
interface Contact { phone?: string; address?: string }

export function ContactForm({ record, onChanged }: { record: Record; onChanged: (r: Record) => void }) {
  const [form] = Form.useForm<Contact>();
  const [outcome, setOutcome] = useState<{ type: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = record.record_id.slice(0, 8);

  async function save(values: Contact) {
    setOutcome(null);
    setBusy(true);
    const { data, error } = await api.PATCH("/api/v1/beneficiaries/{province_code}/{record_id}", {
      params: { path: { province_code: record.province_code, record_id: record.record_id } },
      body: { phone: values.phone?.trim() || undefined, address: values.address?.trim() || undefined },
    });
    setBusy(false);
    if (data) {
      setOutcome({ type: "success", text: data.changed ? "Đã cập nhật thông tin liên hệ." : "Thông tin không thay đổi." });
      if (data.record) onChanged(data.record);
      return;
    }
    const rest = placeProblem(form, asProblem(error), [["phone"], ["address"]]);
    if (rest) setOutcome({ type: "error", text: rest });
  }

  return (
    <Form form={form} name={`contact-${id}`} layout="vertical" onFinish={(v) => void save(v)}
      initialValues={{ phone: record.phone ?? "", address: record.address ?? "" }}>
      <Form.Item name="phone" label="Số điện thoại" htmlFor={`phone-${id}`}
        rules={[{ pattern: /^[0-9+ ]{8,15}$/, message: "Số điện thoại gồm 8 đến 15 chữ số" }]}>
        <Input id={`phone-${id}`} inputMode="tel" autoComplete="tel" />
      </Form.Item>
      <Form.Item name="address" label="Địa chỉ liên hệ" htmlFor={`address-${id}`}>
        <Input id={`address-${id}`} autoComplete="street-address" />
      </Form.Item>
      <p style={{ fontSize: 13, color: "#595959", marginTop: 0 }}>
        Họ tên, ngày sinh, số định danh được cập nhật theo Cơ sở dữ liệu quốc gia về dân cư; diện, hệ số và
        mức hưởng do cơ quan có thẩm quyền quyết định.
      </p>
      <Button type="primary" htmlType="submit" loading={busy} block>Lưu thông tin liên hệ</Button>
      {outcome && (
        <div role={outcome.type === "success" ? "status" : "alert"} style={{ marginTop: 12 }}>
          <Alert type={outcome.type} showIcon message={outcome.text} />
        </div>
      )}
    </Form>
  );
}
