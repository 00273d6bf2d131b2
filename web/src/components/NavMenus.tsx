import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { linkHandler } from '../navigation';

export type NavItem = { href: string; label: string; active: boolean; count?: number; icon?: string };
/** A section of the top navigation: one link when it has one screen, a dropdown when it has more. */
export type NavGroup = { id: string; label: string; items: NavItem[] };

function Count({ n, testId }: { n?: number; testId: string }) {
  if (!n) return null;
  return (
    <span className="nav-count" data-testid={testId}>
      {n > 99 ? '99+' : n}
    </span>
  );
}

/**
 * The header's navigation, grouped by domain. Each group with several screens is a disclosure button and a panel of
 * links (mouse: click; keyboard: Enter/Space/↓ open and focus the first link, ↑/↓ move, Escape closes and returns to
 * the button, Tab away closes). The group holding the current screen is marked. One panel is open at a time.
 */
export function NavMenus({ groups, path }: { groups: NavGroup[]; path: string }) {
  const [open, setOpen] = useState<string | null>(null);
  const root = useRef<HTMLElement>(null);

  // Any navigation closes the open panel.
  // biome-ignore lint/correctness/useExhaustiveDependencies: path is the trigger: any navigation closes the open panel
  useEffect(() => setOpen(null), [path]);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(null);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  const links = (id: string) =>
    Array.from(root.current?.querySelectorAll<HTMLAnchorElement>(`#nav-panel-${id} a`) ?? []);
  const focusLink = (id: string, i: number) => {
    // The panel renders on the next frame after opening.
    requestAnimationFrame(() => {
      const all = links(id);
      all[(i + all.length) % all.length]?.focus();
    });
  };
  const onButtonKey = (id: string) => (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setOpen(id);
      focusLink(id, 0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(id);
      focusLink(id, -1);
    } else if (e.key === 'Escape') setOpen(null);
  };
  const onPanelKey = (id: string) => (e: KeyboardEvent<HTMLUListElement>) => {
    const all = links(id);
    const i = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(null);
      root.current?.querySelector<HTMLButtonElement>(`#nav-button-${id}`)?.focus();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      all[(i + 1) % all.length]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      all[(i - 1 + all.length) % all.length]?.focus();
    }
  };

  return (
    <nav className="mainnav" ref={root}>
      {groups.map((g) => {
        const current = g.items.some((i) => i.active);
        if (g.items.length === 1) {
          const n = g.items[0]!;
          return (
            <a
              key={g.id}
              href={n.href}
              className={`nav-top${n.active ? ' active' : ''}`}
              aria-current={n.active ? 'page' : undefined}
              onClick={linkHandler(n.href)}
            >
              {n.label}
              <Count n={n.count} testId="unread-count" />
            </a>
          );
        }
        const isOpen = open === g.id;
        const count = g.items.reduce((s, i) => s + (i.count ?? 0), 0);
        return (
          // biome-ignore lint/a11y/noStaticElementInteractions: focus-out handling only: closes the panel when focus leaves the group; the wrapper itself is not interactive
          <div
            key={g.id}
            className={`nav-group${isOpen ? ' open' : ''}`}
            data-group={g.id}
            onBlur={(e) => {
              if (isOpen && !e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(null);
            }}
          >
            <button
              type="button"
              id={`nav-button-${g.id}`}
              className={`nav-top${current ? ' active' : ''}`}
              aria-expanded={isOpen}
              aria-controls={`nav-panel-${g.id}`}
              onClick={() => setOpen(isOpen ? null : g.id)}
              onKeyDown={onButtonKey(g.id)}
            >
              {g.label}
              {!isOpen && <Count n={count} testId="unread-count" />}
              <span className="caret" aria-hidden="true">
                ▾
              </span>
            </button>
            <ul className="nav-panel" id={`nav-panel-${g.id}`} hidden={!isOpen} onKeyDown={onPanelKey(g.id)}>
              {g.items.map((n) => (
                <li key={n.href}>
                  <a
                    href={n.href}
                    className={n.active ? 'active' : ''}
                    aria-current={n.active ? 'page' : undefined}
                    onClick={linkHandler(n.href)}
                  >
                    {n.label}
                    <Count n={n.count} testId="unread-count" />
                  </a>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

/** The same groups as a list with headings, for the phone's drawer. */
export function SideNav({ groups }: { groups: NavGroup[] }) {
  return (
    <nav className="sidenav">
      {groups.map((g) => {
        const current = g.items.some((i) => i.active);
        return (
          <div key={g.id} className={`sidenav-group${current ? ' current' : ''}`} data-group={g.id}>
            {g.items.length > 1 && <div className="sidenav-heading">{g.label}</div>}
            {g.items.map((n) => (
              <a
                key={n.href}
                href={n.href}
                className={n.active ? 'active' : ''}
                aria-current={n.active ? 'page' : undefined}
                onClick={linkHandler(n.href)}
              >
                {n.icon && (
                  <span className="nav-icon" aria-hidden="true">
                    {n.icon}
                  </span>
                )}
                {n.label}
                <Count n={n.count} testId="unread-count" />
              </a>
            ))}
          </div>
        );
      })}
    </nav>
  );
}
