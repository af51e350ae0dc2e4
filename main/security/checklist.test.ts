// Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), checked
// against the objects the shell really uses: the webPreferences every window gets, the CSP header
// the fluo:// handler sends, and the source of the code that creates windows.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppRequestHandler } from '../app-protocol.ts';
import { contentSecurityPolicy, parseContentSecurityPolicy } from './csp.ts';
import { secureWebPreferences } from './web-preferences.ts';

const mainDir = path.resolve(import.meta.dirname, '..');

describe('window webPreferences', () => {
  const prefs = secureWebPreferences('/app/main/dist/preload.cjs');

  it('isolates the page from Node and Electron', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and experimental surface off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads the compiled CommonJS preload', () => {
    expect(prefs.preload).toBe('/app/main/dist/preload.cjs');
  });

  it('is the only webPreferences any main/ code passes to a window', () => {
    const sources = readdirSync(mainDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(c?ts)$/.test(file) && !file.endsWith('.test.ts') && !file.startsWith('dist'))
      .map((file) => ({ file, text: readFileSync(path.join(mainDir, file), 'utf8') }));
    const windowCreators = sources.filter(({ text }) => /new BrowserWindow\(|new BrowserView\(|new WebContentsView\(/.test(text));
    expect(windowCreators.map(({ file }) => file)).toEqual(['window.ts']);
    const windowSource = windowCreators[0]?.text ?? '';
    expect(windowSource.match(/webPreferences:/g)).toHaveLength(1);
    expect(windowSource).toContain('webPreferences: secureWebPreferences(options.preloadPath)');
    // Nothing may switch a checklist item back on elsewhere.
    for (const { file, text } of sources) {
      if (file.endsWith('web-preferences.ts')) continue;
      expect(text, file).not.toMatch(/nodeIntegration\s*:\s*true|contextIsolation\s*:\s*false|sandbox\s*:\s*false|webSecurity\s*:\s*false/);
      expect(text, file).not.toMatch(/setWindowOpenHandler\([^)]*allow/);
    }
  });
});

describe('sandboxed preload', () => {
  const source = readFileSync(path.join(mainDir, 'preload.cts'), 'utf8');

  it('loads nothing but electron at run time (a sandboxed preload can require nothing else)', () => {
    const runtimeImports = source.split('\n').filter((line) => /^import\s/.test(line) && !/^import type\s/.test(line));
    expect(runtimeImports).toEqual(["import electron = require('electron');"]);
    expect(source).not.toMatch(/\brequire\((?!'electron'\))/);
  });

  it('exposes one typed API object and never Electron or Node objects themselves', () => {
    expect(source.match(/contextBridge\.exposeInMainWorld\(/g)).toHaveLength(1);
    expect(source).toContain("contextBridge.exposeInMainWorld('fluoDesktop', api);");
    expect(source).toMatch(/const api: DesktopApi = \{/);
    const apiBlock = source.slice(source.indexOf('const api: DesktopApi = {'), source.indexOf('contextBridge.exposeInMainWorld'));
    expect(apiBlock).not.toMatch(/:\s*(ipcRenderer|electron|process|require)\s*[,}]/);
    // The page can never choose which IPC channel a call goes to: every send names a fixed channel.
    const sends = [...source.matchAll(/ipcRenderer\.(?:send|sendSync|invoke|postMessage)\(\s*(channel\('[^']*'\)|[^,)]+)/g)].map((m) => m[1]);
    expect(sends.length).toBeGreaterThan(0);
    for (const target of sends) expect(target).toMatch(/^channel\('fluo:[a-z-]+'\)$/);
  });
});

describe('Content-Security-Policy', () => {
  const csp = parseContentSecurityPolicy(contentSecurityPolicy());

  it('denies by default and allows scripts only from our own bundle', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('never allows eval, inline code, wildcards or remote origins', () => {
    for (const [directive, sources] of csp) {
      for (const unsafe of ["'unsafe-eval'", "'wasm-unsafe-eval'", "'unsafe-inline'", "'unsafe-hashes'", '*']) {
        expect(sources, directive).not.toContain(unsafe);
      }
      for (const source of sources) expect(source, directive).not.toMatch(/^(https?|wss?|ftp|file):|^\*\.|:\/\//);
    }
  });

  it('needs no WebSocket for RPC and lets previews play blob: and mediastream: media', () => {
    expect(csp.get('connect-src')?.some((source) => source.startsWith('ws'))).toBe(false);
    expect(csp.get('media-src')).toEqual(expect.arrayContaining(['blob:', 'mediastream:']));
  });

  it('is the header the fluo:// protocol handler sends with every page', async () => {
    const handler = createAppRequestHandler(path.join(mainDir, 'no-such-renderer-build'));
    const response = await handler(new Request('fluo://app/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('has not been built yet');
  });
});
