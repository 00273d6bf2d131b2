import { useEffect, useState } from 'react';
import { api } from '../../api';
import { type ApiResult, call, client } from '../../api/client';
import { useGet, useSubmit } from '../../hooks';
import { useT } from '../../i18n';
import { PageState } from '../common';
import { type StageLimit, StageLimits } from './StageLimits';
import { FieldError, useCategoryNames } from './shared';

type Limits = ApiResult<'/api/event-settings/limits'>;

/** Time limits: each subcategory's handling limit in working days, then the stage limits. */
export function LimitsSettings() {
  const { t } = useT();
  const { data, error, loading, reload } = useGet('/api/event-settings/limits');
  const { categories, names } = useCategoryNames();
  const groups = categories
    .map((g) => ({
      code: g.code,
      name: names.get(g.code) ?? g.code,
      items: (data?.categories ?? []).filter((c) => c.code.startsWith(g.code)),
    }))
    .filter((g) => g.items.length > 0);

  return (
    <section aria-label={t('tabLimits')}>
      <p className="muted settings-hint">{t('limitsHint')}</p>
      <PageState error={error} loading={loading && !data} />
      {data && (
        <>
          <div className="card">
            <div className="card-head">
              <h3>{t('limitsCategories')}</h3>
            </div>
            <div className="limit-groups" data-testid="category-limits">
              {groups.map((g) => (
                <div key={g.code} className="limit-group">
                  <h4>
                    {g.name} <span className="code">{g.code}</span>
                  </h4>
                  <table className="table compact">
                    <tbody>
                      {g.items.map((c) => (
                        <CategoryLimitRow
                          key={c.code}
                          code={c.code}
                          name={names.get(c.code) ?? c.name}
                          days={c.limitWorkingDays}
                          onSaved={reload}
                        />
                      ))}
                    </tbody>
                  </table>
                </div>
              ))}
            </div>
          </div>
          <StageLimits stages={data.stages} onSaved={reload} />
        </>
      )}
    </section>
  );
}

/** One subcategory; Save appears once the number differs from the stored one. */
function CategoryLimitRow({
  code,
  name,
  days,
  onSaved,
}: {
  code: string;
  name: string;
  days: number;
  onSaved: () => void;
}) {
  const { t } = useT();
  const [value, setValue] = useState(String(days));
  const [saved, setSaved] = useState(false);
  const { busy, error, fields, submit } = useSubmit<unknown>();
  // A reload after saving brings the stored number back; the input follows it.
  useEffect(() => setValue(String(days)), [days]);
  const changed = value !== String(days);
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await submit(() =>
      call(
        client.PUT('/api/event-settings/categories/{code}/limit', {
          params: { path: { code } },
          body: { limitWorkingDays: Number(value) },
        }),
      ).then(() => true),
    );
    if (r) {
      setSaved(true);
      onSaved();
    }
  };
  return (
    <tr data-category={code}>
      <td className="code-cell">
        <span className="code">{code}</span>
      </td>
      <td>{name}</td>
      <td className="limit-cell">
        <form className="inline-form" onSubmit={save}>
          <input
            type="number"
            min={1}
            max={90}
            name={`limit-${code}`}
            aria-label={`${name} ${t('limitWorkingDays')}`}
            value={value}
            onChange={(e) => (setValue(e.target.value), setSaved(false))}
          />
          <span className="muted small">{t('unit_days')}</span>
          {changed && (
            <button className="primary small" type="submit" disabled={busy}>
              {t('save')}
            </button>
          )}
          {saved && !changed && (
            <span className="ok small" role="status">
              ✓ {t('limitSaved')}
            </span>
          )}
        </form>
        <FieldError fields={fields} path="limitWorkingDays" />
        {error && !fields.limitWorkingDays && <div className="field-error">{error}</div>}
      </td>
    </tr>
  );
}
