import { z } from 'zod';
import { FR_RULE_IDS, isFrRuleId, type FrRuleSetting } from './fr-rule-ids.js';

const MB = 1024 * 1024;

const FACTURX_PROFILE = z.enum([
  'MINIMUM',
  'BASIC_WL',
  'BASIC',
  'EN16931',
  'EXTENDED',
  'XRECHNUNG',
]);

/** What one `passerelle start` process runs (docs/deployment.md). */
export const GATEWAY_ROLES = ['all', 'sftp', 'worker'] as const;
export type GatewayRole = (typeof GATEWAY_ROLES)[number];

const FR_RULE_SETTING_NAMES: readonly string[] = ['fatal', 'warning', 'off'];

/**
 * `validation.fr.rules`: rule id → fatal | warning | off. Ids and settings are checked in one
 * pass so that an unknown id and a bad setting are reported together.
 */
const FR_RULE_SETTINGS = z
  .record(z.string(), z.string())
  .superRefine((rules, context) => {
    for (const [id, setting] of Object.entries(rules)) {
      if (!isFrRuleId(id)) {
        context.addIssue({
          code: 'custom',
          path: [id],
          message: `unknown French rule "${id}" (known: ${FR_RULE_IDS.join(', ')})`,
        });
      }
      if (!FR_RULE_SETTING_NAMES.includes(setting)) {
        context.addIssue({
          code: 'custom',
          path: [id],
          message: `expected fatal, warning or off, got "${setting}"`,
        });
      }
    }
  })
  .transform((rules) => rules as Readonly<Record<string, FrRuleSetting>>);

/**
 * The whole configuration, with every default and its unit. The TypeScript type is derived
 * from it; `loadConfig` reports every problem at once.
 */
