import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
// The style sheets of the pages loaded on demand come first, as when every page was in one bundle: styles.css must
// still win where a rule of both applies (a late maplibre sheet would undo the app's sizing of `.map`).
import 'maplibre-gl/dist/maplibre-gl.css';
import './components/dashboard/dashboard.css';
import './components/map/map.css';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* Navigation renders at once, as the home-made router did: a transition would keep the old screen (and an open
        menu) up while a lazily loaded page arrives, and then close the menu under the user's pointer. */}
    <BrowserRouter useTransitions={false}>
      <App />
    </BrowserRouter>
  </StrictMode>,
);
