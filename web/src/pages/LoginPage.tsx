import { Button, Card, Typography } from "antd";
import { login } from "../auth/oidc";

export function LoginPage({ returnTo = "/" }: { returnTo?: string }) {
  return (
    <main className="login-page" style={{ maxWidth: 420, margin: "10vh auto", padding: 16 }}>
      <Card>
        <Typography.Title level={1} style={{ fontSize: 28 }}>An Sinh</Typography.Title>
        <Typography.Paragraph>
          Cổng dịch vụ trợ giúp xã hội và giảm nghèo: công dân theo dõi hồ sơ và chế độ của mình,
          cán bộ xử lý hồ sơ và quản lý đối tượng.
        </Typography.Paragraph>
        <Button type="primary" size="large" block onClick={() => void login(returnTo)}>
          Đăng nhập
        </Button>
      </Card>
    </main>
  );
}
