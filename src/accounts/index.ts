export type { Account, AccountQuota, AccountRole, HomeFolder } from './account.js';
export { HOME_FOLDERS, LOGIN_PATTERN, SIRET_PATTERN } from './account.js';
export type { NewAccount } from './account-store.js';
export { AccountStore } from './account-store.js';
export { hashPassword, verifyPassword } from './password-hash.js';
export { DepositMandates, mayDepositFor, normalizeSellerId } from './deposit-mandates.js';
export type { PushTarget } from './push-target.js';
export { HOST_KEY_SHA256_PATTERN, pushTargetProblems, pushTargetUrl } from './push-target.js';
