import SftpClient from 'ssh2-sftp-client';

/** A partner connected over real SFTP, with the few operations the tests need. */
export class SftpPartner {
  readonly client = new SftpClient();

  static async connect(
    port: number,
    username: string,
    auth: { password: string } | { privateKey: string },
  ): Promise<SftpPartner> {
    const partner = new SftpPartner();
    await partner.client.connect({
      host: '127.0.0.1',
      port,
      username,
      ...auth,
      readyTimeout: 20_000,
    });
    return partner;
  }

  async put(data: Buffer | string, remotePath: string): Promise<void> {
    await this.client.put(Buffer.isBuffer(data) ? data : Buffer.from(data), remotePath);
  }

  async names(dir: string): Promise<string[]> {
    return (await this.client.list(dir)).map((entry) => entry.name).sort();
  }

  async read(remotePath: string): Promise<string> {
    return ((await this.client.get(remotePath)) as Buffer).toString('utf8');
  }

  /** Waits until `out/` holds an acknowledgement for each of the given file names. */
  async waitForAcks(
    fileNames: readonly string[],
    timeoutMs = 60_000,
  ): Promise<Map<string, AckJson>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const names = (await this.names('/out')).filter((name) => name.endsWith('.ack.json'));
      const found = new Map<string, string>();
      for (const fileName of fileNames) {
        const safe = fileName
          .replace(/[^A-Za-z0-9._-]/g, '_')
          .replace(/^[.-]+/, '_')
          .slice(0, 100);
        const match = names.find(
          (name) =>
            name.startsWith(`${safe}.`) &&
            name.slice(safe.length + 1).match(/^\d{8}-[0-9a-f]{16}\.ack\.json$/),
        );
        if (match) found.set(fileName, match);
      }
      if (found.size === fileNames.length) {
        const acks = new Map<string, AckJson>();
        for (const [fileName, name] of found)
          acks.set(fileName, JSON.parse(await this.read(`/out/${name}`)) as AckJson);
        return acks;
      }
      if (Date.now() > deadline)
        throw new Error(
          `acknowledgements missing after ${timeoutMs} ms: ${fileNames.filter((name) => !found.has(name)).join(', ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async end(): Promise<void> {
    await this.client.end();
  }
}

export interface AckIssueJson {
  readonly layer: string;
  readonly code: string;
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly line?: number;
  readonly xpath?: string;
}

export interface AckJson {
  readonly flowId: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly state: string;
  readonly duplicateOf?: string;
  readonly syntax?: string;
  readonly counts: {
    readonly invoices: number;
    readonly accepted: number;
    readonly rejected: number;
  };
  /** The rule sets that judged the file, and for a batch each distinct error once. */
  readonly ruleSets?: readonly { readonly id: string; readonly version: string }[];
  readonly errorSummary?: readonly {
    readonly rule: string;
    readonly invoices: number;
    readonly numbers: readonly string[];
    readonly message: string;
  }[];
  readonly issues: readonly AckIssueJson[];
  readonly invoices: readonly {
    readonly invoiceId: string;
    readonly sourceName: string;
    readonly number?: string;
    readonly recipientSiret?: string;
    readonly result: string;
    readonly issues: readonly AckIssueJson[];
  }[];
}

/** Every code in an acknowledgement, file-level first. */
export function codesOf(ack: AckJson): string[] {
  return [
    ...ack.issues.map((issue) => issue.code),
    ...ack.invoices.flatMap((invoice) => invoice.issues.map((issue) => issue.code)),
  ];
}
