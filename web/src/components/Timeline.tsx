import { formatTime, useT } from '../i18n';

export interface TimelineItem {
  version: number;
  at: string;
  actor: string;
  action: string;
  changes: unknown;
  reason: string | null;
}

const ACTIONS: Record<string, { 'zh-CN': string; en: string }> = {
  create: { 'zh-CN': '登记', en: 'Created' },
  import: { 'zh-CN': '导入', en: 'Imported' },
  update: { 'zh-CN': '修改', en: 'Updated' },
  move: { 'zh-CN': '迁移', en: 'Moved' },
  status: { 'zh-CN': '状态变更', en: 'Status' },
  regrid: { 'zh-CN': '网格调整', en: 'Re-gridded' },
  tag_add: { 'zh-CN': '纳入人群', en: 'Group added' },
  tag_end: { 'zh-CN': '移出人群', en: 'Group ended' },
  member_add: { 'zh-CN': '增加成员', en: 'Member added' },
};

export function Timeline({ items }: { items: TimelineItem[] }) {
  const { lang } = useT();
  return (
    <ol className="timeline">
      {items.map((i) => {
        const changes = Object.entries((i.changes ?? {}) as Record<string, { from: unknown; to: unknown } | unknown>);
        return (
          <li key={i.version}>
            <div className="tl-head">
              <strong>{ACTIONS[i.action]?.[lang] ?? i.action}</strong>
              <span className="muted">
                v{i.version} · {i.actor} · {formatTime(i.at, lang)}
              </span>
            </div>
            {i.reason && <div className="tl-reason">“{i.reason}”</div>}
            <ul className="tl-changes">
              {changes.slice(0, 8).map(([k, v]) => {
                const c = v as { from?: unknown; to?: unknown };
                const show = (x: unknown) =>
                  x === null || x === undefined ? '—' : typeof x === 'object' ? JSON.stringify(x) : String(x);
                return (
                  <li key={k}>
                    <span className="mono">{k}</span>:{' '}
                    {'from' in (c ?? {}) ? `${show(c.from)} → ${show(c.to)}` : show(v)}
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
