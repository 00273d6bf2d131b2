import { useEffect, useState } from 'react';
import { api } from '../api';
import { call, client } from '../api/client';
import { useT } from '../i18n';
import { linkHandler } from '../navigation';

interface Node {
  code: string;
  name: string;
  level: string;
  childCount: number;
}

/** The area tree from the user's scope down, loaded one level at a time as nodes open. */
export function AreaTree({ rootCode, current }: { rootCode: string; current: string | null }) {
  const [root, setRoot] = useState<Node | null>(null);
  useEffect(() => {
    call(client.GET('/api/areas/{code}', { params: { path: { code: rootCode } } })).then(
      (a) => setRoot({ code: a.code, name: a.name, level: a.level, childCount: a.children.length }),
      () => setRoot(null),
    );
  }, [rootCode]);
  if (!root) return null;
  return (
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA tree pattern on a nested list; keyboard focus is on the toggle and link inside each item
    <ul className="tree" role="tree">
      <TreeNode node={root} current={current} depth={0} initiallyOpen />
    </ul>
  );
}

function TreeNode({
  node,
  current,
  depth,
  initiallyOpen = false,
}: {
  node: Node;
  current: string | null;
  depth: number;
  initiallyOpen?: boolean;
}) {
  const { level } = useT();
  // Open the branch that leads to the current area.
  const onPath =
    current !== null &&
    current !== node.code &&
    current.startsWith(node.level === 'city' ? node.code.slice(0, 4) : node.code);
  const [open, setOpen] = useState(initiallyOpen || onPath);
  const [children, setChildren] = useState<Node[] | null>(null);
  useEffect(() => {
    if (onPath) setOpen(true);
  }, [onPath]);
  useEffect(() => {
    if (!open || children) return;
    call(client.GET('/api/areas/{code}', { params: { path: { code: node.code } } })).then(
      (a) =>
        setChildren(a.children.map((c) => ({ code: c.code, name: c.name, level: c.level, childCount: c.childCount }))),
      () => setChildren([]),
    );
  }, [open, children, node.code]);
  const hasChildren = node.childCount > 0;
  return (
    // biome-ignore lint/a11y/useFocusableInteractive: the ARIA tree pattern: focus goes to the toggle button and the link inside the item, not the item itself
    <li role="treeitem" aria-expanded={hasChildren ? open : undefined}>
      <div className={`tree-row${current === node.code ? ' current' : ''}`} style={{ paddingLeft: 6 + depth * 14 }}>
        <button
          type="button"
          className="tree-toggle"
          aria-label={open ? '−' : '+'}
          disabled={!hasChildren}
          onClick={() => setOpen(!open)}
        >
          {hasChildren ? (open ? '▾' : '▸') : '·'}
        </button>
        <a
          href={`/areas/${node.code}`}
          onClick={linkHandler(`/areas/${node.code}`)}
          title={`${node.name} ${node.code}`}
        >
          {node.name}
        </a>
        <span className="tree-level">{level(node.level)}</span>
      </div>
      {open && children && children.length > 0 && (
        // biome-ignore lint/a11y/useSemanticElements: the child list of a tree item takes role group per the ARIA tree pattern; it is not a form fieldset
        <ul role="group">
          {children.map((c) => (
            <TreeNode key={c.code} node={c} current={current} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}
