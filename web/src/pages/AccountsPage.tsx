// Accounts of the directly subordinate units: create, disable, enable (the identity service
// refuses any other unit with a 403 shown here).
import { Alert, Button, Card, Checkbox, Form, Input, Select, Space, Typography } from "antd";
import { useState } from "react";
import { api, type Schemas } from "../api/client";
import { asProblem, showProblem } from "../api/problems";
import { label, ROLE_LABELS } from "../labels";

type AccountIn = Schemas["AccountIn"];
const ROLE_OPTIONS = Object.entries(ROLE_LABELS)
  .filter(([r]) => r !== "system_admin")
  .map(([value, text]) => ({ value, label: text }));

export function AccountsPage() {
  const [form] = Form.useForm<AccountIn>();
  const [lockForm] = Form.useForm<{ username: string }>();
  const [message, setMessage] = useState<{ type: "success" | "error"; text: string } | null>(null);
  const [lockMessage, setLockMessage] = useState<{ type: "success" | "error"; text: string } | null>(null);

  async function create(values: AccountIn) {
    setMessage(null);
    const body = { ...values, password: values.password || null, require_password_change: values.require_password_change ?? true };
    const { data, error } = await api.POST("/api/v1/accounts", { body });
    if (data) {
      const pw = data.generated_password ? ` Mật khẩu tạm thời: ${data.generated_password}` : "";
      setMessage({ type: "success", text: `Đã tạo tài khoản ${data.account.username} cho đơn vị ${data.account.unit_code}.${pw}` });
      form.resetFields();
      return;
    }
    const rest = showProblem(form, asProblem(error));
    if (rest) setMessage({ type: "error", text: rest });
  }

  async function toggle(action: "disable" | "enable") {
    setLockMessage(null);
    const username = lockForm.getFieldValue("username") as string;
    const path = action === "disable" ? "/api/v1/accounts/{username}/disable" : "/api/v1/accounts/{username}/enable";
    const { data, error } = await api.POST(path, { params: { path: { username } } });
    if (data) {
      setLockMessage({ type: "success", text: `Tài khoản ${data.username} ${data.enabled ? "đã được mở khóa" : "đã bị khóa"}.` });
    } else {
      setLockMessage({ type: "error", text: asProblem(error).detail });
    }
  }

  return (
    <section>
      <Typography.Title level={2}>Tài khoản đơn vị cấp dưới</Typography.Title>
      <Space direction="vertical" size="large" style={{ width: "100%", maxWidth: 720 }}>
        <Card title={<h3 style={{ margin: 0 }}>Tạo tài khoản</h3>}>
          <Form form={form} name="create" layout="vertical" onFinish={(v) => void create(v)} initialValues={{ roles: ["commune_officer"], require_password_change: true }}>
            <Form.Item name="username" label="Tên đăng nhập" rules={[{ required: true, message: "Nhập tên đăng nhập" }]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Space wrap>
              <Form.Item name="last_name" label="Họ" rules={[{ required: true, message: "Nhập họ" }]}>
                <Input />
              </Form.Item>
              <Form.Item name="first_name" label="Tên" rules={[{ required: true, message: "Nhập tên" }]}>
                <Input />
              </Form.Item>
            </Space>
            <Form.Item name="email" label="Thư điện tử" rules={[{ required: true, message: "Nhập thư điện tử" }]}>
              <Input type="email" />
            </Form.Item>
            <Form.Item name="unit_code" label="Mã đơn vị cấp dưới trực tiếp" rules={[{ required: true, message: "Nhập mã đơn vị" }]}>
              <Input inputMode="numeric" />
            </Form.Item>
            <Form.Item name="roles" label="Vai trò">
              <Select mode="multiple" options={ROLE_OPTIONS} aria-label="Vai trò" />
            </Form.Item>
            <Form.Item name="password" label="Mật khẩu (để trống: hệ thống tự tạo)">
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item name="require_password_change" valuePropName="checked">
              <Checkbox>Yêu cầu đổi mật khẩu khi đăng nhập lần đầu</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit">Tạo tài khoản</Button>
          </Form>
          {message && <Alert style={{ marginTop: 16 }} showIcon type={message.type} message={message.text} role="status" />}
        </Card>
        <Card title={<h3 style={{ margin: 0 }}>Khóa, mở khóa tài khoản</h3>}>
          <Form form={lockForm} name="lock" layout="inline">
            <Form.Item name="username" label="Tên đăng nhập">
              <Input />
            </Form.Item>
            <Space>
              <Button danger onClick={() => void toggle("disable")}>Khóa</Button>
              <Button onClick={() => void toggle("enable")}>Mở khóa</Button>
            </Space>
          </Form>
          {lockMessage && <Alert style={{ marginTop: 16 }} showIcon type={lockMessage.type} message={lockMessage.text} role="status" />}
        </Card>
        <Typography.Text type="secondary">
          Vai trò có thể cấp: {ROLE_OPTIONS.map((o) => label(ROLE_LABELS, o.value)).join(", ")}.
        </Typography.Text>
      </Space>
    </section>
  );
}
