/**
 * The parent side of the fault tests: which databases to run on (SQLite always,
 * the PostgreSQL server when it answers — required when `CI` is set), fresh
 * places to run in, and worker processes (`node --import tsx <script>`) that
 * talk in JSON lines on stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { quoteIdentifier } from '../../src/adapters/postgres/migrations';
import { SERVER_AT, SERVER_URL, probeServer as probeServerAt } from '../postgres-server';
import type { Target } from './workers/target';

export { SERVER_AT, SERVER_URL };

/** The repository root (the workers run from it, so `--import tsx` resolves). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));


/** The seed of every random choice (kill moments, operation orders); set `REFERWELL_FAULT_SEED` to replay. */
export const SEED = Number(process.env.REFERWELL_FAULT_SEED ?? 20260402);

/** The server's version when it answers; `undefined` otherwise (an error in CI). */
export const probeServer = (): Promise<string | undefined> => probeServerAt('the fault tests');

/** A fresh place to run one test in, and how to remove it. */
export interface Place {
  readonly target: Target;
  /** A short description for the log. */
  readonly label: string;
  /** Runs SQL outside referwell (Postgres only). */
  raw<R extends object = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  dispose(): Promise<void>;
}

let places = 0;

/** A new SQLite file in a new temporary directory. */
export function sqlitePlace(): Place {
  const dir = mkdtempSync(join(tmpdir(), 'referwell-faults-'));
  const file = join(dir, 'referwell.db');
  return {
    target: { kind: 'sqlite', file },
    label: `SQLite file ${file}`,
    raw: () => Promise.reject(new Error('raw SQL is for Postgres places')),
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new, empty schema on the server (referwell creates it on first use), dropped by `dispose`. */
export function postgresPlace(serverVersion: string): Place {
  const tag = `${process.pid}_${Date.now().toString(36)}_${places++}`;
  const schema = `referwell_faults_${tag}`;
  const client = new pg.Client({ connectionString: SERVER_URL });
  client.on('error', () => undefined);
  const connected = client.connect();
  return {
    target: { kind: 'postgres', url: SERVER_URL, schema, applicationName: `referwell-faults-${tag}` },
    label: `PostgreSQL ${serverVersion} at ${SERVER_AT}, schema ${schema}`,
    async raw<R extends object>(sql: string, params?: unknown[]) {
      await connected;
      return (await client.query(sql, params)).rows as R[];
    },
    async dispose() {
      await connected;
      await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
      await client.end();
    },
  };
}

/** A message a worker printed, with when the parent read it. */
export interface Heard<M> {
  readonly message: M;
  /** `performance.now()` when the line arrived. */
  readonly at: number;
}

/** A running worker process. */
export interface Worker<M extends { type: string }> {
  readonly child: ChildProcess;
  /** Every JSON line it printed so far. */
  readonly heard: readonly Heard<M>[];
  /** Resolves with the first message (already heard or to come) that matches; rejects when it exits first. */
  waitFor(match: (message: M) => boolean): Promise<Heard<M>>;
  /** Writes a line on its stdin. */
  tell(line: string): void;
  /** Resolves when it exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it wrote on stderr. */
  stderr(): string;
}

const running = new Set<ChildProcess>();

/**
 * Starts `node --import tsx test/faults/workers/<script>` with `params` as JSON on argv.
 *
 * @param script - The file name under `test/faults/workers/`.
 * @param params - Its parameters.
 */
export function startWorker<M extends { type: string }>(script: string, params: object): Worker<M> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/faults/workers', script), JSON.stringify(params)], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: process.env,
  });
  running.add(child);
  const heard: Heard<M>[] = [];
  const waiting: { match: (m: M) => boolean; resolve: (h: Heard<M>) => void; reject: (e: Error) => void }[] = [];
  let errText = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    errText += chunk;
  });
  // A worker that exits early closes its stdin; writing to it must not crash the parent.
  child.stdin!.on('error', () => undefined);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const entry = { message: JSON.parse(line) as M, at: performance.now() };
    heard.push(entry);
    for (const w of [...waiting]) {
      if (w.match(entry.message)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(entry);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('close', (code, signal) => {
      running.delete(child);
      for (const w of waiting.splice(0)) {
        w.reject(new Error(`worker ${script} exited (code ${code}, signal ${signal}) first; stderr:\n${errText}`));
      }
      resolveExit({ code, signal });
    });
  });
  return {
    child,
    heard,
    waitFor(match) {
      const found = heard.find((h) => match(h.message));
      if (found !== undefined) return Promise.resolve(found);
      if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.reject(new Error(`worker ${script} already exited; stderr:\n${errText}`));
      }
      return new Promise((resolveWait, reject) => waiting.push({ match, resolve: resolveWait, reject }));
    },
    tell(line) {
      child.stdin!.write(`${line}\n`);
    },
    exited,
    stderr: () => errText,
  };
}

/** Kills (SIGKILL) every worker this file started that still runs — for `afterEach`, after a failed test. */
export function killStragglers(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
