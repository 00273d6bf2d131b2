import { useState } from 'react';
import { api } from '../../api';
import { call, client } from '../../api/client';
import { useSubmit } from '../../hooks';
import { formatTime } from '../../i18n';
import { LevelBadge, useRiskT } from './common';
import { DIMENSIONS, type Level, type Matter, type Point } from './types';

type Props = { m: Matter; onChange: (m: Matter) => void; canWrite: boolean };
const SCALE = [1, 2, 3, 4, 5];

/** 风险识别与定级: the register by dimension, the 5×5 rule, grading with an optional written override, and each round's result. */
export function RiskRegister({ m, onChange, canWrite }: Props) {
  const { t, tk, lang } = useRiskT();
  const editable = canWrite && ['investigate', 'grade'].includes(m.stage);
  const [editing, setEditing] = useState<Point | null>(null);
  const [finalLevel, setFinalLevel] = useState<Level | ''>('');
  const [reason, setReason] = useState('');
  const save = useSubmit<Matter>();
  const grade = useSubmit<Matter>();
  const onSave = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const s = (k: string) => f.get(k)?.toString().trim() || null;
    const body = {
      dimension: s('dimension'),
      description: s('description') ?? '',
      likelihood: Number(s('likelihood')),
      impact: Number(s('impact')),
      affectedPeople: s('affectedPeople') === null ? null : Number(s('affectedPeople')),
      mitigation: s('mitigation'),
      mitigationOwner: s('mitigationOwner'),
      mitigationDue: s('mitigationDue'),
    };
    const r = await save.submit(() =>
      api<Matter>(editing ? `/api/risk/matters/${m.id}/points/${editing.id}` : `/api/risk/matters/${m.id}/points`, {
        method: editing ? 'PUT' : 'POST',
        body,
      }),
    );
    if (r) onChange(r), setEditing(null), form.reset();
  };
  const onGrade = async () => {
    const r = await grade.submit(() =>
      call(
        client.POST('/api/risk/matters/{id}/grading', {
          params: { path: { id: m.id } },
          body: { finalLevel: finalLevel || null, overrideReason: reason.trim() || null },
        }),
      ),
    );
    if (r) onChange(r), setFinalLevel(''), setReason('');
  };
  const p = editing;
  return (
    <section className="card" aria-label={t('riskRegister')}>
      <div className="card-head">
        <h3>
          {t('stage_grade')}
          {m.round > 1 ? ` · ${t('riskRound')} ${m.round}` : ''}
        </h3>
      </div>
      <table className="table risk-points" data-testid="risk-points">
        <thead>
          <tr>
            <th>{t('riskDimension')}</th>
            <th>{t('riskDescription')}</th>
            <th>{t('riskLikelihood')}</th>
            <th>{t('riskImpact')}</th>
            <th>{t('riskAffected')}</th>
            <th>{t('riskScore')}</th>
            <th>{t('riskLevel')}</th>
            <th>{t('riskMeasure')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {m.points.map((x) => (
            <tr key={x.id} data-level={x.level}>
              <td className="nowrap">{tk('dim', x.dimension)}</td>
              <td>{x.description}</td>
              <td className="num">
                {x.likelihood} {m.rule.likelihoodLabels[x.likelihood - 1]}
              </td>
              <td className="num">
                {x.impact} {m.rule.impactLabels[x.impact - 1]}
                {x.effectiveImpact !== x.impact ? ` → ${x.effectiveImpact}` : ''}
              </td>
              <td className="num">{x.affectedPeople ?? '—'}</td>
              <td className="num">{x.score}</td>
              <td>
                <LevelBadge level={x.level} />
              </td>
              <td className="small">
                {x.mitigation
                  ? `${x.mitigation}(${x.mitigationOwner ?? '—'}${x.mitigationDue ? ` · ${x.mitigationDue}` : ''})`
                  : '—'}
              </td>
              <td>
                {editable && (
                  <button type="button" className="link-button" onClick={() => setEditing(x)}>
                    {t('riskEdit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editable && (
        <form key={p?.id ?? 'new'} className="form risk-add" onSubmit={onSave} aria-label={t('riskAddPoint')}>
          <b>{p ? `${t('riskEdit')}:${p.description}` : t('riskAddPoint')}</b>
          <div className="risk-grid4">
            <label>
              {t('riskDimension')}
              <select name="dimension" defaultValue={p?.dimension ?? 'legality'}>
                {DIMENSIONS.map((d) => (
                  <option key={d} value={d}>
                    {tk('dim', d)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('riskLikelihood')}
              <select name="likelihood" defaultValue={p?.likelihood ?? 3}>
                {SCALE.map((n) => (
                  <option key={n} value={n}>
                    {n} {m.rule.likelihoodLabels[n - 1]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('riskImpact')}
              <select name="impact" defaultValue={p?.impact ?? 3}>
                {SCALE.map((n) => (
                  <option key={n} value={n}>
                    {n} {m.rule.impactLabels[n - 1]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('riskAffected')}
              <input name="affectedPeople" type="number" min={0} defaultValue={p?.affectedPeople ?? ''} />
            </label>
          </div>
          <label>
            {t('riskDescription')}
            <input name="description" required defaultValue={p?.description ?? ''} />
          </label>
          <div className="risk-grid4">
            <label className="span2">
              {t('riskMeasure')}
              <input name="mitigation" defaultValue={p?.mitigation ?? ''} />
            </label>
            <label>
              {t('riskMeasureOwner')}
              <input name="mitigationOwner" defaultValue={p?.mitigationOwner ?? ''} />
            </label>
            <label>
              {t('riskMeasureDue')}
              <input name="mitigationDue" type="date" defaultValue={p?.mitigationDue ?? ''} />
            </label>
          </div>
          {save.error && <div className="error">{save.error}</div>}
          <div className="actions">
            <button type="submit" className="primary small" disabled={save.busy}>
              {t('save')}
            </button>
            {p && (
              <button type="button" className="button" onClick={() => setEditing(null)}>
                {t('cancel')}
              </button>
            )}
          </div>
        </form>
      )}
      <div className="risk-grade-row">
        <div>
          <div className="small muted">
            {t('riskRule')}(≥{m.rule.thresholds.high} {tk('level', 'high')},≥{m.rule.thresholds.medium}{' '}
            {tk('level', 'medium')})
          </div>
          <table className="risk-matrix" aria-label="matrix">
            <tbody>
              {[...m.matrix].reverse().map((row, ri) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows of the fixed 5x5 matrix
                <tr key={ri}>
                  <th>{5 - ri}</th>
                  {row.map((lv, ci) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: cells of the fixed 5x5 matrix
                    <td key={ci} className={`m-${lv}`}>
                      {(5 - ri) * (ci + 1)}
                    </td>
                  ))}
                </tr>
              ))}
              <tr>
                <th />
                <th colSpan={5} className="small muted">
                  {t('riskImpact')} 1 → 5 · {t('riskLikelihood')} ↑
                </th>
              </tr>
            </tbody>
          </table>
        </div>
        <div className="risk-gradings">
          {canWrite && m.stage === 'grade' && (
            <div className="form">
              <label>
                {t('riskOverride')}
                <select
                  aria-label={t('riskOverride')}
                  value={finalLevel}
                  onChange={(e) => setFinalLevel(e.target.value as Level | '')}
                >
                  <option value="">{t('riskKeepComputed')}</option>
                  {(['low', 'medium', 'high'] as const).map((l) => (
                    <option key={l} value={l}>
                      {tk('level', l)}
                    </option>
                  ))}
                </select>
              </label>
              {finalLevel && (
                <label>
                  {t('riskOverrideReason')}
                  <textarea
                    aria-label={t('riskOverrideReason')}
                    rows={2}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                </label>
              )}
              {grade.error && (
                <div className="error" role="alert">
                  {Object.values(grade.fields)[0] ?? grade.error}
                </div>
              )}
              <div className="actions">
                <button type="button" className="primary small" onClick={() => void onGrade()} disabled={grade.busy}>
                  {t('riskGrade')}
                </button>
              </div>
            </div>
          )}
          <b>{t('riskGradings')}</b>
          <ul className="risk-grading-list" data-testid="risk-gradings">
            {m.gradings.map((g, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the gradings are an append-only history without ids, shown in a fixed order
              <li key={i}>
                {t('riskRound')} {g.round}:{t('riskComputed')} <LevelBadge level={g.computed} /> {t('riskFinal')}{' '}
                <LevelBadge level={g.final} />
                {g.overrideReason && <span className="small"> —— {g.overrideReason}</span>}
                <div className="muted small">
                  {g.gradedBy} · {formatTime(g.gradedAt, lang)}
                </div>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
