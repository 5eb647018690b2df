// Where the app finds Keycloak and the gateway. The API is on the page's own origin (the
// gateway serves the app under /app/), so only Keycloak's address is configured, at build time.
export const KEYCLOAK_URL = import.meta.env.VITE_KEYCLOAK_URL ?? "http://127.0.0.1:58080";
export const REALM = "ansinh";
export const CLIENT_ID = "ansinh-web";
export const BASE_PATH = "/app";
