import { useState } from 'react';
import { api, type Me } from '../../api';
import type { ApiItem } from '../../api/client';
import { useSubmit } from '../../hooks';
import { type MessageKey, useT } from '../../i18n';
import { CategorySelect } from '../events/bits';
import { AreaPrefixSelect, RuleUnitPicker } from './RulePickers';
import { CENTRES, type Centre, FieldError, FormError, UNIT_KINDS, type UnitKind, useKindLabel } from './shared';

export type RoutingRule = ApiItem<'/api/routing-rules'>;

const SHOWN = ['categoryPrefix', 'areaPrefix', 'centre', 'unitId', 'unitKind', 'note'];

/**
 * Adds a rule, or edits one (PUT retires the old version and inserts the new one). The centre
 * follows the chosen category group until the administrator picks one, since that is nearly always
 * the group's own centre.
 */
export function RuleForm({
  me,
  rule,
  categoryCentre,
  onDone,
  onCancel,
}: {
  me: Me;
  rule: RoutingRule | null;
  categoryCentre: (prefix: string) => Centre | null;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useT();
  const kindLabel = useKindLabel();
  const [categoryPrefix, setCategoryPrefix] = useState(rule?.categoryPrefix ?? '');
  const [areaPrefix, setAreaPrefix] = useState(rule?.areaPrefix ?? (me.scope.level === 'city' ? '' : me.scope.code));
  const [centre, setCentre] = useState<Centre>(rule?.centre ?? 'dispute');
  const [centreTouched, setCentreTouched] = useState(!!rule);
  const [mode, setMode] = useState<'unit' | 'kind'>(rule && !rule.unitId ? 'kind' : 'unit');
  const [unitId, setUnitId] = useState(rule?.unitId ?? '');
  const [unitKind, setUnitKind] = useState<UnitKind>((rule?.unitKind as UnitKind | null) ?? 'justice_office');
  const [note, setNote] = useState(rule?.note ?? '');
  const { busy, error, fields: serverFields, submit } = useSubmit<unknown>();
  // A field's error goes away once that field is changed, so the form shows only what is still wrong.
  const [edited, setEdited] = useState<string[]>([]);
  const touch = (path: string) => setEdited((e) => (e.includes(path) ? e : [...e, path]));
  const fields = Object.fromEntries(Object.entries(serverFields).filter(([p]) => !edited.includes(p)));
  const stillWrong = Object.keys(serverFields).length === 0 || Object.keys(fields).length > 0;

  const pickCategory = (code: string) => {
    setCategoryPrefix(code);
    touch('categoryPrefix');
    const c = categoryCentre(code);
    if (!centreTouched && c) setCentre(c);
  };
  const pickArea = (code: string) => {
    setAreaPrefix(code);
    touch('areaPrefix');
    // Units of another county are not offered for this area; keep a choice only within the county.
    if (code.slice(0, 6) !== areaPrefix.slice(0, 6)) setUnitId('');
  };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setEdited([]);
    const body = {
      categoryPrefix,
      areaPrefix,
      centre,
      note: note.trim() || null,
      ...(mode === 'unit' ? { unitId: unitId || null } : { unitKind }),
    };
    const r = await submit(() =>
      api(rule ? `/api/routing-rules/${rule.id}` : '/api/routing-rules', { method: rule ? 'PUT' : 'POST', body }).then(
        () => true,
      ),
    );
    if (r) onDone();
  };

  return (
    <form className="card rule-form" onSubmit={save} aria-label={t(rule ? 'ruleEdit' : 'ruleAdd')}>
      <div className="card-head">
        <h3>{t(rule ? 'ruleEdit' : 'ruleAdd')}</h3>
      </div>
      {rule && (
        <p className="settings-notice small" role="note">
          {t('ruleEditNotice')}
        </p>
      )}
      <div className="settings-form">
        {/* biome-ignore lint/a11y/noLabelWithoutControl: a caption in the two-column settings grid; the picker's selects carry their own aria-labels */}
        <label>{t('ruleCategory')}</label>
        <div>
          <CategorySelect value={categoryPrefix} onChange={pickCategory} allowMain name="categoryPrefix" />
          <FieldError fields={fields} path="categoryPrefix" />
        </div>
        {/* biome-ignore lint/a11y/noLabelWithoutControl: a caption in the two-column settings grid; the picker's select carries its own aria-label */}
        <label>{t('ruleArea')}</label>
        <div>
          <AreaPrefixSelect me={me} value={areaPrefix} onChange={pickArea} />
          <FieldError fields={fields} path="areaPrefix" />
        </div>
        <label htmlFor="rule-centre">{t('ruleCentre')}</label>
        <div>
          <select
            id="rule-centre"
            name="centre"
            value={centre}
            onChange={(e) => (setCentre(e.target.value as Centre), setCentreTouched(true))}
          >
            {CENTRES.map((c) => (
              <option key={c} value={c}>
                {t(`centre_${c}` as MessageKey)}
              </option>
            ))}
          </select>
          <FieldError fields={fields} path="centre" />
        </div>
        {/* biome-ignore lint/a11y/noLabelWithoutControl: a caption in the two-column settings grid; the radiogroup beside it carries its own aria-label */}
        <label>{t('ruleTarget')}</label>
        <div>
          <div className="segmented" role="radiogroup" aria-label={t('ruleTarget')}>
            {(['unit', 'kind'] as const).map((m) => (
              <label key={m} className={mode === m ? 'on' : ''}>
                <input
                  type="radio"
                  name="rule-mode"
                  value={m}
                  checked={mode === m}
                  onChange={() => (setMode(m), touch('unitId'), touch('unitKind'))}
                />
                {t(m === 'unit' ? 'ruleUnitMode' : 'ruleKindMode')}
              </label>
            ))}
          </div>
          {mode === 'unit' ? (
            <RuleUnitPicker
              areaPrefix={areaPrefix}
              value={unitId}
              onChange={(id) => (setUnitId(id), touch('unitId'))}
            />
          ) : (
            <select
              name="unitKind"
              aria-label={t('ruleKindMode')}
              value={unitKind}
              onChange={(e) => setUnitKind(e.target.value as UnitKind)}
            >
              {UNIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t('ruleKindNearest')} {kindLabel(k)}
                </option>
              ))}
            </select>
          )}
          <FieldError fields={fields} path="unitId" />
          <FieldError fields={fields} path="unitKind" />
        </div>
        <label htmlFor="rule-note">{t('ruleNote')}</label>
        <div>
          <input
            id="rule-note"
            name="note"
            value={note}
            maxLength={200}
            onChange={(e) => (setNote(e.target.value), touch('note'))}
          />
          <FieldError fields={fields} path="note" />
        </div>
      </div>
      <FormError error={stillWrong ? error : null} fields={fields} shown={SHOWN} />
      <div className="form-row settings-actions">
        <button className="primary small" type="submit" disabled={busy}>
          {t('save')}
        </button>
        <button className="button" type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
