// The citizen's dossiers on the portal: the dossier service lists the caller's own dossiers
// (applicant by the token's personal ID number, or submitted by them), newest first, paged.
import { Alert, Button, Card, Empty, List, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";
import { useAuth } from "../../auth/AuthContext";
import { formatDate } from "../../format";

const PAGE_SIZE = 10;

export function MyDossiers() {
  const { session } = useAuth();
  const navigate = useNavigate();
  const [dossiers, setDossiers] = useState<Schemas["MyDossier"][]>([]);
  const [next, setNext] = useState("");
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async (token: string) => {
    const { data, error } = await api.GET("/api/v1/dossiers/mine", { params: { query: { page_size: PAGE_SIZE, page_token: token } } });
    if (!data) {
      setError(asProblem(error).detail);
      return;
    }
    setError(null);
    setDossiers((shown) => (token ? [...shown, ...(data.dossiers ?? [])] : data.dossiers ?? []));
    setNext(data.next_page_token ?? "");
  }, []);
  useEffect(() => {
    if (session) void load("");
  }, [session, load]);
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>Hồ sơ thủ tục hành chính</h2>} size="small">
      <Button type="primary" block onClick={() => navigate("/portal/apply")}>Nộp hồ sơ trực tuyến</Button>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      {dossiers.length === 0 ? (
        <Empty description="Bạn chưa có hồ sơ nào." />
      ) : (
        <List
          data-testid="my-dossiers"
          dataSource={dossiers}
          renderItem={(d) => (
            <List.Item style={{ display: "block" }}>
              <Link to={`/portal/dossiers/${encodeURIComponent(d.dossier_id)}`}>{d.dossier_code}</Link>
              <div>{d.purpose}</div>
              <Typography.Text strong>{d.status}</Typography.Text>
              {d.submitted_on && <div>Ngày nộp: {formatDate(d.submitted_on)}</div>}
              {d.expected_result_on && <div>Hẹn trả kết quả: {formatDate(d.expected_result_on)}</div>}
            </List.Item>
          )}
        />
      )}
      {next && <Button block onClick={() => void load(next)}>Xem thêm hồ sơ</Button>}
    </Card>
  );
}
