/** Who holds the periodic-work lease, told in its token so that a successor can check. */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../logging/index.js';
import type { ClusterLease } from '../redis/index.js';

/** `<host>/<pid>/<random>`: tells a successor on the same machine whether the holder died. */
export function leaseTokenOf(pid: number): string {
  return `${hostname()}/${pid}/${randomUUID()}`;
}

/**
 * A lease left by a process of this machine that is gone (SIGKILL, crash) is freed at once, so
 * that a restarted gateway reconciles at start as a single process always did, instead of
 * waiting for the lease to expire.
 */
export async function breakDeadLocalHolder(lease: ClusterLease, logger: Logger): Promise<void> {
  const holder = await lease.holder();
  const [host, pid] = holder?.split('/') ?? [];
  if (holder === undefined || host !== hostname() || pid === undefined) return;
  try {
    process.kill(Number(pid), 0);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPERM') return;
  }
  if (await lease.breakIfHeldBy(holder))
    logger.info({ pid: Number(pid) }, 'freed the periodic-work lease of a dead process');
}
