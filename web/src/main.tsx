import { App as AntApp, ConfigProvider } from "antd";
import viVN from "antd/locale/vi_VN";
import dayjs from "dayjs";
import "dayjs/locale/vi";
import customParseFormat from "dayjs/plugin/customParseFormat";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { App } from "./App";
import { AuthProvider } from "./auth/AuthContext";
import { BASE_PATH } from "./config";

dayjs.extend(customParseFormat);
dayjs.locale("vi");

// colours chosen for WCAG AA contrast (axe-core checks them in the browser tests)
const theme = {
  token: {
    colorPrimary: "#0b57a4", colorLink: "#0b57a4", colorError: "#c41d1f",
    colorTextDescription: "#595959", colorTextSecondary: "#595959", colorTextTertiary: "#595959",
    colorTextPlaceholder: "#6b6b6b",
  },
};

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ConfigProvider locale={viVN} theme={theme}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter basename={BASE_PATH}>
            <App />
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
