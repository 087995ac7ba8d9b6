#!/usr/bin/env node
// `npm start`: the desktop app where Electron's binary exists, otherwise the web host on the demo
// database. Never `require('electron')` to find out: without its binary it tries to download it.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const extraArgs = process.argv.slice(2);

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function run(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', cwd: root, ...options });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}

if (!existsSync(join(root, 'out', 'main', 'cli.js'))) {
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

const binary = electronBinary();
if (!binary) {
  console.log(
    "Electron's binary is not installed on this machine, so Tally starts as a web app in your browser instead.",
  );
  run(process.execPath, [join(root, 'bin', 'tally.cjs'), 'serve', '--demo', '--open', ...extraArgs]);
} else {
  // node_modules keeps better-sqlite3 built for Node (tests, CLI, web host); Electron gets its own
  // build in .cache/, made once per Electron version and handed over through an environment variable.
  const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const nativeDir = join(root, '.cache', `electron-${electronVersion}`, 'better-sqlite3');
  const nativeBinding = join(nativeDir, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(nativeBinding)) {
    console.log(`Building better-sqlite3 for Electron ${electronVersion} (once)…`);
    cpSync(join(root, 'node_modules', 'better-sqlite3'), nativeDir, {
      recursive: true,
      filter: (source) => !source.includes(`${join('better-sqlite3', 'build')}`),
    });
    execFileSync(
      'npx',
      [
        '--yes',
        'node-gyp',
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
        '--runtime=electron',
      ],
      { cwd: nativeDir, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
    );
  }
  run(binary, [root, '--demo', ...extraArgs], { env: { ...process.env, TALLY_SQLITE_NATIVE_BINDING: nativeBinding } });
}
