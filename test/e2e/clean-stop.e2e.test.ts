/** A clean Ctrl-C of `passerelle start` (embedded Redis) ends without library noise. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { E2eWorld } from '../support/e2e-world.js';
import net from 'node:net';
import { GatewayProcess, runCli } from '../support/gateway-process.js';

let world: E2eWorld;

beforeAll(async () => {
  world = await E2eWorld.create({ externalRedis: false });
  await world.gateway.start();
});

afterAll(async () => {
  await world.dispose();
});

it('stops on SIGINT without ioredis errors, and the CLI then says the gateway is down', async () => {
  const running = runCli(world.env, ['queue', 'status']);
  expect(running.status, running.stderr).toBe(0);
  await world.gateway.stop('SIGINT');
  expect(world.gateway.log).toContain('"msg":"stopped"');
  expect(world.gateway.stderr).not.toContain('ioredis');
  expect(world.gateway.stderr).not.toContain('Unhandled');
  const stopped = runCli(world.env, ['queue', 'status']);
  expect(stopped.status).toBe(1);
  expect(stopped.stderr).toMatch(/^passerelle: the gateway('s Redis)? .*\n$/);
});

it('refuses to start, stopping what it started, when the HTTP port is taken', async () => {
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as net.AddressInfo).port;
  try {
    const gateway = new GatewayProcess({
      ...world.env,
      extra: { PASSERELLE_HTTP_PORT: String(port) },
    });
    await expect(gateway.start()).rejects.toThrow(/gateway exited with 2/);
    expect(gateway.stderr).toContain(`cannot serve HTTP on 127.0.0.1:${port}`);
    expect(gateway.stderr).not.toMatch(/\n\s+at /);
    expect(gateway.stderr).not.toContain('ioredis');
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});

it('refuses a second gateway on the same data directory, leaving the first one serving', async () => {
  await world.gateway.start();
  const second = new GatewayProcess({ ...world.env, sftpPort: world.env.sftpPort + 1 });
  await expect(second.start()).rejects.toThrow(/gateway exited with 2/);
  expect(second.stderr).toContain('is already running on');
  expect(second.stderr).not.toMatch(/\n\s+at /);
  const running = runCli(world.env, ['queue', 'status']);
  expect(running.status, running.stderr).toBe(0);
});

it('refuses to start with a clear reason when the SFTP port is taken', async () => {
  await world.gateway.stop();
  const taken = net.createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as net.AddressInfo).port;
  try {
    const gateway = new GatewayProcess({ ...world.env, sftpPort: port });
    await expect(gateway.start()).rejects.toThrow(/gateway exited with 2/);
    expect(gateway.stderr).toContain(`cannot serve SFTP on 127.0.0.1:${port}`);
    expect(gateway.stderr).not.toMatch(/\n\s+at /);
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});

it('gives up a stop that outlasts pipeline.stopTimeoutMs, saying at which step, with status 1', async () => {
  const gateway = new GatewayProcess({
    ...world.env,
    extra: { PASSERELLE_STOP_TIMEOUT_MS: '2000' },
  });
  await gateway.start();
  const redisPid = gateway.embeddedRedisPid();
  expect(redisPid).toBeGreaterThan(0);
  // A frozen Redis (stopped, swapped out, a hung host): its connections stay open, nothing answers.
  process.kill(redisPid ?? 0, 'SIGSTOP');
  try {
    const started = Date.now();
    await gateway.stop('SIGTERM');
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(gateway.exitCode).toBe(1);
    expect(gateway.log).toContain('still stopping after 2000 ms');
    expect(gateway.log).toMatch(/"step":"[a-z -]+"/);
    expect(gateway.log).not.toContain('"msg":"stopped"');
  } finally {
    process.kill(redisPid ?? 0, 'SIGKILL');
    process.kill(redisPid ?? 0, 'SIGCONT');
  }
});
