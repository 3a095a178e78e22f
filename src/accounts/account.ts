import type { PushTarget } from './push-target.js';

export type AccountRole = 'supplier' | 'entity';

export interface Account {
  readonly login: string;
  readonly role: AccountRole;
  /** SIRET of the supplier or of the public entity (14 digits). */
  readonly siret: string;
  readonly passwordHash: string | undefined;
  /** OpenSSH public key lines (`ssh-ed25519 AAAA... comment`). */
  readonly publicKeys: readonly string[];
  readonly createdAt: string;
  /** A disabled account cannot log in; its files and records are kept. */
  readonly disabled?: boolean | undefined;
  /** Overrides of the configured upload quota (`sftp.quota`) for this account. */
  readonly quota?: AccountQuota | undefined;
  /** Entities only: invoices and status files are pushed to this server (docs/push-delivery.md). */
  readonly push?: PushTarget | undefined;
}

export interface AccountQuota {
  readonly maxFilesWaiting?: number | undefined;
  readonly maxBytesWaiting?: number | undefined;
}

/** The folders a home may have: drops in `in/`, acknowledgements and status files in `out/`, delivered invoices in `inbox/`. */
export type HomeFolder = 'in' | 'out' | 'inbox';

/** Folders of a home, by role. Suppliers drop in `in/`; entities receive in `inbox/`. */
export const HOME_FOLDERS: Readonly<Record<AccountRole, readonly HomeFolder[]>> = {
  supplier: ['in', 'out'],
  entity: ['inbox', 'in', 'out'],
};

export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
export const SIRET_PATTERN = /^\d{14}$/;
