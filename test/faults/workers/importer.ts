/**
 * The crash test's child process. Run as
 * `node --import tsx test/faults/workers/importer.ts '<ImporterParams JSON>'`.
 *
 * It imports `total` touchpoints in batches of `batchSize`, each batch one atomic
 * `store.write([...])`, into a database the parent already set up (practice and
 * office saved). Before each batch it prints `{"type":"writing","batch":n}`, after
 * the batch committed `{"type":"committed","batch":n}` — stdout is a pipe, written
 * synchronously, so a `committed` line is never seen before the commit. The parent
 * kills it with SIGKILL part-way; if it is not killed it prints `done`.
 */
import { batchOf } from './batches';
import { openTarget, say, type Target } from './target';

/** What the parent passes on argv. */
export interface ImporterParams {
  readonly target: Target;
  readonly tenantId: string;
  readonly officeId: string;
  readonly total: number;
  readonly batchSize: number;
  /** The first batch number (the parent continues an import after the crash with it). */
  readonly firstBatch?: number;
}

async function main(): Promise<void> {
  const params = JSON.parse(process.argv[2] ?? '') as ImporterParams;
  const { store } = openTarget(params.target, params.tenantId, 1);
  const first = params.firstBatch ?? 0;
  const batches = Math.ceil(params.total / params.batchSize);
  for (let batch = first; batch < first + batches; batch++) {
    const operations = batchOf(params.tenantId, params.officeId, batch, params.batchSize);
    say({ type: 'writing', batch });
    await store.write(operations);
    say({ type: 'committed', batch });
  }
  say({ type: 'done' });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
