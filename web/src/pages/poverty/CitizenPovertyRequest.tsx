// The citizen asks for a poverty review (Mẫu 01) or to be recognised as having left poverty
// (Mẫu 04) for the household they belong to (the server checks they are a member: 403; Mẫu 04
// only for a poor or near-poor household: 422 on "form"; one pending request: 409).
import { Alert, Button, Card, Descriptions, Form, Radio, Space, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { api, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";
import { useAuth } from "../../auth/AuthContext";
import { formatDate, todayIso } from "../../format";
import { PortalFrame } from "../PortalFrame";
import { POVERTY_STATUS } from "../PovertyPage";
import { showStepProblem } from "./problems";
import { CHANNELS, REQUEST_FORMS } from "./labels";

export function CitizenPovertyRequest() {
  const { session } = useAuth();
  const [form] = Form.useForm<{ form: string }>();
  const [status, setStatus] = useState<Schemas["GetPersonStatusResponse"] | null>(null);
  const [filed, setFiled] = useState<Schemas["FileRequestResponse"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  useEffect(() => {
    if (!session?.nationalId) return;
    void api.GET("/api/v1/poverty/status", { params: { query: { national_id: session.nationalId, on: todayIso() } } })
      .then(({ data, error }) => (data ? setStatus(data) : setError(asProblem(error).detail)));
  }, [session]);

  async function file(v: { form: string }) {
    if (!status) return;
    setSending(true);
    setError(null);
    const body = { province_code: status.province_code, household_id: status.household_id, form: v.form };
    const { data, error } = await api.POST("/api/v1/poverty/requests", { body });
    setSending(false);
    if (data) setFiled(data);
    else {
      const problem = asProblem(error);
      // a refusal without a field (403 another household, 409 already pending) goes beside the choice
      if (!problem.errors?.length) form.setFields([{ name: "form", errors: [problem.detail || problem.title] }]);
      else setError(showStepProblem(form, problem));
    }
  }
  return (
    <PortalFrame>
      <Typography.Title level={1} style={{ fontSize: 22 }}>Đề nghị rà soát hộ nghèo, hộ cận nghèo</Typography.Title>
      <Space direction="vertical" style={{ width: "100%" }} size="middle">
        <Link to="/portal">← Về trang của tôi</Link>
        {error && <Alert type="error" showIcon message={error} />}
        {!status && !error && <Spin />}
        {status && !status.household_id && <Alert type="info" showIcon message="Bạn chưa có tên trong hộ gia đình nào trên hệ thống; vui lòng liên hệ UBND xã nơi cư trú." />}
        {status?.household_id && (
          <Card size="small" title={<h2 style={{ margin: 0, fontSize: 16 }}>Hộ gia đình của tôi</h2>}>
            <Descriptions column={1} size="small" layout="vertical">
              <Descriptions.Item label="Mã hộ"><span style={{ wordBreak: "break-all" }}>{status.household_id}</span></Descriptions.Item>
              <Descriptions.Item label="Diện hộ hiện nay">{POVERTY_STATUS[status.status] ?? status.status}</Descriptions.Item>
            </Descriptions>
          </Card>
        )}
        {status?.household_id && !filed && (
          <Card size="small" title={<h2 style={{ margin: 0, fontSize: 16 }}>Nộp giấy đề nghị</h2>}>
            <Form form={form} layout="vertical" name="poverty-request" initialValues={{ form: "mau_01" }} onFinish={(v) => void file(v)}>
              <Form.Item name="form" label="Loại giấy đề nghị">
                <Radio.Group>
                  <Space direction="vertical">
                    {Object.entries(REQUEST_FORMS).map(([value, label]) => <Radio key={value} value={value}>{label}</Radio>)}
                  </Space>
                </Radio.Group>
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={sending}>Gửi giấy đề nghị</Button>
            </Form>
          </Card>
        )}
        {filed && (
          <Card size="small" title={<h2 style={{ margin: 0, fontSize: 16 }}>Giấy đề nghị đã gửi</h2>}>
            <Descriptions column={1} size="small" layout="vertical" data-testid="poverty-request">
              <Descriptions.Item label="Mã giấy đề nghị"><span style={{ wordBreak: "break-all" }}>{filed.request_id}</span></Descriptions.Item>
              <Descriptions.Item label="Ngày nhận">{formatDate(filed.received_on)}</Descriptions.Item>
              <Descriptions.Item label="Kênh nộp">{CHANNELS[filed.channel] ?? filed.channel}</Descriptions.Item>
              <Descriptions.Item label="Tình trạng">Đang chờ UBND xã đưa vào danh sách rà soát kỳ tới</Descriptions.Item>
            </Descriptions>
          </Card>
        )}
      </Space>
    </PortalFrame>
  );
}
