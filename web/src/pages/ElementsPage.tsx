import { type FormEvent, useState } from 'react';
import { api } from '../api';
import { Can } from '../can';
import { EditFooter, PageState } from '../components/common';
import { Timeline, type TimelineItem } from '../components/Timeline';
import { useApi, useSubmit } from '../hooks';
import { type MessageKey, useT } from '../i18n';
import { linkHandler } from '../navigation';

type Kind = 'houses' | 'places' | 'things' | 'organizations';
type Row = Record<string, unknown> & { id: string; version: number; timeline?: TimelineItem[] };
interface Field {
  key: string;
  label: { 'zh-CN': string; en: string };
  options?: string[];
  number?: boolean;
}

const L = (zh: string, en: string) => ({ 'zh-CN': zh, en });
/** What each element shows in its list and lets a user edit. */
const SPEC: Record<Kind, { title: MessageKey; columns: Field[]; edit: Field[] }> = {
  houses: {
    title: 'house',
    columns: [
      { key: 'address', label: L('地址', 'Address') },
      { key: 'use', label: L('用途', 'Use') },
      { key: 'rentalStatus', label: L('居住状态', 'Occupancy') },
      { key: 'gridCode', label: L('网格', 'Grid') },
    ],
    edit: [
      { key: 'address', label: L('地址', 'Address') },
      { key: 'rentalStatus', label: L('居住状态', 'Occupancy'), options: ['owner_occupied', 'rented', 'vacant'] },
      { key: 'floors', label: L('层数', 'Floors'), number: true },
      { key: 'ownerName', label: L('产权人', 'Owner') },
    ],
  },
  places: {
    title: 'places',
    columns: [
      { key: 'name', label: L('名称', 'Name') },
      { key: 'kind', label: L('类型', 'Kind') },
      { key: 'address', label: L('地址', 'Address') },
      { key: 'status', label: L('状态', 'Status') },
      { key: 'gridCode', label: L('网格', 'Grid') },
    ],
    edit: [
      { key: 'name', label: L('名称', 'Name') },
      { key: 'address', label: L('地址', 'Address') },
      { key: 'status', label: L('状态', 'Status'), options: ['active', 'closed'] },
    ],
  },
  things: {
    title: 'cameras',
    columns: [
      { key: 'name', label: L('名称', 'Name') },
      { key: 'kind', label: L('类别', 'Kind') },
      { key: 'subtype', label: L('子类', 'Subtype') },
      { key: 'status', label: L('状态', 'Status') },
      { key: 'gridCode', label: L('网格', 'Grid') },
    ],
    edit: [
      { key: 'name', label: L('名称', 'Name') },
      { key: 'status', label: L('状态', 'Status'), options: ['normal', 'fault', 'rectifying', 'removed'] },
    ],
  },
  organizations: {
    title: 'organizations',
    columns: [
      { key: 'name', label: L('名称', 'Name') },
      { key: 'kind', label: L('类型', 'Kind') },
      { key: 'creditCode', label: L('统一社会信用代码', 'Credit code') },
      { key: 'contactPhoneMasked', label: L('联系电话', 'Phone') },
      { key: 'gridCode', label: L('网格', 'Grid') },
    ],
    edit: [
      { key: 'name', label: L('名称', 'Name') },
      { key: 'address', label: L('地址', 'Address') },
      { key: 'creditCode', label: L('统一社会信用代码', 'Credit code') },
      { key: 'contactName', label: L('联系人', 'Contact') },
      { key: 'contactPhone', label: L('联系电话', 'Phone') },
      { key: 'employeeCount', label: L('从业人数', 'Employees'), number: true },
    ],
  },
};
const TABS: Array<{ kind: Kind; label: MessageKey }> = [
  { kind: 'houses', label: 'house' },
  { kind: 'places', label: 'places' },
  { kind: 'things', label: 'cameras' },
  { kind: 'organizations', label: 'organizations' },
];
const LABELS: Record<string, { 'zh-CN': string; en: string }> = {
  owner_occupied: L('自住', 'Owner-occupied'),
  rented: L('出租', 'Rented'),
  vacant: L('空置', 'Vacant'),
  residential: L('住宅', 'Residential'),
  commercial: L('商业', 'Commercial'),
  active: L('正常', 'Active'),
  closed: L('已关闭', 'Closed'),
  normal: L('正常', 'Normal'),
  fault: L('故障', 'Fault'),
  rectifying: L('整改中', 'Rectifying'),
  removed: L('已拆除', 'Removed'),
  camera: L('视频监控', 'Camera'),
  hazard: L('安全隐患', 'Hazard'),
  facility: L('设施', 'Facility'),
  enterprise: L('企业', 'Enterprise'),
  social_org: L('社会组织', 'Social organisation'),
  school: L('学校', 'School'),
  hospital: L('医院', 'Hospital'),
  party_org: L('党组织', 'Party organisation'),
  market: L('市场', 'Market'),
  square: L('广场', 'Square'),
  other: L('其他', 'Other'),
};

