import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { takeTokenFromFragment } from './lib/credentials';
import { takeLinkTokenFromFragment } from './lib/link-token';
import './styles.css';

/** An emailed link's token on its page, else a wall screen's API token. */
function takeTokens(): void {
  if (!takeLinkTokenFromFragment()) {
    takeTokenFromFragment();
  }
}
takeTokens();
window.addEventListener('hashchange', takeTokens); // a token pasted into an open tab
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
