// The ES module build: classes and types from the package, and the registration of <chat-widget>.
import 'chat-widget-sdk/define';
import type { ChatWidget, WidgetUser } from 'chat-widget-sdk';
// Typed <chat-widget> props in TSX (React 19 sets them as the element's properties).
import type {} from 'chat-widget-sdk/react';
import { StrictMode, useCallback, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { useChatWidgetEvent } from './use-chat-widget-event.js';

function App({ server }: { server: string }) {
  const widget = useRef<ChatWidget>(null);
  const [user, setUser] = useState<WidgetUser | null>(null);
  const [events, setEvents] = useState<string[]>([]);
  const log = useCallback((line: string) => setEvents((previous) => [...previous.slice(-7), line]), []);

  useChatWidgetEvent(
    widget,
    'chat-widget:signed-in',
    useCallback((event) => {
      setUser(event.detail.user);
      log(`signed-in (${event.detail.method}) as ${event.detail.user.email}`);
    }, [log]),
  );
  useChatWidgetEvent(
    widget,
    'chat-widget:signed-out',
    useCallback((event) => {
      setUser(null);
      log(`signed-out (${event.detail.reason})`);
    }, [log]),
  );
  useChatWidgetEvent(
    widget,
    'chat-widget:answer-received',
    useCallback((event) => log(`answer-received with ${event.detail.message.sources.length} source(s)`), [log]),
  );

  return (
    <>
      <header>
        <h1>Acme Notes</h1>
        <button type="button" onClick={() => void widget.current?.open()}>
          Ask support
        </button>
      </header>
      <main>
        <p>
          A React 19 app. It bundles the widget's ES module build, renders <code>&lt;chat-widget&gt;</code> with typed
          props, listens to its typed events, and opens it through its JavaScript API.
        </p>
        <p className="status" role="status">
          {user ? `Signed in to the chat as ${user.name} (${user.email}).` : 'Not signed in to the chat.'}
        </p>
        <h2>Widget events</h2>
        <ol className="events" aria-label="Widget events">
          {events.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      </main>
      <chat-widget ref={widget} server={server} title="Acme support" greeting="Hi! Ask me about Lumen, our monitoring tool." />
    </>
  );
}

const root = document.getElementById('root')!;
createRoot(root).render(
  <StrictMode>
    <App server={root.dataset.server!} />
  </StrictMode>,
);
