export interface Session {
  role: 'VIEWER' | 'ADMIN';
  name: string;
}

async function answer(res: Response): Promise<Session> {
  const body = (await res.json().catch(() => null)) as (Session & { error?: { message: string } }) | null;
  if (!res.ok || !body?.role) throw new Error(body?.error?.message ?? `sign-in failed (HTTP ${res.status})`);
  return { role: body.role, name: body.name };
}

/** The current session (cookie, or anonymous read when the server allows it); null when signed out. */
export async function currentSession(): Promise<Session | null> {
  const res = await fetch('/dashboard/session', { credentials: 'same-origin' });
  if (res.status === 401) return null;
  return answer(res);
}

export async function signIn(token: string): Promise<Session> {
  return answer(
    await fetch('/dashboard/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    }),
  );
}

export async function signOut(): Promise<void> {
  await fetch('/dashboard/session', { method: 'DELETE', credentials: 'same-origin' });
}
