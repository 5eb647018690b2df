// The decision a benefit change rests on: number, signing date, signing unit (Decree 20/2021
// Art. 8; the registry refuses a change without it, naming the missing part).
import { DatePicker, Form, Input, Space } from "antd";
import { DATE_FORMAT } from "../../format";

export const DECISION_ITEMS = [["decision", "number"], ["decision", "signed_on"], ["decision", "signing_unit_code"]];

export function DecisionFields({ prefix, required = true }: { prefix: string; required?: boolean }) {
  const rule = (message: string) => (required ? [{ required: true, message }] : []);
  return (
    <fieldset style={{ border: "1px solid #d9d9d9", borderRadius: 6, padding: "8px 12px", marginBottom: 16 }}>
      <legend style={{ fontSize: 14, width: "auto", padding: "0 4px", margin: 0, border: 0 }}>
        Quyết định{required ? "" : " (nếu có)"}
      </legend>
      <Space wrap align="start">
        <Form.Item name={["decision", "number"]} label="Số quyết định" htmlFor={`${prefix}-number`} rules={rule("Nhập số quyết định")}>
          <Input id={`${prefix}-number`} placeholder="Ví dụ: 88/QĐ-UBND" />
        </Form.Item>
        <Form.Item name={["decision", "signed_on"]} label="Ngày ký" htmlFor={`${prefix}-signed`} rules={rule("Chọn ngày ký quyết định")}>
          <DatePicker id={`${prefix}-signed`} format={DATE_FORMAT} placeholder="dd/mm/yyyy" />
        </Form.Item>
        <Form.Item name={["decision", "signing_unit_code"]} label="Mã đơn vị ký" htmlFor={`${prefix}-unit`} rules={rule("Nhập mã đơn vị ký")}>
          <Input id={`${prefix}-unit`} style={{ width: 120 }} />
        </Form.Item>
      </Space>
    </fieldset>
  );
}
