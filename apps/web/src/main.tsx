import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { PwaUpdate } from './sw/pwa-update.tsx';
// Styles are files, never inline, so the app runs under a `style-src 'self'` CSP.
import './styles/theme.css';
import './styles/layout.css';
import './styles/folders.css';
import './styles/mailbox.css';
import './styles/reader.css';
import './styles/overlays.css';
import './styles/login.css';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <App />
    <PwaUpdate />
  </StrictMode>,
);
