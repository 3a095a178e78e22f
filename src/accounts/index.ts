export type { Account, AccountQuota, AccountRole, HomeFolder } from './account.js';
export { HOME_FOLDERS, LOGIN_PATTERN, SIRET_PATTERN } from './account.js';
export type { NewAccount } from './account-store.js';
export { AccountStore } from './account-store.js';
export { hashPassword, verifyPassword } from './password-hash.js';
export { DepositMandates, mayDepositFor, normalizeSellerId } from './deposit-mandates.js';
