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
beforeEach(async () => {
  world = await LifecycleWorld.create();
});
afterEach(async () => {
  await world.dispose();
});

const statusOf = async (id: string) => (await world.registry.getInvoice(id))?.status;

describe('push delivery records', () => {
  it('keeps an invoice owed to a push target at DEPOSEE until the push is confirmed', async () => {
    const id = await world.deliver('F-1');
    await world.db.run(`UPDATE invoices SET push_state = 'PENDING' WHERE id = ?`, [id]);
    await recordPlatformStatuses(world, id);
    expect(await statusOf(id)).toBe('DEPOSEE');
    expect(await world.registry.listPendingInvoicePushes(10)).toEqual([id]);
    expect(await world.registry.markInvoicePushed(id, 'PUSHED', 'sftp://x/F-1.xml')).toBe(true);
    expect(await world.registry.markInvoicePushed(id, 'REROUTED', '/inbox/F-1.xml')).toBe(false);
    expect(await world.registry.getInvoice(id)).toMatchObject({
      pushState: 'PUSHED',
      deliveredPath: 'sftp://x/F-1.xml',
    });
    await recordPlatformStatuses(world, id);
    expect(await statusOf(id)).toBe('MISE_A_DISPOSITION');
    expect(await world.registry.listPendingInvoicePushes(10)).toEqual([]);
  });

  it('makes an inbox delivery available at once, as before', async () => {
    const id = await world.deliver('F-2');
    await recordPlatformStatuses(world, id);
    expect(await statusOf(id)).toBe('MISE_A_DISPOSITION');
    expect((await world.registry.getInvoice(id))?.pushState).toBeUndefined();
  });

  it('owes the status files of a push entity to its server once written, not those of others', async () => {
    await world.accounts.setPushTarget('ministere', TARGET);
    const id = await world.deliver('F-3');
    const feed = await recordPlatformStatuses(world, id);
    for (const row of feed) await writeStatusFile(world, row);
    const owed = await world.registry.listPendingFeedPushes(10);
    expect(owed.map((key) => key.account)).toEqual(['ministere', 'ministere']);
    const first = owed[0];
    if (!first) throw new Error('nothing owed');
    expect(await world.registry.markFeedPushed(first, 'PUSHED')).toBe(true);
    expect(await world.registry.markFeedPushed(first, 'PUSHED')).toBe(false);
    expect(await world.registry.listPendingFeedPushes(10)).toHaveLength(1);
  });
});

describe('push targets', () => {
  it('are stored with the account, shown, and cleared', async () => {
    expect((await world.accounts.setPushTarget('ministere', TARGET)).push).toEqual(TARGET);
    expect((await world.accounts.get('ministere'))?.push).toEqual(TARGET);
    expect((await world.accounts.setPushTarget('ministere', undefined)).push).toBeUndefined();
  });

  it('are refused for suppliers and when malformed, every problem at once', async () => {
    await expect(world.accounts.setPushTarget('acme', TARGET)).rejects.toThrow(
      /only public entity/,
    );
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
