import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN } from '../app-origin.ts';
import { isPermissionGranted } from './permissions.ts';

const fromApp = { requestingUrl: APP_ENTRY_URL, isMainFrame: true };

describe('permission handler', () => {
  it('grants camera and microphone to our own page', () => {
    expect(isPermissionGranted({ ...fromApp, permission: 'media', mediaTypes: ['video'] })).toBe(true);
    expect(isPermissionGranted({ ...fromApp, permission: 'media', mediaTypes: ['audio', 'video'], securityOrigin: `${APP_ORIGIN}/` })).toBe(true);
    // Permission checks carry only the origin.
    expect(isPermissionGranted({ permission: 'media', requestingUrl: APP_ORIGIN, isMainFrame: true })).toBe(true);
  });

  it('denies every other permission, even to our own page', () => {
    for (const permission of ['geolocation', 'notifications', 'display-capture', 'clipboard-read', 'midiSysex', 'openExternal', 'fullscreen', 'usb', 'hid', 'unknown']) {
      expect(isPermissionGranted({ ...fromApp, permission }), permission).toBe(false);
    }
  });

  it('denies media to other origins, sub-frames and unknown requesters', () => {
    expect(isPermissionGranted({ permission: 'media', requestingUrl: 'https://example.com/', isMainFrame: true })).toBe(false);
    expect(isPermissionGranted({ permission: 'media', requestingUrl: 'file:///home/me/x.html', isMainFrame: true })).toBe(false);
    expect(isPermissionGranted({ permission: 'media', requestingUrl: 'fluo://evil/index.html', isMainFrame: true })).toBe(false);
    expect(isPermissionGranted({ permission: 'media', requestingUrl: 'http://127.0.0.1:5173/', isMainFrame: true })).toBe(false);
    expect(isPermissionGranted({ ...fromApp, permission: 'media', isMainFrame: false })).toBe(false);
    expect(isPermissionGranted({ permission: 'media', requestingUrl: undefined, isMainFrame: true })).toBe(false);
    expect(isPermissionGranted({ ...fromApp, permission: 'media', securityOrigin: 'https://example.com' })).toBe(false);
  });

  it('denies geolocation and notifications from other origins too', () => {
    for (const permission of ['geolocation', 'notifications']) {
      expect(isPermissionGranted({ permission, requestingUrl: 'https://example.com/', isMainFrame: true })).toBe(false);
    }
  });
});
