// The citizen portal (mobile first, 360 px): what the platform knows about them and their
// beneficiary records (the registry answers a citizen with their own records only).
import { Alert, Card, Collapse, Descriptions, Empty, Space, Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { api, type Schemas } from "../api/client";
import { asProblem } from "../api/problems";
import { useAuth } from "../auth/AuthContext";
import { MyDossiers } from "./dossiers/MyDossiers";
import { MyPayments } from "./payments/MyPayments";
import { PortalFrame } from "./PortalFrame";
import { ContactForm } from "./records/ContactForm";
import { HistoryTable, RecordDescriptions } from "./RecordView";

type Record = Schemas["RecordSummary"];

function RecordCard({ record: initial }: { record: Record }) {
  const [record, setRecord] = useState(initial);
  const [changes, setChanges] = useState<Schemas["RecordChange"][] | null>(null);
  const path = { province_code: record.province_code, record_id: record.record_id };
  async function loadHistory() {
    const { data } = await api.GET("/api/v1/beneficiaries/{province_code}/{record_id}/history", { params: { path } });
    setChanges(data?.changes ?? []);
  }
  return (
    <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>Hồ sơ trợ cấp xã hội</h3>} size="small">
      <RecordDescriptions record={record} mobile />
      <Collapse
        style={{ marginTop: 12 }}
        onChange={(open) => { if (open.length && changes === null) void loadHistory(); }}
        items={[{ key: "h", label: "Lịch sử biến động", children: changes === null ? <Spin /> : <HistoryTable changes={changes} mobile /> }]}
      />
      <Collapse
        style={{ marginTop: 12 }}
        items={[{
          key: "c", label: "Cập nhật thông tin liên hệ",
          children: <ContactForm record={record} onChanged={(r) => { setRecord(r); if (changes !== null) void loadHistory(); }} />,
        }]}
      />
    </Card>
  );
}

export function CitizenPortal() {
  const { session } = useAuth();
  const [me, setMe] = useState<Schemas["Me"] | null>(null);
  const [records, setRecords] = useState<Record[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void api.GET("/api/v1/me").then(({ data }) => setMe(data ?? null));
    void api.GET("/api/v1/beneficiaries", { params: { query: { page_size: 10 } } }).then(({ data, error }) => {
      if (data) setRecords(data.items ?? []);
      else setError(asProblem(error).detail);
    });
  }, []);

  return (
    <PortalFrame>
          <Typography.Title level={1} style={{ fontSize: 22 }}>Xin chào {session?.name}</Typography.Title>
          <Space direction="vertical" style={{ width: "100%" }} size="middle">
            <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>Thông tin nền tảng biết về tôi</h2>} size="small">
              {me ? (
                <Descriptions column={1} size="small">
                  <Descriptions.Item label="Tên đăng nhập">{me.username}</Descriptions.Item>
                  <Descriptions.Item label="Số định danh cá nhân">{me.national_id}</Descriptions.Item>
                </Descriptions>
              ) : <Spin />}
            </Card>
            <MyDossiers />
            <Link to="/portal/poverty">Đề nghị rà soát hộ nghèo, hộ cận nghèo</Link>
            <Typography.Title level={2} style={{ fontSize: 18 }}>Hồ sơ của tôi</Typography.Title>
            {error && <Alert type="error" showIcon message={error} />}
            {records === null && !error && <Spin />}
            {records?.length === 0 && <Empty description="Chưa có hồ sơ trợ giúp xã hội nào." />}
            {records?.map((r) => <RecordCard key={r.record_id} record={r} />)}
            {records && records.length > 0 && <MyPayments />}
          </Space>
    </PortalFrame>
  );
}
