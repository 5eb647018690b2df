/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Keycloak base URL (default http://127.0.0.1:58080, the local stack). */
  readonly VITE_KEYCLOAK_URL?: string;
}
