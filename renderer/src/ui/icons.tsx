/** The editor's icon set: one small SVG path per catalog icon id (stroke icons, 24x24 grid). */
const PATHS: Record<string, string> = {
  webrtc: 'M4 6h11v12H4zM15 10l5-3v10l-5-3',
  rtp: 'M3 12h4l3-7 4 14 3-7h4',
  http: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18',
  player: 'M7 5l12 7-12 7z',
  recorder: 'M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM12 2v2M12 20v2',
  camera: 'M3 8h4l2-3h6l2 3h4v11H3zM12 10a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z',
  pattern: 'M3 5h18v14H3zM7 5v14M11 5v14M15 5v14M19 5v14',
  'face-overlay': 'M12 9a5 5 0 1 0 0 10 5 5 0 0 0 0-10zM6 8l6-5 6 5zM10 13h.01M14 13h.01',
  'face-blur': 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16zM8 9h2M14 9h2M8 13h2M14 13h2M8 17h8',
  'face-detect': 'M4 8V4h4M16 4h4v4M20 16v4h-4M8 20H4v-4M12 8a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM8 18c1-2 7-2 8 0',
  'image-overlay': 'M3 5h18v14H3zM3 16l5-5 4 4 3-3 6 6M15 8h.01',
  ffmpeg: 'M4 6h16M7 12h10M10 18h4',
  qr: 'M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2',
  passthrough: 'M3 12h18M15 6l6 6-6 6',
  composite: 'M3 4h8v7H3zM13 4h8v7h-8zM3 13h8v7H3zM13 13h8v7h-8z',
  alpha: 'M4 4h11v11H4zM9 9h11v11H9z',
  dispatcher: 'M3 12h6M9 12l6-6h6M9 12l6 6h6',
  broadcast: 'M3 12h6M9 12h12M9 12l12-7M9 12l12 7',
  mixer: 'M6 4v16M12 4v16M18 4v16M4 8h4M10 15h4M16 10h4',
  hubport: 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z',
  endpoint: 'M4 12h10M14 6h6v12h-6z',
  filter: 'M4 5h16l-6 7v6l-4 2v-8z',
  hub: 'M12 12m-3 0a3 3 0 1 0 6 0 3 3 0 1 0-6 0M12 3v6M12 15v6M3 12h6M15 12h6',
  port: 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16z',
  rename: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  duplicate: 'M8 8h12v12H8zM4 16V4h12',
  delete: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
};

export function Icon({ name, size = 18, title }: { name: string; size?: number; title?: string }) {
  const d = PATHS[name] ?? PATHS.filter!;
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden={title ? undefined : true} role={title ? 'img' : undefined}>
      {title && <title>{title}</title>}
      <path d={d} />
    </svg>
  );
}
