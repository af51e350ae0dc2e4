/** Four synthetic sources mixed into one 2×2 picture by a Composite hub. */
import type { DocumentConnection, DocumentElement } from '../document/types.ts';
import { at, template } from './seed.ts';

const SOURCES = [
  { id: 'red', label: 'Red', color: '#d03030' },
  { id: 'green', label: 'Green', color: '#30a040' },
  { id: 'blue', label: 'Blue', color: '#3060d0' },
  { id: 'yellow', label: 'Yellow', color: '#e0b020' },
];

const elements: DocumentElement[] = [
  ...SOURCES.flatMap((s, row) => [
    at(0, row, { id: s.id, type: 'TestPatternEndpoint', label: s.label, params: { pattern: 'SOLID_COLOR', color: s.color } }),
    at(1, row, { id: `${s.id}Port`, type: 'HubPort', label: `${s.label} port`, params: { hub: 'composite' } }),
  ]),
  at(2, 1.5, { id: 'composite', type: 'Composite', label: 'Grid', params: { width: 1280, height: 720, framerate: 30 } }),
  at(3, 1.5, { id: 'outputPort', type: 'HubPort', label: 'Output port', params: { hub: 'composite' } }),
  at(4, 1.5, { id: 'viewer', type: 'WebRtcEndpoint', label: 'Viewer', params: { recvonly: true } }),
];

const connections: DocumentConnection[] = [
  ...SOURCES.map((s) => ({ from: s.id, to: `${s.id}Port` })),
  { from: 'outputPort', to: 'viewer' },
];

export const compositeGrid = template(
  'Composite grid',
  'Four test patterns of different colours enter a Composite through their HubPorts; one output HubPort sends the 2×2 grid to a viewer.',
  elements,
  connections,
);
