/** Every creatable element, grouped and searchable; drag onto the canvas, or double-click to add at the centre. */
import { useMemo, useState } from 'react';
import type { CatalogElement } from '../../../app/rpc/api.ts';
import { PALETTE_DRAG_TYPE } from '../canvas/canvas.tsx';
import { Icon } from '../ui/icons.tsx';

const GROUPS: { title: string; categories: CatalogElement['category'][] }[] = [
  { title: 'Endpoints', categories: ['endpoint'] },
  { title: 'Filters', categories: ['filter'] },
  { title: 'Hubs', categories: ['hub', 'hubport'] },
];

export function Palette({ elements, onAdd }: { elements: CatalogElement[]; onAdd(type: string): void }) {
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? elements.filter((e) => `${e.type} ${e.summary} ${e.description}`.toLowerCase().includes(q)) : elements;
  }, [elements, query]);
  return (
    <div className="palette" data-testid="palette">
      <input className="search" type="search" placeholder="Search elements…" aria-label="Search elements" value={query} onChange={(e) => setQuery(e.target.value)} />
      {GROUPS.map((group) => {
        const items = matches.filter((e) => group.categories.includes(e.category));
        if (items.length === 0) return null;
        return (
          <section key={group.title}>
            <h3>{group.title}</h3>
            <ul>
              {items.map((element) => (
                <li key={element.type}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable
                    data-type={element.type}
                    title={`${element.description}\n\nDrag onto the canvas, or double-click (Enter) to add.`}
                    onDragStart={(event) => {
                      event.dataTransfer.setData(PALETTE_DRAG_TYPE, element.type);
                      event.dataTransfer.effectAllowed = 'copy';
                    }}
                    onDoubleClick={() => onAdd(element.type)}
                    onKeyDown={(event) => {
                      if (event.key === 'Enter') onAdd(element.type);
                    }}
                  >
                    <span className={`palette-icon category-${element.category}`}>
                      <Icon name={element.icon} />
                    </span>
                    <span className="palette-text">
                      <span className="palette-name">
                        {element.type}
                        {element.fluoOnly && <span className="tag" title="Fluo's own element: not deployable to a Kurento Media Server">fluo</span>}
                      </span>
                      <span className="palette-summary">{element.summary}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {matches.length === 0 && <p className="empty">No element matches “{query}”.</p>}
    </div>
  );
}
