#!/usr/bin/env bash
# Print where everything is (called at the end of `make up`).
set -euo pipefail
cat <<'TXT'

An Sinh is running.  Logs: .run/logs/<program>.log   Stop: make down   Wipe data: make reset

  Web application           http://127.0.0.1:58000/app/  (log in with a demo account below)
  Gateway (REST, OpenAPI)   http://127.0.0.1:58000/docs
  Keycloak admin console    http://127.0.0.1:58080/admin/  (admin / admin, realm "ansinh")
  Keycloak realm (OIDC)     http://127.0.0.1:58080/realms/ansinh/.well-known/openid-configuration
  Keycloak health/metrics   http://127.0.0.1:58090/health/ready   http://127.0.0.1:58090/metrics
  PostgreSQL                postgresql://ansinh:ansinh@127.0.0.1:55432/postgres
  Redis                     redis://127.0.0.1:56379/0
  Kafka bootstrap           127.0.0.1:59092
  gRPC services             127.0.0.1:58051..58056   metrics http://127.0.0.1:58151..58156/metrics
  Prometheus (alerts)       http://127.0.0.1:59090   (rules: /alerts; gateway metrics :58150, relays :58352..58356)

Demo accounts (password demo123; web app client ansinh-web, API client ansinh-gateway):
  bo.admin     system_admin       unit VN
  bo.canbo     ministry_officer   unit VN
  tinh.hanoi   province_officer   unit 01     (Thành phố Hà Nội)
  xa.canbo     commune_officer    unit 00004  (Phường Ba Đình, Hà Nội)
  xa.lanhdao   commune_leader     unit 00004  (Phường Ba Đình, Hà Nội)
  congdan.an   citizen            national_id 001090012345

Token for a demo account:
  curl -s -d grant_type=password -d client_id=ansinh-gateway -d username=xa.canbo -d password=demo123 \
    http://127.0.0.1:58080/realms/ansinh/protocol/openid-connect/token
TXT
echo "Programs:"
"$(dirname "${BASH_SOURCE[0]}")/servers.sh" ctl status | sed 's/^/  /' || true
