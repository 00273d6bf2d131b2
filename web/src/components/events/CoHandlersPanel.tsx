import { type FormEvent, useState } from 'react';
import { api, type Me } from '../../api';
import { call, client } from '../../api/client';
import { useSubmit } from '../../hooks';
import { formatTime, type MessageKey, useT } from '../../i18n';
import { UnitPicker } from './bits';
import type { CoHandlerTask, EventDetail } from './types';

/** 协办: tasks for other units; a handler of that unit reports back; the operator may cancel one. */
export function CoHandlersPanel({ event, me, onDone }: { event: EventDetail; me: Me; onDone: () => void }) {
  const { t } = useT();
  const tasks = event.coHandlers ?? [];
  const [adding, setAdding] = useState(false);
  const [unitId, setUnitId] = useState('');
  const [task, setTask] = useState('');
  const [days, setDays] = useState('');
  const { busy, error, fields, submit } = useSubmit<unknown>();
  if (tasks.length === 0 && !event.canAddCoHandler) return null;

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await submit(() =>
      call(
        client.POST('/api/events/{id}/co-handlers', {
          params: { path: { id: event.id } },
          body: { unitId, task, ...(days ? { workingDays: Number(days) } : {}) },
        }),
      ),
    );
    if (ok !== null) setAdding(false), setTask(''), setUnitId(''), setDays(''), onDone();
  };
  return (
    <section className="card" data-testid="co-handlers">
      <div className="card-head">
        <h3>{t('coHandlers')}</h3>
        {event.canAddCoHandler && !adding && (
          <button type="button" className="button small" onClick={() => setAdding(true)}>
            + {t('addCoHandler')}
          </button>
        )}
      </div>
      {tasks.length === 0 && <p className="muted">{t('none')}</p>}
      <ul className="co-tasks">
        {tasks.map((c) => (
          <CoTask
            key={c.id}
            event={event}
            task={c}
            mine={!!me.unitId && me.unitId === c.unit.id}
            canCancel={event.canAddCoHandler}
            onDone={onDone}
          />
        ))}
      </ul>
      {adding && (
        <form className="form co-add" onSubmit={add}>
          {/* biome-ignore lint/a11y/noLabelWithoutControl: UnitPicker renders its native <select> inside this label, which labels it */}
          <label>
            {t('unit')}
            <UnitPicker areaCode={event.gridCode} value={unitId} onChange={setUnitId} name="coUnitId" />
            {fields.unitId && <span className="field-error">{fields.unitId}</span>}
          </label>
          <label>
            {t('task')}
            <input name="task" value={task} onChange={(e) => setTask(e.target.value)} />
            {fields.task && <span className="field-error">{fields.task}</span>}
          </label>
          <label>
            {t('workingDays')}
            <input
              name="workingDays"
              type="number"
              min={1}
              max={30}
              value={days}
              onChange={(e) => setDays(e.target.value)}
            />
          </label>
          {error && <div className="error">{error}</div>}
          <div className="actions">
            <button className="primary small" type="submit" disabled={busy}>
              {t('save')}
            </button>
            <button type="button" className="button" onClick={() => setAdding(false)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function CoTask({
  event,
  task: c,
  mine,
  canCancel,
  onDone,
}: {
  event: EventDetail;
  task: CoHandlerTask;
  mine: boolean;
  canCancel: boolean;
  onDone: () => void;
}) {
  const { t, lang } = useT();
  const [text, setText] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const { busy, error, fields, submit } = useSubmit<unknown>();
  const post = async (path: string, body: Record<string, string>) => {
    const ok = await submit(() => api(`/api/events/${event.id}/co-handlers/${c.id}/${path}`, { method: 'POST', body }));
    if (ok !== null) setText(''), setCancelling(false), onDone();
  };
  return (
    <li className={`co-task co-${c.status}`} data-testid="co-task">
      <div className="co-line">
        <strong>{c.unit.name}</strong>
        <span className={`badge co-badge-${c.status}`}>{t(`co_${c.status}` as MessageKey)}</span>
        {c.dueAt && c.status === 'open' && (
          <span className={c.overdue ? 'field-error small' : 'muted small'}>
            {t('dueAt')} {formatTime(c.dueAt, lang)}
            {c.overdue ? ` · ${t('overdueShort')}` : ''}
          </span>
        )}
      </div>
      <div>{c.task}</div>
      {c.feedback && (
        <div className="co-feedback">
          “{c.feedback}”{c.doneAt && <span className="muted small"> · {formatTime(c.doneAt, lang)}</span>}
        </div>
      )}
      {c.status === 'open' && (mine || (canCancel && cancelling)) && (
        <form
          className="form-row co-form"
          onSubmit={(e) => (
            e.preventDefault(),
            post(cancelling ? 'cancel' : 'feedback', cancelling ? { note: text } : { feedback: text })
          )}
        >
          <input
            name={cancelling ? 'cancelNote' : 'feedback'}
            placeholder={cancelling ? t('reason') : t('feedback')}
            aria-label={cancelling ? t('reason') : t('feedback')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button
            type="submit"
            className={cancelling ? 'button subtle-danger' : 'primary small'}
            disabled={busy || !text.trim()}
          >
            {cancelling ? t('cancelTask') : t('giveFeedback')}
          </button>
        </form>
      )}
      {c.status === 'open' && canCancel && !cancelling && !mine && (
        <button type="button" className="link-button" onClick={() => setCancelling(true)}>
          {t('cancelTask')}
        </button>
      )}
      {(error ?? fields.feedback ?? fields.note) && (
        <div className="field-error">{fields.feedback ?? fields.note ?? error}</div>
      )}
    </li>
  );
}
