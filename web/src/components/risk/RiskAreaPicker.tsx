import { useEffect, useState } from 'react';
import { type AreaDetail, api } from '../../api';
import { call, client } from '../../api/client';
import { useRiskT } from './common';

/**
 * Picks affected areas by walking down from the user's scope (county → township → village → grid);
 * "add" takes the deepest area chosen so far. Chosen areas show as removable chips.
 */
export function RiskAreaPicker({
  root,
  value,
  onChange,
}: {
  root: string;
  value: Array<{ code: string; name: string }>;
  onChange: (v: Array<{ code: string; name: string }>) => void;
}) {
  const { t } = useRiskT();
  const [path, setPath] = useState<AreaDetail[]>([]);
  useEffect(() => {
    call(client.GET('/api/areas/{code}', { params: { path: { code: root } } })).then(
      (a) => setPath([a]),
      () => setPath([]),
    );
  }, [root]);
  const choose = async (depth: number, code: string) => {
    const kept = path.slice(0, depth + 1);
    if (!code) return setPath(kept);
    const a = await call(client.GET('/api/areas/{code}', { params: { path: { code } } }));
    setPath([...kept, a]);
  };
  const deepest = path.length > 1 ? path[path.length - 1]! : null;
  return (
    <div className="risk-area-picker">
      <div className="form-row">
        {path.map((a, i) =>
          a.children.length > 0 ? (
            <select
              key={a.code}
              aria-label={`${t('riskArea')} ${i + 1}`}
              value={path[i + 1]?.code ?? ''}
              onChange={(e) => void choose(i, e.target.value)}
            >
              <option value="">{a.name} …</option>
              {a.children
                .filter((c) => c.status === 'active')
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
            </select>
          ) : null,
        )}
        <button
          type="button"
          className="button"
          disabled={!deepest || value.some((v) => v.code === deepest.code)}
          onClick={() => deepest && onChange([...value, { code: deepest.code, name: deepest.name }])}
        >
          {t('riskAddArea')}
        </button>
      </div>
      <div className="chips" data-testid="risk-areas">
        {value.map((v) => (
          <span key={v.code} className="chip">
            {v.name} <span className="mono muted">{v.code}</span>
            <button
              type="button"
              className="link-button"
              aria-label={`remove ${v.code}`}
              onClick={() => onChange(value.filter((x) => x.code !== v.code))}
            >
              ×
            </button>
          </span>
        ))}
      </div>
    </div>
  );
}
