import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/fonts.css';
import './app/tokens.css';
import './app/base.css';
import './components/components.css';
import { initI18n, whenI18nReady } from './app/i18n';
import { App } from './app/app';

initI18n();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

const root = container;
void whenI18nReady().then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
