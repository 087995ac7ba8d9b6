/** The web host as a browser or an attacker would meet it: real HTTP and WebSocket on 127.0.0.1. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createApi } from '../api/api';
import { MemorySecretStore } from '../connections/secret-store';
import { makeTempDir } from '../testing/fixtures';
import { Workspace } from '../workspace/workspace';
import { contentSecurityPolicy, startWebHost, type WebHost } from './web-host';

describe('the web host', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let workspace: Workspace;
  let host: WebHost;

  beforeAll(async () => {
    temp = makeTempDir('web');
    const rendererDir = join(temp.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Tally</title>');
    writeFileSync(join(temp.dir, 'secret.txt'), 'outside the renderer');
    workspace = Workspace.open(join(temp.dir, 'ws.tally'));
    const dispatcher = createApi({ workspace, secrets: new MemorySecretStore(), host: 'web' });
    host = await startWebHost({ dispatcher, rendererDir });
  });

  afterAll(async () => {
    await host.close();
    workspace.close();
    temp.remove();
  });

  function openSocket(options: { token?: string; origin?: string }): Promise<WebSocket> {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${options.token ?? host.token}`, {
      origin: options.origin ?? `http://127.0.0.1:${host.port}`,
    });
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      ws.once('error', reject);
    });
  }

  it('listens on 127.0.0.1 with a long random token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('serves the renderer with a content security policy', async () => {
    const response = await fetch(`http://127.0.0.1:${host.port}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(await response.text()).toContain('<title>Tally</title>');
  });

  it('serves nothing outside the renderer folder and nothing to a foreign Host header', async () => {
    const traversal = await fetch(`http://127.0.0.1:${host.port}/..%2fsecret.txt`);
    expect(traversal.status).toBe(404);
    // A DNS-rebinding page reaches 127.0.0.1 under its own host name.
    const rebindingStatus = await new Promise<number | undefined>((resolve, reject) => {
      get({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: 'evil.example' } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      }).once('error', reject);
    });
    expect(rebindingStatus).toBe(421);
  });

  it('answers API calls over the WebSocket with the token and its own origin', async () => {
    const ws = await openSocket({});
    const reply = new Promise<unknown>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse((data as Buffer).toString('utf8')))),
    );
    ws.send(JSON.stringify({ kind: 'call', id: 7, method: 'app.info', input: {} }));
    expect(await reply).toMatchObject({
      kind: 'result',
      id: 7,
      ok: true,
      output: { host: 'web', secretStore: 'memory' },
    });
    ws.close();
  });

  it('refuses a wrong token and a foreign origin', async () => {
    await expect(openSocket({ token: 'guess' })).rejects.toThrow('HTTP 403');
    await expect(openSocket({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });
});
