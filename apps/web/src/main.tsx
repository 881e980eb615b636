import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { AfterIdle } from './app/after-idle.tsx';
import { App } from './app/app.tsx';
// Styles are files, never inline, so the app runs under a `style-src 'self'` CSP.
import './styles/theme.css';
import './styles/layout.css';
import './styles/folders.css';
import './styles/mailbox.css';
import './styles/reader.css';
import './styles/overlays.css';
import './styles/login.css';

// The service worker is registered (and checked for updates) only once the page is idle:
// on a reload the worker already serves this page, and registering it must not delay the
// first rows. Its own chunk, with workbox-window.
const PwaUpdate = lazy(() => import('./sw/pwa-update.tsx').then((m) => ({ default: m.PwaUpdate })));

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
    <AfterIdle>
      <Suspense fallback={null}>
        <PwaUpdate />
      </Suspense>
    </AfterIdle>
  </StrictMode>,
);
