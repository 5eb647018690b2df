// The officers' workspace: a menu of the pages their role allows, who is signed in, logout.
import { Button, Layout, Menu, Result, Space, Typography } from "antd";
import { Link, Outlet, useLocation } from "react-router-dom";
import { useAuth } from "../auth/AuthContext";
import { logout } from "../auth/oidc";
import { label, ROLE_LABELS } from "../labels";
import { isOfficer, menuFor } from "./menu";

export function OfficerShell() {
  const { session } = useAuth();
  const location = useLocation();
  if (!session || !isOfficer(session.roles)) {
    return <Result status="403" title="Trang này dành cho cán bộ" />;
  }
  const items = menuFor(session.roles);
  const selected = items.find((m) => location.pathname.startsWith(m.path))?.key;
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", gap: 16, background: "#0b3d6e" }}>
        <Typography.Text strong style={{ color: "#fff", fontSize: 18 }}>An Sinh — Không gian làm việc của cán bộ</Typography.Text>
        <Space style={{ marginLeft: "auto", color: "#fff" }}>
          <span data-testid="who">
            {session.name} ({session.roles.filter((r) => r in ROLE_LABELS).map((r) => label(ROLE_LABELS, r)).join(", ")}
            {session.unitCode ? `, đơn vị ${session.unitCode}` : ""})
          </span>
          <Button onClick={() => void logout()}>Đăng xuất</Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={260} theme="light" breakpoint="md" collapsedWidth={0}>
          <nav aria-label="Chức năng">
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected] : []}
              items={items.map((m) => ({ key: m.key, label: <Link to={m.path}>{m.label}</Link> }))}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
            <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
