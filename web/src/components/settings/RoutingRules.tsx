import { useState } from 'react';
import { api, type Me } from '../../api';
import { call, client } from '../../api/client';
import { useGet, useSubmit } from '../../hooks';
import { formatTime, type MessageKey, useT } from '../../i18n';
import { PageState } from '../common';
import { type RoutingRule, RuleForm } from './RuleForm';
import { isCityCode } from './RulePickers';
import { type Centre, useAreaNames, useCategoryNames, useKindLabel } from './shared';

/**
 * The live routing rules that apply in the administrator's area: their own, which they can edit or
 * retire, and the defaults above it, shown read-only because the server answers 404 for those. The
 * server says which is which (`editable`): a one-city installation's city administrator owns the
 * installation-wide defaults too.
 */
export function RoutingRules({ me }: { me: Me }) {
  const { t, lang } = useT();
  const kindLabel = useKindLabel();
  const { data, error, loading, reload } = useGet('/api/routing-rules');
  const { categories, names: categoryNames } = useCategoryNames();
  const rules = data?.items ?? [];
  const areaNames = useAreaNames(rules.map((r) => r.areaPrefix));
  const [editing, setEditing] = useState<RoutingRule | 'new' | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const retire = useSubmit<unknown>();

  const categoryCentre = (prefix: string) =>
    (categories.find((c) => c.code === prefix.slice(0, 2))?.centre as Centre | undefined) ?? null;
  const done = () => {
    setEditing(null);
    setSaved(true);
    reload();
  };
  const doRetire = async (id: string) => {
    const r = await retire.submit(() =>
      call(client.DELETE('/api/routing-rules/{id}', { params: { path: { id } } })).then(() => true),
    );
    setConfirming(null);
    if (r) reload();
  };

  return (
    <section aria-label={t('tabRouting')}>
      <p className="muted settings-hint">{t('routingHint')}</p>
      {editing ? (
        <RuleForm
          key={editing === 'new' ? 'new' : editing.id}
          me={me}
          rule={editing === 'new' ? null : editing}
          categoryCentre={categoryCentre}
          onDone={done}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <div className="form-row settings-toolbar">
          <button type="button" className="primary small" onClick={() => (setEditing('new'), setSaved(false))}>
            + {t('ruleAdd')}
          </button>
          {saved && (
            <span className="muted" role="status">
              {t('ruleSaved')}
            </span>
          )}
          <span className="spacer" />
          <span className="muted small">
            {rules.length} {t('ruleCount')}
          </span>
        </div>
      )}
      {retire.error && (
        <div className="error" role="alert">
          {retire.error}
        </div>
      )}
      <PageState error={error} loading={loading && !data} />
      <div className="card table-card">
        {data && rules.length === 0 ? (
          <p className="muted">{t('ruleNone')}</p>
        ) : (
          <table className="table settings-table" data-testid="routing-rules">
            <thead>
              <tr>
                <th>{t('ruleCategory')}</th>
                <th>{t('ruleArea')}</th>
                <th>{t('ruleCentre')}</th>
                <th>{t('ruleTarget')}</th>
                <th>{t('ruleNote')}</th>
                <th>{t('ruleCreated')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => {
                const mine = r.editable;
                return (
                  <tr
                    key={r.id}
                    data-rule={`${r.categoryPrefix}@${r.areaPrefix}`}
                    className={editing !== 'new' && editing?.id === r.id ? 'editing' : ''}
                  >
                    <td>
                      {r.categoryPrefix
                        ? (categoryNames.get(r.categoryPrefix) ?? r.categoryPrefix)
                        : t('ruleAllCategories')}
                      {r.categoryPrefix && <span className="code">{r.categoryPrefix}</span>}
                    </td>
                    <td>
                      {r.areaPrefix
                        ? (areaNames.get(r.areaPrefix) ??
                          (isCityCode(r.areaPrefix) ? `${t('ruleWholeCity')} ${r.areaPrefix}` : r.areaPrefix))
                        : t('ruleAllAreas')}
                      {!mine && <span className="badge soft">{t('ruleInherited')}</span>}
                    </td>
                    <td>{t(`centre_${r.centre}` as MessageKey)}</td>
                    <td data-testid="rule-unit">{r.unitName ?? `${t('ruleKindNearest')} ${kindLabel(r.unitKind)}`}</td>
                    <td className="muted note-cell">{r.note}</td>
                    <td className="muted nowrap">{formatTime(r.createdAt, lang)}</td>
                    <td className="nowrap row-actions">
                      {mine &&
                        (confirming === r.id ? (
                          <span className="confirm">
                            <span className="small">{t('ruleConfirmDelete')}</span>
                            <button
                              type="button"
                              className="button small subtle-danger"
                              disabled={retire.busy}
                              onClick={() => doRetire(r.id)}
                            >
                              {t('ruleDelete')}
                            </button>
                            <button type="button" className="button small" onClick={() => setConfirming(null)}>
                              {t('cancel')}
                            </button>
                          </span>
                        ) : (
                          <>
                            <button
                              type="button"
                              className="button small"
                              onClick={() => (setEditing(r), setSaved(false))}
                            >
                              {t('edit')}
                            </button>
                            <button
                              type="button"
                              className="button small subtle-danger"
                              onClick={() => setConfirming(r.id)}
                            >
                              {t('ruleDelete')}
                            </button>
                          </>
                        ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
