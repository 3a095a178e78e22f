import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eWorld, ENTITIES } from '../support/e2e-world.js';
import { runCli } from '../support/gateway-process.js';
import { grantSellersOf } from '../support/grant-sellers.js';
import { frenchify, renumber } from '../support/frenchify.js';
import { normalizeAck } from '../support/normalize-ack.js';
import { listSamples, REPO_ROOT } from '../support/paths.js';
import { codesOf, type SftpPartner } from '../support/sftp-partner.js';

const MAX_FILE_BYTES = 1024 * 1024;
const FIXTURES = path.join(REPO_ROOT, 'fixtures');
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

let world: E2eWorld;
let acme: SftpPartner;

beforeAll(async () => {
  world = await E2eWorld.create({
    externalRedis: false,
    // These tests replay the same samples (and the samples share invoice numbers): the
    // duplicate checks are tested in lifecycle.e2e.test.ts.
    extraEnv: {
      PASSERELLE_MAX_FILE_BYTES: String(MAX_FILE_BYTES),
      PASSERELLE_DUPLICATE_CHECKS: 'false',
    },
  });
  await world.gateway.start();
  acme = await world.supplier();
});

afterAll(async () => {
  await acme.end();
  await world.dispose();
});

describe('the shared samples, addressed to a French public buyer', () => {
  it('are all accepted and delivered to the entity, byte for byte', async () => {
    const ministere = ENTITIES[0];
    const uploads = new Map<string, Buffer>();
    for (const file of [...listSamples('ubl'), ...listSamples('cii')]) {
      const name = `sample-${path.basename(file)}`;
      const bytes = frenchify(readFileSync(file), {
        siret: ministere.siret,
        serviceCode: 'SERV-COMPTA',
      });
      uploads.set(name, bytes);
    }
    // The samples are in their real sellers' names: acme deposits for them by mandate.
    grantSellersOf(world, 'acme', uploads);
    for (const [name, bytes] of uploads) await acme.put(bytes, `/in/${name}`);
    const acks = await acme.waitForAcks([...uploads.keys()]);
    const entity = await world.entity('ministere');
    try {
      const inbox = await entity.names('/inbox');
      for (const [name, bytes] of uploads) {
        const ack = acks.get(name);
        expect(ack?.state, `${name}: ${JSON.stringify(ack?.invoices)}`).toBe('IN_INTEGRE');
        expect(ack?.sha256).toBe(sha256(bytes));
        const invoice = ack?.invoices[0];
        expect(invoice?.result).toBe('ACCEPTED');
        expect(invoice?.recipientSiret).toBe(ministere.siret);
        const delivered = `${invoice?.invoiceId ?? ''}.xml`;
        expect(inbox).toContain(delivered);
        expect(inbox).toContain(`${invoice?.invoiceId ?? ''}.meta.json`);
        expect(sha256(await entity.read(`/inbox/${delivered}`))).toBe(sha256(bytes));
        const meta = JSON.parse(
          await entity.read(`/inbox/${invoice?.invoiceId ?? ''}.meta.json`),
        ) as Record<string, unknown>;
        expect(meta).toMatchObject({
          flowId: ack?.flowId,
          supplierAccount: 'acme',
          buyerSiret: ministere.siret,
          serviceCode: 'SERV-COMPTA',
          sha256: sha256(bytes),
        });
      }
    } finally {
      await entity.end();
    }
  });
});

describe('the French public-sector fixtures', () => {
  const dir = path.join(FIXTURES, 'invoices');
  const fixtures = readdirSync(dir)
    .filter((name) => name.endsWith('.xml'))
    .sort();

  it.each(fixtures)('%s yields exactly its expected acknowledgement', async (name) => {
    await acme.put(readFileSync(path.join(dir, name)), `/in/${name}`);
    const ack = (await acme.waitForAcks([name])).get(name);
    expect(ack).toBeDefined();
    if (!ack) return;
    const golden = path.join(dir, name.replace(/\.xml$/, '.ack.json'));
    if (!existsSync(golden) && process.env.UPDATE_GOLDEN === '1') {
      writeFileSync(golden, `${JSON.stringify(normalizeAck(ack), null, 2)}\n`);
    }
    expect(normalizeAck(ack)).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
    const xmlAckName = (await acme.names('/out')).find((candidate) =>
      candidate.endsWith(`${ack.flowId}.ack.xml`),
    );
    expect(xmlAckName).toBeDefined();
  });
});

