// The signed-in user, read from the access token's claims (roles, unit, national id).
import type { User } from "oidc-client-ts";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { currentUser, userManager } from "./oidc";

export interface Session {
  user: User;
  username: string;
  name: string;
  roles: string[];
  unitCode: string | null;
  nationalId: string | null;
}

interface AuthState {
  session: Session | null;
  ready: boolean;
}

const AuthContext = createContext<AuthState>({ session: null, ready: false });

function claims(token: string): Record<string, unknown> {
  const part = token.split(".")[1] ?? "";
  const json = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
}

export function toSession(user: User): Session {
  const c = claims(user.access_token);
  const roles = Array.isArray(c.roles) ? (c.roles as string[]) : [];
  const profile = user.profile;
  const name = [profile.family_name, profile.given_name].filter(Boolean).join(" ");
  return {
    user,
    username: String(c.preferred_username ?? profile.preferred_username ?? ""),
    name: name || String(profile.preferred_username ?? ""),
    roles,
    unitCode: typeof c.unit_code === "string" ? c.unit_code : null,
    nationalId: typeof c.national_id === "string" ? c.national_id : null,
  };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ session: null, ready: false });
  useEffect(() => {
    const set = (user: User | null) =>
      setState({ session: user ? toSession(user) : null, ready: true });
    void currentUser().then(set);
    const loaded = (user: User) => set(user);
    const gone = () => set(null);
    userManager.events.addUserLoaded(loaded);
    userManager.events.addUserUnloaded(gone);
    userManager.events.addSilentRenewError(gone);
    return () => {
      userManager.events.removeUserLoaded(loaded);
      userManager.events.removeUserUnloaded(gone);
      userManager.events.removeSilentRenewError(gone);
    };
  }, []);
  return <AuthContext.Provider value={state}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  return useContext(AuthContext);
}
