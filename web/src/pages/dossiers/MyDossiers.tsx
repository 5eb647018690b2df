// The citizen's dossiers on the portal: each read from the dossier service (status, due date).
import { Button, Card, Empty, List, Typography } from "antd";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api, type Schemas } from "../../api/client";
import { useAuth } from "../../auth/AuthContext";
import { formatDate } from "../../format";
import { rememberedDossiers } from "./workflow";

export function MyDossiers() {
  const { session } = useAuth();
  const navigate = useNavigate();
  const [dossiers, setDossiers] = useState<Schemas["DossierView"][]>([]);
  useEffect(() => {
    if (!session) return;
    const ids = rememberedDossiers(session.username);
    void Promise.all(ids.map((id) => api.GET("/api/v1/dossiers/{dossier_id}", { params: { path: { dossier_id: id } } })))
      .then((answers) => setDossiers(answers.flatMap(({ data }) => (data ? [data] : []))));
  }, [session]);
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>Hồ sơ thủ tục hành chính</h2>} size="small">
      <Button type="primary" block onClick={() => navigate("/portal/apply")}>Nộp hồ sơ trực tuyến</Button>
      {dossiers.length === 0 ? (
        <Empty description="Chưa có hồ sơ nào được nộp từ thiết bị này." />
      ) : (
        <List
          dataSource={dossiers}
          renderItem={(d) => (
            <List.Item style={{ display: "block" }}>
              <Link to={`/portal/dossiers/${encodeURIComponent(d.dossier_id)}`}>{d.dossier_code}</Link>
              <div>{d.purpose}</div>
              <Typography.Text strong>{d.status}</Typography.Text>
              {d.expected_result_on && <div>Hẹn trả kết quả: {formatDate(d.expected_result_on)}</div>}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
