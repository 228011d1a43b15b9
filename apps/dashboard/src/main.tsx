import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { takeTokenFromFragment } from './lib/credentials';
import './styles.css';

takeTokenFromFragment();
window.addEventListener('hashchange', takeTokenFromFragment); // a token pasted into an open tab
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
