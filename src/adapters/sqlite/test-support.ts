/**
 * Raw SQL helpers shared by the SQLite adapter's tests and the CLI's WebAssembly
 * driver tests: they read and write the tables directly, bypassing the adapter.
 *
 * @internal
 * @module
 */
import type Database from 'better-sqlite3';
import type { StoredKind } from '../../store/driver';
import type { SeedRow, StoreInspector } from '../../testing/conformance';
import { migrateSqlite } from './migrations';

/** The tables, written out here rather than taken from the adapter, so that the raw reads are independent of it. */
export const rawTables: Readonly<Record<StoredKind, string>> = {
  practice: 'referwell_practices',
  office: 'referwell_offices',
  contact: 'referwell_contacts',
  clinician: 'referwell_clinicians',
  'practice-message': 'referwell_practice_messages',
  touchpoint: 'referwell_touchpoints',
  referral: 'referwell_referrals',
  'thank-you': 'referwell_thank_yous',
  'action-decision': 'referwell_action_decisions',
};

/** Raw SQL reads and writes on the host's connection, bypassing the adapter. */
export function sqlInspector(db: Database.Database): StoreInspector {
  return {
    readRow: (kind, tenantId, id) =>
      db.prepare(`SELECT version, body FROM ${rawTables[kind]} WHERE tenant_id = ? AND id = ?`).get(tenantId, id) as
        | { version: number; body: string }
        | undefined,
    countRows: (kind, tenantId) =>
      (db.prepare(`SELECT count(*) AS n FROM ${rawTables[kind]} WHERE tenant_id = ?`).get(tenantId) as { n: number }).n,
    corruptRow: (kind, tenantId, id, body) => {
      const { changes } = db
        .prepare(`UPDATE ${rawTables[kind]} SET body = ? WHERE tenant_id = ? AND id = ?`)
        .run(body, tenantId, id);
      if (changes !== 1) throw new Error(`no ${kind} ${id} of ${tenantId} to corrupt`);
    },
  };
}

/** Lays a database out at `version` and stores `rows` as that schema did, in change order. */
export function layOut(db: Database.Database, version: number, rows: readonly SeedRow[]): void {
  migrateSqlite(db, version);
  db.transaction(() => {
    const seqs = new Map<string, number>();
    for (const row of rows) {
      const seq = (seqs.get(row.tenantId) ?? 0) + 1;
      seqs.set(row.tenantId, seq);
      const table = rawTables[row.kind];
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      if (columns.includes('office_id')) {
        db.prepare(`INSERT INTO ${table} (tenant_id, id, office_id, version, seq, body) VALUES (?, ?, ?, ?, ?, ?)`).run(
          row.tenantId,
          row.id,
          row.officeId,
          row.version,
          seq,
          row.body,
        );
      } else {
        db.prepare(`INSERT INTO ${table} (tenant_id, id, version, seq, body) VALUES (?, ?, ?, ?, ?)`).run(
          row.tenantId,
          row.id,
          row.version,
          seq,
          row.body,
        );
      }
    }
    const counter = db.prepare('INSERT INTO referwell_sequences (tenant_id, value) VALUES (?, ?)');
    for (const [tenantId, value] of seqs) counter.run(tenantId, value);
  })();
}
