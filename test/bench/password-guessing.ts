/**
 * How many password guesses per second an attacker gets against a running gateway, with one
 * or several connections in parallel, each trying as many passwords as the server lets it.
 * Usage (after `npm run build`):
 *   node dist/test/bench/password-guessing.js PORT LOGIN RIGHT_PASSWORD [CONNECTIONS] [SECONDS]
 * Bounded: it stops after SECONDS (default 10), then tries the right password once.
 */
import ssh2 from 'ssh2';

interface Outcome {
  readonly guesses: number;
  readonly isAccepted: boolean;
  readonly error: string | undefined;
}

function attempt(
  port: number,
  login: string,
  passwords: () => string | undefined,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const client = new ssh2.Client();
    let guesses = 0;
    let isDone = false;
    const finish = (isAccepted: boolean, error?: string) => {
      if (isDone) return;
      isDone = true;
      client.end();
      resolve({ guesses, isAccepted, error });
    };
    client.once('ready', () => {
      finish(true);
    });
    client.once('error', (error) => {
      finish(false, error.message);
    });
    client.once('close', () => {
      finish(false, 'closed');
    });
    client.connect({
      host: '127.0.0.1',
      port,
      username: login,
      readyTimeout: 60_000,
      authHandler: (_methods, _partial, next) => {
        const password = passwords();
        if (password === undefined) return false;
        guesses += 1;
        next({ type: 'password', username: login, password });
        return undefined;
      },
    });
  });
}

async function main(): Promise<void> {
  const [portText, login, right, connectionsText, secondsText] = process.argv.slice(2);
  if (!portText || !login || !right) throw new Error('usage: PORT LOGIN RIGHT_PASSWORD [N] [S]');
  const port = Number(portText);
  const connections = Number(connectionsText ?? 1);
  const deadline = Date.now() + Number(secondsText ?? 10) * 1000;
  let guesses = 0;
  let refused = 0;
  const errors = new Map<string, number>();
  let counter = 0;
  const wrong = () => (Date.now() < deadline ? `wrong-${(counter += 1)}` : undefined);
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        const outcome = await attempt(port, login, wrong);
        guesses += outcome.guesses;
        if (outcome.guesses === 0) refused += 1;
        if (outcome.error) errors.set(outcome.error, (errors.get(outcome.error) ?? 0) + 1);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  let sent = false;
  const final = await attempt(port, login, () => (sent ? undefined : ((sent = true), right)));
  console.log(
    JSON.stringify({
      connections,
      seconds: Number(seconds.toFixed(1)),
      guesses,
      guessesPerSecond: Number((guesses / seconds).toFixed(1)),
      connectionsRefusedBeforeAuth: refused,
      errors: Object.fromEntries(errors),
      rightPasswordAcceptedAfter: final.isAccepted,
    }),
  );
}

await main();
