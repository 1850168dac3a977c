import { type FormEvent, useState } from 'react';
import { type Session, signIn } from '../session';

/** Token sign-in: the server turns the token into an HttpOnly cookie; the page never keeps it. */
export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(token));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="signin card" onSubmit={submit}>
      <h1>Label analytics</h1>
      <p>
        Sign in with an API token (VIEWER or ADMIN), e.g. from <code>npm run token -- create --role viewer --name me</code>.
      </p>
      <label>
        Token
        <input name="token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required />
      </label>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        Sign in
      </button>
    </form>
  );
}