export const CONFIG_SCHEMA = z
  .object({
    /** Root of everything the gateway writes: homes, archive, registry, embedded Redis. */
    dataDir: z.string().min(1).default('data'),
    /**
     * `all`: everything in one process (with a private Redis unless one is given); `sftp`: the
     * SFTP server and the claiming of complete uploads; `worker`: the pipeline's workers. The
     * last two need a shared Redis (`redis.url` or `redis.sentinels`).
     */
    role: z.enum(GATEWAY_ROLES).default('all'),
    /** Folder holding the official schema bundles (see README, "Installing the schemas"). */
    schemasDir: z.string().min(1).default('schemas/official'),
    sftp: z
      .object({
        enabled: z.boolean().default(true),
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(2222),
        /** Generated at first start when absent. */
        hostKeyFile: z.string().min(1).optional(),
        maxAuthAttempts: z.number().int().min(1).default(6),
        /** A failed password is answered after this pause (slows guessing on one connection). */
        authFailureDelayMs: z.number().int().min(0).default(1000),
        /** A connection not authenticated after this long is dropped. */
        handshakeTimeoutMs: z.number().int().min(100).default(30_000),
        /** An authenticated connection with no SFTP request for this long is dropped. */
        idleTimeoutMs: z.number().int().min(100).default(900_000),
        /** Open connections, all addresses together; past it new ones are refused. */
        maxConnections: z.number().int().min(1).default(200),
        maxConnectionsPerAddress: z.number().int().min(1).default(10),
        /** Concurrent SFTP sessions of one account. */
        maxSessionsPerAccount: z.number().int().min(1).default(10),
        /** Scored events per source address; past the threshold the address is banned. */
        defender: z
          .object({
            enabled: z.boolean().default(true),
            threshold: z.number().int().min(1).default(15),
            /** Scores older than this are forgotten. */
            observationMs: z.number().int().min(1000).default(600_000),
            scoreLoginFailed: z.number().int().min(0).default(1),
            scoreUnknownUser: z.number().int().min(0).default(2),
            /** exec, shell, other subsystems, port forwarding. */
            scoreProtocolAbuse: z.number().int().min(0).default(5),
            /** A connection dropped by the handshake timeout. */
            scoreNoAuth: z.number().int().min(0).default(2),
            /** First ban; each further ban of the same address lasts banGrowth times longer. */
            banMs: z.number().int().min(1000).default(900_000),
            banGrowth: z.number().min(1).default(2),
            maxBanMs: z.number().int().min(1000).default(86_400_000),
            /** Addresses or CIDR blocks never scored nor banned (caps still apply). */
            allowList: z.array(z.string().min(1)).default([]),
          })
          .strict()
          .prefault({}),
        /** Per account, checked when an upload opens (and on each write for the bytes). */
        quota: z
          .object({
            /** Files waiting in an account's `in/` (not yet taken by the gateway). */
            maxFilesWaiting: z.number().int().min(1).default(1000),
            maxBytesWaiting: z
              .number()
              .int()
              .min(1)
              .default(4096 * MB),
            /** Uploads are refused while the data directory has less free space. */
            minFreeBytes: z
              .number()
              .int()
              .min(0)
              .default(256 * MB),
          })
          .strict()
          .prefault({}),
        /** Per account: password logins refused for a while after repeated failures. */
        lockout: z
          .object({
            failures: z.number().int().min(1).default(10),
            lockMs: z.number().int().min(1000).default(300_000),
            maxLockMs: z.number().int().min(1000).default(3_600_000),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    redis: z
      .object({
        /** External Redis. When absent a private redis-server child is started under dataDir. */
        url: z.url().optional(),
        /** Redis Sentinel: the sentinels to ask for the current master named `name`. */
        sentinels: z
          .array(
            z
              .object({
                host: z.string().min(1),
                port: z.number().int().min(1).max(65535).default(26379),
              })
              .strict(),
          )
          .min(1)
          .optional(),
        /** The master's name in Sentinel (`sentinel monitor <name> …`). */
        name: z.string().min(1).default('mymaster'),
        /** The master's password with Sentinel (from REDIS_PASSWORD; a URL carries its own). */
        password: z.string().min(1).optional(),
        binary: z.string().min(1).default('redis-server'),
      })
      .strict()
      .prefault({}),
    registry: z
      .object({
        /**
         * PostgreSQL registry (`postgres://user:password@host:5432/db`); when absent, the
         * embedded SQLite file `<dataDir>/passerelle.db`. Put the password in the environment
         * (DATABASE_URL), never in config/.
         */
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
          .optional(),
        /** Connections per process to PostgreSQL. */
        poolSize: z.number().int().min(1).max(200).default(10),
      })
      .strict()
      .prefault({}),
    limits: z
      .object({
        maxFileBytes: z
          .number()
          .int()
          .positive()
          .default(120 * MB),
      })
      .strict()
      .prefault({}),
    facturx: z
      .object({
        /** The only profiles accepted; any other is refused with FACTURX_PROFILE_REFUSED. */
        acceptedProfiles: z
          .array(FACTURX_PROFILE)
          .default(['BASIC_WL', 'BASIC', 'EN16931', 'EXTENDED']),
        /** Profiles refused with FACTURX_PROFILE_REFUSED even when listed as accepted. */
        refusedProfiles: z.array(FACTURX_PROFILE).default(['MINIMUM']),
        /** Profiles accepted with the warning FACTURX_PROFILE_PARTIAL (not a full EN 16931 invoice). */
        warnedProfiles: z.array(FACTURX_PROFILE).default(['BASIC_WL']),
      })
      .strict()
      .prefault({}),
    validation: z
      .object({
        fr: z
          .object({
            /** Overrides of the rules' default settings; see docs/fr-rules.md for the defaults. */
            rules: FR_RULE_SETTINGS.default({}),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    archive: z
      .object({
        /** Invoices per batch (Chorus Pro: 500). */
        maxEntries: z.number().int().positive().default(500),
        /** Inflated bytes of the whole batch. */
        maxTotalBytes: z
          .number()
          .int()
          .positive()
          .default(2048 * MB),
        /** Inflated / compressed, beyond the first MiB: above it the batch is a decompression bomb. */
        maxCompressionRatio: z.number().positive().default(100),
      })
      .strict()
      .prefault({}),
    ingest: z
      .object({
        /** A file counts as complete once its size and mtime have not changed for this long. */
        stabilityMs: z.number().int().min(0).default(2000),
        pollIntervalMs: z.number().int().min(10).default(250),
        /** Poll the file system instead of inotify (network file systems). */
        usePolling: z.boolean().default(false),
        /**
         * Watch in/ folders for files written in place by another SFTP server (chokidar).
         * `auto`: only when the embedded SFTP server is disabled; the embedded server hands each
         * completed upload straight to intake, and a periodic rescan is the safety net.
         */
        watchInPlace: z.enum(['auto', 'on', 'off']).default('auto'),
        /**
         * Exact resends (FLOW_DUPLICATE) and reused invoice numbers (INVOICE_NUMBER_DUPLICATE).
         * Off only for test benches that replay the same samples again and again.
         */
        duplicateChecks: z.boolean().default(true),
      })
      .strict()
      .prefault({}),
    pipeline: z
      .object({
        /**
         * Prefix of every queue key. With Redis Cluster, give it a hash tag (`{passerelle}`) so
         * that all the keys of a queue land in one slot, as BullMQ's scripts require.
         */
        queuePrefix: z.string().min(1).default('passerelle'),
        attempts: z.number().int().min(1).default(8),
        backoffMs: z.number().int().min(1).default(1000),
        intakeConcurrency: z.number().int().min(1).default(32),
        routeConcurrency: z.number().int().min(1).default(8),
        ackConcurrency: z.number().int().min(1).default(4),
        statusConcurrency: z.number().int().min(1).default(4),
        /** A job whose worker stops renewing its lock for this long (crash, kill -9) is re-run. */
        lockDurationMs: z.number().int().min(1000).default(30_000),
        /**
         * How often each worker looks for stalled jobs (active jobs whose lock expired);
         * `lockDurationMs` when absent. A killed worker's jobs run again within both added up.
         */
        stalledIntervalMs: z.number().int().min(1000).optional(),
        /** Times a job may be found stalled and re-run before it is dead-lettered. */
        maxStalledCount: z.number().int().min(1).default(3),
        /**
         * Longest wait, after SIGTERM or SIGINT, for a clean stop (active jobs finishing, files
         * published, connections closed). Past it the process exits with status 1; the jobs it
         * was running are re-run by any worker once their lock expires, as after a crash.
         */
        stopTimeoutMs: z.number().int().min(1000).default(30_000),
        /**
         * TTL of the Redis lease that lets one process of the cluster run the periodic work
         * (reconciler); a dead holder is replaced within about 4/3 of it.
         */
        periodicLeaseMs: z.number().int().min(100).default(30_000),
        /** How often open flows are compared with the queues (jobs lost with Redis are re-created). */
        reconcileIntervalMs: z.number().int().min(100).default(30_000),
        /** A flow untouched for this long while open is re-driven by the reconciler. */
        reconcileGraceMs: z.number().int().min(0).default(60_000),
      })
      .strict()
      .prefault({}),
    delivery: z
      .object({
        /** Push delivery to entities' own SFTP servers (docs/push-delivery.md). */
        push: z
          .object({
            /** Tries of one push before it becomes a dead letter (unreachable, remote errors). */
            attempts: z.number().int().min(1).default(20),
            /** First wait before a retry; doubled at each attempt up to `maxBackoffMs`. */
            backoffMs: z.number().int().min(1).default(5000),
            /**
             * Longest wait between two tries. With the defaults: 5 s, 10 s … 320 s, then every
             * 10 min: a push is dead-lettered after about 2 h 10 min without success.
             */
            maxBackoffMs: z.number().int().min(1).default(600_000),
            /** Pushes running at once (all targets together). */
            concurrency: z.number().int().min(1).default(4),
            /** SFTP connections kept to one target; pushes to it run this many side by side. */
            connectionsPerTarget: z.number().int().min(1).max(16).default(2),
            /** TCP connection plus SSH handshake, after which the target is unreachable. */
            connectTimeoutMs: z.number().int().min(100).default(20_000),
            /** A connection to a target is kept open this long after its last push, then closed. */
            idleCloseMs: z.number().int().min(0).default(10_000),
            /**
             * The platform's own private key, for targets that name none (a path; the key may
             * also come from PASSERELLE_PUSH_KEY or PASSERELLE_PUSH_KEY_FILE).
             */
            keyFile: z.string().min(1).optional(),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    storage: z
      .object({
        /**
         * How written files are made durable: `syncfs` (one file-system sync shared by every
         * file written at the moment; Linux with coreutils' `sync -f`, else falls back) or
         * `fsync` (each file, and its folder).
         */
        durability: z.enum(['syncfs', 'fsync']).default('syncfs'),
      })
      .strict()
      .prefault({}),
    http: z
      .object({
        /** The operator's HTTP server: /metrics, /healthz, /readyz and the console. */
        enabled: z.boolean().default(true),
        /** Loopback by default: put a TLS reverse proxy in front to reach it from elsewhere. */
        host: z.string().min(1).default('127.0.0.1'),
        /** 0 picks a free port (tests); the port in use is written to run/gateway.json. */
        port: z.number().int().min(0).max(65535).default(8080),
        /** Console cookies marked Secure: set it when a TLS proxy serves the console. */
        secureCookies: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    health: z
      .object({
        /** /readyz reports not ready when the data folder's file system has less free space. */
        minFreeDiskBytes: z
          .number()
          .int()
          .min(0)
          .default(512 * MB),
      })
      .strict()
      .prefault({}),
    alerts: z
      .object({
        /** Alert checks (late batches, dead letters, unacknowledged flows, disk) run this often. */
        checkIntervalMs: z.number().int().min(1000).default(60_000),
        /** A flow still open this long after its receipt raises FLOW_NOT_ACKNOWLEDGED. */
        unacknowledgedAfterMinutes: z.number().int().min(1).default(30),
        /** DISK_LOW below this free space in the data folder (above /readyz's threshold). */
        minFreeDiskBytes: z
          .number()
          .int()
          .min(0)
          .default(1024 * MB),
        webhook: z
          .object({
            /** Raised and resolved alerts are POSTed here as JSON when set. */
            url: z.url().optional(),
            /** Header carrying the shared secret ($PASSERELLE_ALERT_WEBHOOK_SECRET or its _FILE). */
            headerName: z.string().min(1).default('x-passerelle-secret'),
            /** From the environment only, never from a file in config/. */
            secret: z.string().min(1).optional(),
            attempts: z.number().int().min(1).max(20).default(5),
            backoffMs: z.number().int().min(1).default(2000),
            timeoutMs: z.number().int().min(100).default(5000),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    log: z
      .object({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof CONFIG_SCHEMA>;
export type ConfigInput = z.input<typeof CONFIG_SCHEMA>;
