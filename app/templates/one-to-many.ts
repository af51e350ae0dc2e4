/** One presenter, many viewers, through a DispatcherOneToMany hub (the viewers' ports only send). */
import { at, template } from './seed.ts';

export const oneToMany = template(
  'One-to-many broadcast',
  'A presenter\'s WebRtcEndpoint feeds a DispatcherOneToMany through its HubPort; every viewer\'s WebRtcEndpoint receives from a port of its own.',
  [
    at(0, 1, { id: 'presenter', type: 'WebRtcEndpoint', label: 'Presenter' }),
    at(1, 1, { id: 'presenterPort', type: 'HubPort', label: 'Presenter port', params: { hub: 'broadcast' } }),
    at(2, 1, { id: 'broadcast', type: 'DispatcherOneToMany', label: 'Broadcast', calls: [{ method: 'setSource', params: { source: 'presenterPort' } }] }),
    at(3, 0, { id: 'viewerPort1', type: 'HubPort', label: 'Viewer 1 port', params: { hub: 'broadcast' } }),
    at(3, 2, { id: 'viewerPort2', type: 'HubPort', label: 'Viewer 2 port', params: { hub: 'broadcast' } }),
    at(4, 0, { id: 'viewer1', type: 'WebRtcEndpoint', label: 'Viewer 1', params: { recvonly: true } }),
    at(4, 2, { id: 'viewer2', type: 'WebRtcEndpoint', label: 'Viewer 2', params: { recvonly: true } }),
  ],
  [
    { from: 'presenter', to: 'presenterPort' },
    { from: 'presenterPort', to: 'presenter' },
    { from: 'viewerPort1', to: 'viewer1' },
    { from: 'viewerPort2', to: 'viewer2' },
  ],
);
