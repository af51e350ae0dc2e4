import { describe, expect, it } from 'vitest';
import { isTrustedIpcSender } from './ipc-sender.ts';
import { isNavigationAllowed, windowOpenAction } from './navigation.ts';

describe('navigation guard', () => {
  it('keeps the window on our own page', () => {
    expect(isNavigationAllowed('fluo://app/index.html')).toBe(true);
    expect(isNavigationAllowed('fluo://app/index.html#/graph/1')).toBe(true);
  });

  it('refuses the web, local files, other hosts of our scheme and junk', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'fluo://other/index.html',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(isNavigationAllowed(url), url).toBe(false);
    }
  });

  it('denies every window.open', () => {
    expect(windowOpenAction()).toEqual({ action: 'deny' });
  });
});

describe('IPC sender check', () => {
  const ours = { frameUrl: 'fluo://app/index.html', isMainFrame: true, isOurWindow: true };

  it('answers our window top frame on our page', () => {
    expect(isTrustedIpcSender(ours)).toBe(true);
  });

  it('refuses sub-frames, other pages, other windows and destroyed frames', () => {
    expect(isTrustedIpcSender({ ...ours, isMainFrame: false })).toBe(false);
    expect(isTrustedIpcSender({ ...ours, frameUrl: 'https://example.com/' })).toBe(false);
    expect(isTrustedIpcSender({ ...ours, frameUrl: 'fluo://evil/index.html' })).toBe(false);
    expect(isTrustedIpcSender({ ...ours, isOurWindow: false })).toBe(false);
    expect(isTrustedIpcSender({ ...ours, frameUrl: undefined })).toBe(false);
  });
});
