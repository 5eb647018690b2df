import { Result, Spin } from "antd";
import { useEffect } from "react";
import { Navigate, Route, Routes, useLocation, useNavigate } from "react-router-dom";
import { useAuth } from "./auth/AuthContext";
import { userManager } from "./auth/oidc";
import { OfficerShell } from "./layout/OfficerShell";
import { isCitizen, isOfficer, menuFor } from "./layout/menu";
import { AccountsPage } from "./pages/AccountsPage";
import { BeneficiariesPage } from "./pages/BeneficiariesPage";
import { CitizenPortal } from "./pages/CitizenPortal";
import { ExcelPage } from "./pages/ExcelPage";
import { LoginPage } from "./pages/LoginPage";
import { PovertyPage } from "./pages/PovertyPage";
import { RecordPage } from "./pages/RecordPage";
import { ReportsPage } from "./pages/ReportsPage";
import { CitizenApply } from "./pages/dossiers/CitizenApply";
import { CitizenDossier } from "./pages/dossiers/CitizenDossier";
import { DossierQueuePage } from "./pages/dossiers/DossierQueuePage";
import { OfficerDossierPage } from "./pages/dossiers/OfficerDossierPage";
import { CitizenPovertyRequest } from "./pages/poverty/CitizenPovertyRequest";
import { ReviewPage } from "./pages/poverty/ReviewPage";
import { ReviewsPage } from "./pages/poverty/ReviewsPage";
import { PaymentsPage } from "./pages/payments/PaymentsPage";
import { DataQualityPage } from "./pages/records/DataQualityPage";

function Callback() {
  const navigate = useNavigate();
  useEffect(() => {
    userManager
      .signinRedirectCallback()
      .then((user) => {
        const state = user.state as { returnTo?: string } | undefined;
        navigate(state?.returnTo && state.returnTo !== "/callback" ? state.returnTo : "/", { replace: true });
      })
      .catch(() => navigate("/", { replace: true }));
  }, [navigate]);
  return <Spin fullscreen tip="Đang đăng nhập…" />;
}

function Home() {
  const { session } = useAuth();
  if (!session) return <LoginPage />;
  if (isOfficer(session.roles)) {
    const first = menuFor(session.roles)[0];
    return <Navigate to={first?.path ?? "/officer/beneficiaries"} replace />;
  }
  if (isCitizen(session.roles)) return <Navigate to="/portal" replace />;
  return <Result status="403" title="Tài khoản chưa được cấp vai trò nào" />;
}

export function App() {
  const { session, ready } = useAuth();
  const location = useLocation();
  if (location.pathname === "/callback") return <Callback />;
  if (!ready) return <Spin fullscreen tip="Đang tải…" />;
  if (!session && location.pathname !== "/") return <LoginPage returnTo={location.pathname + location.search} />;
  return (
    <Routes>
      <Route path="/" element={<Home />} />
      <Route path="/portal" element={<CitizenPortal />} />
      <Route path="/portal/apply" element={<CitizenApply />} />
      <Route path="/portal/dossiers/:dossierId" element={<CitizenDossier />} />
      <Route path="/portal/poverty" element={<CitizenPovertyRequest />} />
      <Route path="/officer" element={<OfficerShell />}>
        <Route path="beneficiaries" element={<BeneficiariesPage />} />
        <Route path="beneficiaries/:province/:recordId" element={<RecordPage />} />
        <Route path="data-quality" element={<DataQualityPage />} />
        <Route path="excel" element={<ExcelPage />} />
        <Route path="dossiers" element={<DossierQueuePage />} />
        <Route path="dossiers/:dossierId" element={<OfficerDossierPage />} />
        <Route path="accounts" element={<AccountsPage />} />
        <Route path="poverty" element={<PovertyPage />} />
        <Route path="poverty/reviews" element={<ReviewsPage />} />
        <Route path="poverty/reviews/:province/:reviewId" element={<ReviewPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="payments" element={<PaymentsPage />} />
      </Route>
      <Route path="*" element={<Result status="404" title="Không tìm thấy trang" />} />
    </Routes>
  );
}