describe('bad input', () => {
  const hostile: [string, string][] = [
    ['xxe-external-entity.xml', 'XML_DOCTYPE_FORBIDDEN'],
    ['billion-laughs.xml', 'XML_DOCTYPE_FORBIDDEN'],
    ['empty.xml', 'FILE_EMPTY'],
    ['not-xml.csv', 'XML_NOT_XML'],
    ['unknown-root.xml', 'DOC_UNKNOWN_TYPE'],
    ['latin1-encoding.xml', 'XML_ENCODING_UNSUPPORTED'],
    ['truncated.xml', 'XML_MALFORMED'],
  ];

  it.each(hostile)('%s is rejected with %s and the gateway goes on', async (name, code) => {
    await acme.put(readFileSync(path.join(FIXTURES, 'hostile', name)), `/in/${name}`);
    const ack = (await acme.waitForAcks([name])).get(name);
    expect(ack?.state).toBe('IN_REJETE');
    expect(ack && codesOf(ack)).toContain(code);
    const issue = ack?.issues[0];
    expect(issue?.severity).toBe('fatal');
    expect(issue?.message.length).toBeGreaterThan(10);
  });

  it('never expands or fetches an external entity', async () => {
    const entity = await world.entity('ministere');
    try {
      for (const name of await entity.names('/inbox')) {
        expect(await entity.read(`/inbox/${name}`)).not.toContain('root:x:0:0');
      }
    } finally {
      await entity.end();
    }
  });

  it('refuses a file over the size limit without reading it', async () => {
    const big = Buffer.alloc(MAX_FILE_BYTES + 1, 0x41);
    await acme.put(big, '/in/too-big.xml');
    const ack = (await acme.waitForAcks(['too-big.xml'])).get('too-big.xml');
    expect(ack?.state).toBe('IN_REJETE');
    expect(ack && codesOf(ack)).toEqual(['FILE_TOO_LARGE']);
  });

  it('rejects a file name with odd characters, naming the rule', async () => {
    const name = 'facture été #1.xml';
    await acme.put(
      readFileSync(path.join(FIXTURES, 'invoices', 'fr-ubl-valid.xml')),
      `/in/${name}`,
    );
    const ack = (await acme.waitForAcks([name])).get(name);
    expect(ack?.state).toBe('IN_REJETE');
    expect(ack && codesOf(ack)).toEqual(['FILE_NAME_INVALID']);
  });
});

describe('accounts are isolated', () => {
  it('lets a key-authenticated supplier see only its own home', async () => {
    const globex = await world.globex();
    try {
      expect(await globex.names('/')).toEqual(['in', 'out']);
      expect(await globex.names('/out')).toEqual([]);
      await expect(globex.names('/../acme/out')).rejects.toThrow();
      await expect(globex.read('/../../acme/out/x')).rejects.toThrow();
      await expect(globex.client.list('/etc')).rejects.toThrow();
      await expect(globex.put('x', '/out/forged.ack.json')).rejects.toThrow();
      await expect(globex.client.mkdir('/in/sub')).rejects.toThrow();
      await expect(globex.put('x', '/in/.hidden.xml')).rejects.toThrow();
    } finally {
      await globex.end();
    }
  });

  it('keeps entities out of suppliers\u2019 homes and out of writing their inbox', async () => {
    const mairie = await world.entity('mairie');
    try {
      expect(await mairie.names('/')).toEqual(['in', 'inbox', 'out']);
      await expect(mairie.read('/in/../../acme/out/x.xml')).rejects.toThrow();
      await expect(mairie.put('x', '/inbox/forged.xml')).rejects.toThrow();
      const ministereInbox = await mairie.names('/inbox');
      expect(ministereInbox.every((name) => !name.includes('sample-'))).toBe(true);
    } finally {
      await mairie.end();
    }
  });

  it('refuses a wrong password and an unauthorized key', async () => {
    const { SftpPartner } = await import('../support/sftp-partner.js');
    await expect(
      SftpPartner.connect(world.env.sftpPort, 'acme', { password: 'wrong-password' }),
    ).rejects.toThrow();
    await expect(
      SftpPartner.connect(world.env.sftpPort, 'acme', { privateKey: world.globexKey }),
    ).rejects.toThrow();
    await expect(
      SftpPartner.connect(world.env.sftpPort, 'nobody', { password: 'whatever-1' }),
    ).rejects.toThrow();
  });
});

describe('deposit rights', () => {
  const VALID_UBL = readFileSync(path.join(FIXTURES, 'invoices', 'fr-ubl-valid.xml'));

  async function deposit(partner: SftpPartner, number: string, name: string) {
    await partner.put(renumber(VALID_UBL, number), `/in/${name}`);
    const ack = (await partner.waitForAcks([name])).get(name);
    if (!ack) throw new Error(`no acknowledgement for ${name}`);
    return ack;
  }

  it('refuses an invoice in another seller\u2019s name unless the account holds a mandate', async () => {
    const globex = await world.globex();
    try {
      // globex (SIRET 98765432109876) sends an invoice whose seller is acme (12345678901234).
      const forged = await deposit(globex, 'RIGHTS-1', 'rights-1.xml');
      expect(forged.state).toBe('IN_REJETE');
      expect(codesOf(forged)).toContain('ROUTE_SELLER_NOT_AUTHORIZED');

      expect(runCli(world.env, ['account', 'grant', 'globex', '12345678901234']).status).toBe(0);
      const mandated = await deposit(globex, 'RIGHTS-2', 'rights-2.xml');
      expect(mandated.state, JSON.stringify(mandated)).toBe('IN_INTEGRE');

      expect(runCli(world.env, ['account', 'revoke', 'globex', '12345678901234']).status).toBe(0);
      const revoked = await deposit(globex, 'RIGHTS-3', 'rights-3.xml');
      expect(codesOf(revoked)).toContain('ROUTE_SELLER_NOT_AUTHORIZED');
    } finally {
      await globex.end();
    }
  });

  it('refuses a grant to an entity account and a malformed seller id (usage errors)', () => {
    expect(runCli(world.env, ['account', 'grant', 'ministere', '12345678901234']).status).toBe(2);
    expect(runCli(world.env, ['account', 'grant', 'globex', 'X'.repeat(70)]).status).toBe(2);
  });
});
