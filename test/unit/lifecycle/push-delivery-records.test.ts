import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pushTargetProblems, type PushTarget } from '../../../src/accounts/index.js';
import { recordPlatformStatuses, writeStatusFile } from '../../../src/lifecycle/index.js';
import { LifecycleWorld } from './lifecycle-world.js';

const TARGET: PushTarget = {
  host: 'sftp.ministere.example',
  port: 2022,
  user: 'passerelle',
  keyFile: '/etc/passerelle/push_ed25519',
  remoteDir: '/depot/factures',
  hostKeySha256: `SHA256:${'a'.repeat(43)}`,
};

let world: LifecycleWorld;
beforeEach(() => {
  world = new LifecycleWorld();
});
afterEach(() => {
  world.dispose();
});

const statusOf = (id: string) => world.registry.getInvoice(id)?.status;

describe('push delivery records', () => {
  it('keeps an invoice owed to a push target at DEPOSEE until the push is confirmed', () => {
    const id = world.deliver('F-1');
    world.db.prepare(`UPDATE invoices SET push_state = 'PENDING' WHERE id = ?`).run(id);
    recordPlatformStatuses(world, id);
    expect(statusOf(id)).toBe('DEPOSEE');
    expect(world.registry.listPendingInvoicePushes(10)).toEqual([id]);
    expect(world.registry.markInvoicePushed(id, 'PUSHED', 'sftp://x/F-1.xml')).toBe(true);
    expect(world.registry.markInvoicePushed(id, 'REROUTED', '/inbox/F-1.xml')).toBe(false);
    expect(world.registry.getInvoice(id)).toMatchObject({
      pushState: 'PUSHED',
      deliveredPath: 'sftp://x/F-1.xml',
    });
    recordPlatformStatuses(world, id);
    expect(statusOf(id)).toBe('MISE_A_DISPOSITION');
    expect(world.registry.listPendingInvoicePushes(10)).toEqual([]);
  });

  it('makes an inbox delivery available at once, as before', () => {
    const id = world.deliver('F-2');
    recordPlatformStatuses(world, id);
    expect(statusOf(id)).toBe('MISE_A_DISPOSITION');
    expect(world.registry.getInvoice(id)?.pushState).toBeUndefined();
  });

  it('owes the status files of a push entity to its server once written, not those of others', async () => {
    world.accounts.setPushTarget('ministere', TARGET);
    const id = world.deliver('F-3');
    const feed = recordPlatformStatuses(world, id);
    for (const row of feed) await writeStatusFile(world, row);
    const owed = world.registry.listPendingFeedPushes(10);
    expect(owed.map((key) => key.account)).toEqual(['ministere', 'ministere']);
    const first = owed[0];
    if (!first) throw new Error('nothing owed');
    expect(world.registry.markFeedPushed(first, 'PUSHED')).toBe(true);
    expect(world.registry.markFeedPushed(first, 'PUSHED')).toBe(false);
    expect(world.registry.listPendingFeedPushes(10)).toHaveLength(1);
  });
});

describe('push targets', () => {
  it('are stored with the account, shown, and cleared', () => {
    expect(world.accounts.setPushTarget('ministere', TARGET).push).toEqual(TARGET);
    expect(world.accounts.get('ministere')?.push).toEqual(TARGET);
    expect(world.accounts.setPushTarget('ministere', undefined).push).toBeUndefined();
  });

  it('are refused for suppliers and when malformed, every problem at once', () => {
    expect(() => world.accounts.setPushTarget('acme', TARGET)).toThrow(/only public entity/);
    const problems = pushTargetProblems({
      ...TARGET,
      port: 0,
      keyEnv: 'lower',
      remoteDir: '../etc',
      hostKeySha256: 'MD5:aa:bb',
    });
    expect(problems).toHaveLength(5);
    expect(pushTargetProblems({ ...TARGET, keyFile: undefined })).toEqual([]);
  });
});
