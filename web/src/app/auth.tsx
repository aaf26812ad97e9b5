// The signed-in user and their permissions; the menu and the pages show only what these allow
// (the API refuses the rest anyway).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, getToken, setToken, UNAUTHORIZED_EVENT } from '../lib/api.js';
import type { LoginReply, Me, Permission, User } from '../lib/types.js';
import { navigate } from './router.js';

interface Auth {
  status: 'loading' | 'signed_out' | 'signed_in';
  user: User | null;
  permissions: ReadonlySet<string>;
  can: (p: Permission) => boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const Ctx = createContext<Auth | null>(null);

export function AuthProvider(props: { children: ReactNode }): ReactNode {
  const [status, setStatus] = useState<Auth['status']>(getToken() === null ? 'signed_out' : 'loading');
  const [me, setMe] = useState<Me | null>(null);

  const load = useCallback(async () => {
    try {
      const m = await api<Me>('/api/auth/me');
      setMe(m);
      setStatus('signed_in');
    } catch {
      setToken(null);
      setMe(null);
      setStatus('signed_out');
    }
  }, []);

  useEffect(() => {
    if (getToken() !== null) void load();
    const onUnauthorized = (): void => {
      setMe(null);
      setStatus('signed_out');
    };
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [load]);

  const login = useCallback(
    async (username: string, password: string) => {
      const reply = await api<LoginReply>('/api/auth/login', { body: { username, password } });
      setToken(reply.token);
      await load();
    },
    [load],
  );

  const logout = useCallback(async () => {
    try {
      await api('/api/auth/logout', { method: 'POST', body: {} });
    } catch {
      // the session may already be gone
    }
    setToken(null);
    setMe(null);
    setStatus('signed_out');
    navigate('/login', true);
  }, []);

  const value = useMemo<Auth>(() => {
    const permissions = new Set(me?.permissions ?? []);
    return { status, user: me?.user ?? null, permissions, can: (p) => permissions.has(p), login, logout };
  }, [status, me, login, logout]);

  return <Ctx.Provider value={value}>{props.children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (v === null) throw new Error('useAuth outside AuthProvider');
  return v;
}