/** Houses, places, things and organisations under an area: one list, one record page each. */
export function ElementsPage({ kind, search }: { kind: Kind; search: URLSearchParams }) {
  const { t, lang } = useT();
  const areaCode = search.get('areaCode') ?? '';
  const { data } = useApi<{ items: Row[] }>(`/api/${kind}?limit=100${areaCode ? `&areaCode=${areaCode}` : ''}`);
  const show = (v: unknown) =>
    typeof v === 'string' && LABELS[v] ? LABELS[v][lang] : v === null || v === undefined ? '—' : String(v);
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t(SPEC[kind].title)}</h1>
        {areaCode && <span className="mono muted">{areaCode}</span>}
      </header>
      <nav className="tabs">
        {TABS.map((tab) => (
          <a
            key={tab.kind}
            className={tab.kind === kind ? 'active' : ''}
            href={`/elements/${tab.kind}?${search}`}
            onClick={linkHandler(`/elements/${tab.kind}?${search}`)}
          >
            {t(tab.label)}
          </a>
        ))}
      </nav>
      <section className="card">
        {!data ? (
          <p className="muted">{t('loading')}</p>
        ) : data.items.length === 0 ? (
          <p className="muted">{t('noResults')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                {SPEC[kind].columns.map((c) => (
                  <th key={c.key}>{c.label[lang]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.id}>
                  {SPEC[kind].columns.map((c, i) => (
                    <td key={c.key} className={c.key === 'gridCode' || c.key === 'creditCode' ? 'mono' : ''}>
                      {i === 0 ? (
                        <a href={`/elements/${kind}/${r.id}`} onClick={linkHandler(`/elements/${kind}/${r.id}`)}>
                          {show(r[c.key])}
                        </a>
                      ) : (
                        show(r[c.key])
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

export function ElementPage({ kind, id }: { kind: Kind; id: string }) {
  const { t, lang } = useT();
  const { data, error, reload } = useApi<Row>(`/api/${kind}/${id}`);
  const [editing, setEditing] = useState(false);
  if (error || !data) return <PageState error={error} loading={!data} />;
  const show = (v: unknown) =>
    typeof v === 'string' && LABELS[v] ? LABELS[v][lang] : v === null || v === undefined ? '—' : String(v);
  const title = String(data.name ?? data.address ?? id);
  return (
    <div className="page">
      <nav className="breadcrumbs">
        <a
          href={`/elements/${kind}?areaCode=${String(data.gridCode)}`}
          onClick={linkHandler(`/elements/${kind}?areaCode=${String(data.gridCode)}`)}
        >
          {t(SPEC[kind].title)}
        </a>
        <span className="sep">/</span>
        <span>{title}</span>
      </nav>
      <header className="page-head">
        <h1>{title}</h1>
        <div className="spacer" />
        {!editing && (
          <Can permission="registry:write">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t('edit')}
            </button>
          </Can>
        )}
      </header>
      <div className="two-col">
        <section className="card facts">
          {editing ? (
            <EditElement kind={kind} row={data} onDone={() => (setEditing(false), reload())} />
          ) : (
            <dl>
              {[
                ...SPEC[kind].columns,
                ...SPEC[kind].edit.filter(
                  (f) => !SPEC[kind].columns.some((c) => c.key === f.key) && f.key !== 'contactPhone',
                ),
              ].map((c) => (
                <div key={c.key} className="fact">
                  <dt>{c.label[lang]}</dt>
                  <dd>
                    {c.key === 'gridCode' ? (
                      <a
                        className="mono"
                        href={`/areas/${String(data.gridCode)}`}
                        onClick={linkHandler(`/areas/${String(data.gridCode)}`)}
                      >
                        {String(data.gridCode)}
                      </a>
                    ) : (
                      show(data[c.key])
                    )}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        <section className="card">
          <h3>{t('timeline')}</h3>
          <Timeline items={data.timeline ?? []} />
        </section>
      </div>
    </div>
  );
}

function EditElement({ kind, row, onDone }: { kind: Kind; row: Row; onDone: () => void }) {
  const { t, lang } = useT();
  const fields = SPEC[kind].edit;
  const [values, setValues] = useState<Record<string, string>>(
    Object.fromEntries(
      fields.map((f) => [f.key, f.key === 'contactPhone' || row[f.key] == null ? '' : String(row[f.key])]),
    ),
  );
  const [reason, setReason] = useState('');
  const { busy, error, fields: problems, submit } = useSubmit<unknown>();
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = { version: row.version, reason: reason || undefined };
    for (const f of fields) {
      const v = values[f.key] ?? '';
      if (f.key === 'contactPhone' && !v) continue;
      if (v === (row[f.key] == null ? '' : String(row[f.key]))) continue;
      body[f.key] = f.number ? (v ? Number(v) : null) : v;
    }
    const ok = await submit(() => api(`/api/${kind}/${row.id}`, { method: 'PATCH', body }));
    if (ok !== null) onDone();
  };
  return (
    <form className="form" onSubmit={save}>
      {fields.map((f) => (
        // biome-ignore lint/a11y/noLabelWithoutControl: both branches of the conditional put a <select> or an <input> inside this label
        <label key={f.key}>
          {f.label[lang]}
          {f.options ? (
            <select
              name={f.key}
              value={values[f.key]}
              onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            >
              {f.options.map((o) => (
                <option key={o} value={o}>
                  {LABELS[o]?.[lang] ?? o}
                </option>
              ))}
            </select>
          ) : (
            <input
              name={f.key}
              value={values[f.key]}
              inputMode={f.number ? 'numeric' : undefined}
              onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
            />
          )}
          {problems[f.key] && <span className="field-error">{problems[f.key]}</span>}
        </label>
      ))}
      <EditFooter reason={reason} onReason={setReason} error={error} busy={busy} onCancel={onDone} />
    </form>
  );
}

export const ELEMENT_KINDS: readonly Kind[] = ['houses', 'places', 'things', 'organizations'];
