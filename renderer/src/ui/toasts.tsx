/** Short-lived messages in a corner (saved, refused connection, errors). */
import { useCallback, useMemo, useRef, useState } from 'react';

export interface Toast {
  id: number;
  text: string;
  level: 'info' | 'error';
}

export function useToasts() {
  const [items, setItems] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setItems((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (text: string, level: 'info' | 'error' = 'info') => {
      const id = next.current++;
      setItems((list) => [...list.slice(-3), { id, text, level }]);
      setTimeout(() => dismiss(id), level === 'error' ? 8000 : 3500);
    },
    [dismiss],
  );
  return useMemo(() => ({ items, show, dismiss }), [items, show, dismiss]);
}

export function Toasts({ items, onDismiss }: { items: Toast[]; onDismiss(id: number): void }) {
  return (
    <div className="toasts" aria-live="polite">
      {items.map((t) => (
        <div key={t.id} className={`toast toast-${t.level}`} role={t.level === 'error' ? 'alert' : 'status'} onClick={() => onDismiss(t.id)}>
          {t.text}
        </div>
      ))}
    </div>
  );
}
