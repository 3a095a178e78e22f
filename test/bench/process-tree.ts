/**
 * Samples a process and its descendants from /proc (Linux): CPU time used and resident
 * memory, so the bench can report CPU per invoice and the peak RSS of the gateway's tree
 * (its embedded Redis included).
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly cpuMs: number;
  readonly rssBytes: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssPages = Number(fields[21]);
    return {
      pid,
      ppid: Number(fields[1]),
      cpuMs: (ticks * 1000) / TICKS_PER_SECOND,
      rssBytes: rssPages * 4096,
    };
  } catch {
    return undefined;
  }
}

/** `root` and every process descending from it now. */
export function treePids(root: number): number[] {
  const all: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) all.push(stat);
  }
  const inTree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const stat of all) {
      if (!inTree.has(stat.pid) && inTree.has(stat.ppid)) {
        inTree.add(stat.pid);
        grew = true;
      }
    }
  }
  return [...inTree];
}

export interface TreeSample {
  readonly cpuMs: number;
  readonly rssBytes: number;
  readonly processes: number;
}

/** CPU (user + system, live processes only) and RSS summed over `root` and its descendants. */
export function sampleTree(root: number): TreeSample {
  const members = treePids(root)
    .map(readStat)
    .filter((stat): stat is ProcStat => stat !== undefined);
  return {
    cpuMs: members.reduce((sum, stat) => sum + stat.cpuMs, 0),
    rssBytes: members.reduce((sum, stat) => sum + stat.rssBytes, 0),
    processes: members.length,
  };
}

/** The trees of several roots summed (processes of one cluster: SFTP, workers, Redis). */
function sampleTrees(roots: readonly number[]): TreeSample {
  return roots.map(sampleTree).reduce(
    (sum, sample) => ({
      cpuMs: sum.cpuMs + sample.cpuMs,
      rssBytes: sum.rssBytes + sample.rssBytes,
      processes: sum.processes + sample.processes,
    }),
    { cpuMs: 0, rssBytes: 0, processes: 0 },
  );
}

/** Samples the tree(s) every `intervalMs` until stopped; keeps the peak RSS and the last CPU. */
export class TreeMonitor {
  readonly #roots: readonly number[];
  readonly #timer: NodeJS.Timeout;
  readonly startCpuMs: number;
  peakRssBytes = 0;
  #lastCpuMs: number;

  constructor(root: number | readonly number[], intervalMs = 200) {
    this.#roots = typeof root === 'number' ? [root] : root;
    const first = sampleTrees(this.#roots);
    this.startCpuMs = first.cpuMs;
    this.#lastCpuMs = first.cpuMs;
    this.peakRssBytes = first.rssBytes;
    this.#timer = setInterval(() => {
      this.#sample();
    }, intervalMs);
  }

  #sample(): void {
    const sample = sampleTrees(this.#roots);
    if (sample.processes === 0) return;
    this.#lastCpuMs = sample.cpuMs;
    this.peakRssBytes = Math.max(this.peakRssBytes, sample.rssBytes);
  }

  /** Stops sampling; returns the CPU used since the start and the peak RSS. */
  stop(): { cpuMs: number; peakRssBytes: number } {
    this.#sample();
    clearInterval(this.#timer);
    return { cpuMs: this.#lastCpuMs - this.startCpuMs, peakRssBytes: this.peakRssBytes };
  }
}
