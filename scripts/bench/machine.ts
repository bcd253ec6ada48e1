/**
 * What the benchmark ran on: the machine, Node, and the git commit.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';

/**
 * The machine and the code a run measured.
 *
 * @category Benchmark
 */
export interface MachineInfo {
  /** The CPU model. */
  readonly cpu: string;
  /** Logical cores. */
  readonly cores: number;
  /** `process.version`. */
  readonly node: string;
  /** `process.platform`-`process.arch`. */
  readonly platform: string;
  /** Free memory when the run started, in MiB. */
  readonly freeMemoryMiB: number;
  /** Total memory, in MiB. */
  readonly totalMemoryMiB: number;
  /** V8's heap limit for this process, in MiB. */
  readonly heapLimitMiB: number;
  /**
   * The size of the processor's last-level cache as Linux reports it (e.g.
   * `L3 32768K`), or `unknown`. A fixture that fits in it is read faster per record
   * than one that does not, which bears on b(10×)/b.
   */
  readonly lastLevelCache: string;
  /** The git commit checked out, or `unknown`. */
  readonly commit: string;
  /** Whether the working tree had uncommitted changes (`null` when git was not available). */
  readonly dirty: boolean | null;
}

const MiB = 1024 * 1024;

/** Runs a read-only git command, or returns `undefined`. */
function git(...args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The highest-level cache of CPU 0 under Linux's sysfs, or `unknown` (another OS, no sysfs). */
function lastLevelCache(): string {
  const dir = '/sys/devices/system/cpu/cpu0/cache';
  try {
    let best: { level: number; size: string } | undefined;
    for (const entry of readdirSync(dir)) {
      if (!entry.startsWith('index')) continue;
      const level = Number(readFileSync(`${dir}/${entry}/level`, 'utf8').trim());
      const size = readFileSync(`${dir}/${entry}/size`, 'utf8').trim();
      if (Number.isFinite(level) && size !== '' && (best === undefined || level > best.level)) best = { level, size };
    }
    return best === undefined ? 'unknown' : `L${best.level} ${best.size}`;
  } catch {
    return 'unknown';
  }
}

/**
 * Describes the machine, Node and the checked-out commit (read-only git calls).
 *
 * @returns The description.
 * @example
 * ```ts
 * describeMachine().cores; //=> 2
 * ```
 * @category Benchmark
 */
export function describeMachine(): MachineInfo {
  const cores = cpus();
  const status = git('status', '--porcelain');
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    freeMemoryMiB: Math.round(freemem() / MiB),
    totalMemoryMiB: Math.round(totalmem() / MiB),
    heapLimitMiB: Math.round(getHeapStatistics().heap_size_limit / MiB),
    lastLevelCache: lastLevelCache(),
    commit: git('rev-parse', 'HEAD') ?? 'unknown',
    dirty: status === undefined ? null : status.length > 0,
  };
}
