import { useEffect, useState } from 'react';
import { Controls } from './components/Controls';
import { SignIn } from './components/SignIn';
import { type Session, currentSession, signOut } from './session';
import { useViewState } from './url-state';
import { Overview } from './views/Overview';
import { Pipeline } from './views/Pipeline';
import { Platforms } from './views/Platforms';
import { Catalogue } from './views/Catalogue';
import { Marketing } from './views/Marketing';

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [state, update] = useViewState();
  useEffect(() => {
    currentSession().then(setSession, () => setSession(null));
  }, []);
  if (session === undefined) return <div className="loading">Loading…</div>;
  if (session === null) return <SignIn onSignedIn={setSession} />;
  const isAdmin = session.role === 'ADMIN';
  const view = state.view === 'pipeline' && !isAdmin ? 'overview' : state.view;
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Label analytics</span>
        <nav aria-label="Views">
          <button
            type="button"
            className={view === 'overview' ? 'tab active' : 'tab'}
            aria-current={view === 'overview' ? 'page' : undefined}
            onClick={() => update({ view: 'overview' })}
          >
            Overview
          </button>
          <button
            type="button"
            className={view === 'platforms' ? 'tab active' : 'tab'}
            aria-current={view === 'platforms' ? 'page' : undefined}
            onClick={() => update({ view: 'platforms' })}
          >
            Platforms
          </button>
          <button
            type="button"
            className={view === 'catalogue' ? 'tab active' : 'tab'}
            aria-current={view === 'catalogue' ? 'page' : undefined}
            onClick={() => update({ view: 'catalogue' })}
          >
            Catalogue
          </button>
          <button
            type="button"
            className={view === 'marketing' ? 'tab active' : 'tab'}
            aria-current={view === 'marketing' ? 'page' : undefined}
            onClick={() => update({ view: 'marketing' })}
          >
            Marketing
          </button>
          {isAdmin ? (
            <button
              type="button"
              className={view === 'pipeline' ? 'tab active' : 'tab'}
              aria-current={view === 'pipeline' ? 'page' : undefined}
              onClick={() => update({ view: 'pipeline' })}
            >
              Pipeline
            </button>
          ) : null}
        </nav>
        <span className="who" data-role={session.role}>
          {session.name} · {session.role}
        </span>
        {session.name !== 'anonymous' ? (
          <button type="button" className="link" onClick={() => signOut().then(() => setSession(null))}>
            Sign out
          </button>
        ) : null}
      </header>
      {view !== 'pipeline' ? <Controls state={state} update={update} /> : null}
      <main data-view={view}>
        {view === 'overview' ? (
          <Overview state={state} />
        ) : view === 'platforms' ? (
          <Platforms state={state} />
        ) : view === 'catalogue' ? (
          <Catalogue state={state} update={update} />
        ) : view === 'marketing' ? (
          <Marketing state={state} />
        ) : (
          <Pipeline />
        )}
      </main>
    </div>
  );
}
