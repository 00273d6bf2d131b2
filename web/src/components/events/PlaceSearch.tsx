import { useEffect, useState } from 'react';
import { api } from '../../api';
import type { ApiItem } from '../../api/client';
import { useT } from '../../i18n';

export type Place = ApiItem<'/api/public/places'>;

/**
 * Finds a village, community or town by name (the public place search), for a resident who knows where they are
 * but has no registered house address. Choosing one hands its label point to the form.
 */
export function PlaceSearch({ onPlace }: { onPlace: (p: Place) => void }) {
  const { t } = useT();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Place[] | null>(null);
  const [chosen, setChosen] = useState<Place | null>(null);

  useEffect(() => {
    const text = q.trim();
    if (!text) return setFound(null);
    let live = true;
    // Asked once typing pauses: the endpoint is rate-limited per address.
    const timer = setTimeout(() => {
      api<{ items: Place[] }>(`/api/public/places?q=${encodeURIComponent(text.slice(0, 30))}`).then(
        (r) => live && setFound(r.items),
        () => live && setFound([]),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  const choose = (p: Place) => {
    setChosen(p);
    setFound(null);
    setQ('');
    onPlace(p);
  };

  return (
    <div className="place-search" data-testid="place-search">
      <label>
        {t('placeSearch')}
        <input
          name="place"
          type="search"
          autoComplete="off"
          placeholder={t('placeSearchHint')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </label>
      {found && found.length === 0 && <p className="muted small">{t('placeNone')}</p>}
      {found && found.length > 0 && (
        <ul className="place-results">
          {found.map((p) => (
            <li key={p.code}>
              <button type="button" className="link-button" data-code={p.code} onClick={() => choose(p)}>
                <strong>{p.name}</strong> <span className="muted">{p.parents.join(' · ')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <p className="muted small" data-testid="place-chosen">
          {t('placeChosen')} {[...chosen.parents, chosen.name].join(' ')}
        </p>
      )}
    </div>
  );
}
