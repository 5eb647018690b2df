// The citizen portal's frame (mobile first, 360 px): header with logout, one narrow column.
import { Button, Layout, Typography } from "antd";
import type { ReactNode } from "react";
import { logout } from "../auth/oidc";

export function PortalFrame({ children }: { children: ReactNode }) {
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", padding: "0 12px", background: "#0b3d6e" }}>
        <Typography.Text strong style={{ color: "#fff", fontSize: 16 }}>An Sinh — Cổng công dân</Typography.Text>
        <Button size="small" style={{ marginLeft: "auto" }} onClick={() => void logout()}>Đăng xuất</Button>
      </Layout.Header>
      <Layout.Content style={{ padding: 12, maxWidth: 720, width: "100%", margin: "0 auto" }}>
        {children}
      </Layout.Content>
    </Layout>
  );
}
