// One of the citizen's dossiers on a phone: status, due dates, decision, history.
import { Alert, Button, Spin, Space, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api, type Schemas } from "../../api/client";
import { asProblem } from "../../api/problems";
import { PortalFrame } from "../PortalFrame";
import { DossierDetails, DossierHistory } from "./DossierDetails";

export function CitizenDossier() {
  const { dossierId = "" } = useParams();
  const [dossier, setDossier] = useState<Schemas["DossierView"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    void api.GET("/api/v1/dossiers/{dossier_id}", { params: { path: { dossier_id: dossierId } } })
      .then(({ data, error }) => (data ? setDossier(data) : setError(asProblem(error).detail)));
  }, [dossierId]);
  useEffect(load, [load]);
  return (
    <PortalFrame>
      <Link to="/portal">← Trang của tôi</Link>
      <Typography.Title level={1} style={{ fontSize: 22 }}>Hồ sơ đã nộp</Typography.Title>
      {error && <Alert type="error" showIcon message={error} />}
      {!dossier && !error && <Spin />}
      {dossier && (
        <Space direction="vertical" style={{ width: "100%" }} size="middle">
          <DossierDetails dossier={dossier} mobile />
          <Button onClick={load}>Cập nhật tình trạng</Button>
          <DossierHistory lines={dossier.history ?? []} mobile />
        </Space>
      )}
    </PortalFrame>
  );
}
