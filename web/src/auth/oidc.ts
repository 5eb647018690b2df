// Keycloak login: authorization code + PKCE (S256) with the public client `ansinh-web`,
// silent renewal (refresh token before expiry), logout at Keycloak (ADR 0024).
import { UserManager, WebStorageStateStore, type User } from "oidc-client-ts";
import { BASE_PATH, CLIENT_ID, KEYCLOAK_URL, REALM } from "../config";

const origin = window.location.origin;

export const userManager = new UserManager({
  authority: `${KEYCLOAK_URL}/realms/${REALM}`,
  client_id: CLIENT_ID,
  redirect_uri: `${origin}${BASE_PATH}/callback`,
  post_logout_redirect_uri: `${origin}${BASE_PATH}/`,
  response_type: "code",
  scope: "openid",
  automaticSilentRenew: true,
  accessTokenExpiringNotificationTimeInSeconds: 60,
  userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  ui_locales: "vi",
});

/** The user signed in now (null when none or the session expired). */
export async function currentUser(): Promise<User | null> {
  const user = await userManager.getUser();
  return user && !user.expired ? user : null;
}

export function login(returnTo: string): Promise<void> {
  return userManager.signinRedirect({ state: { returnTo } });
}

export function logout(): Promise<void> {
  return userManager.signoutRedirect();
}
