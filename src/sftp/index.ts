export type { SftpPolicy, SftpServerOptions } from './sftp-server.js';
export { Defender, normalizeAddress } from './defender.js';
export type { DefenderEvent, DefenderPolicy, LockoutPolicy } from './defender.js';
export { SftpServer } from './sftp-server.js';
export type { FolderRights, HomePath } from './home-paths.js';
export { FOLDER_RIGHTS, isTransientName, resolveHomePath } from './home-paths.js';
export {
  hostKeyFileOf,
  hostKeyFingerprint,
  hostPublicKeyLine,
  loadOrCreateHostKey,
} from './host-key.js';
export { MODERN_ALGORITHMS } from './ssh-algorithms.js';
export { generateEd25519KeyPair, type OpenSshKeyPair } from './generate-key-pair.js';
export { removeLeftovers } from './remove-leftovers.js';
export type { UploadQuota } from './upload-quota.js';
export { checkUploadQuota, freeBytesOf, waitingIn } from './upload-quota.js';
export { setNoDelay } from './no-delay.js';
export { publicKeyFingerprint, publicKeyLinesOf } from './public-key.js';
export type { PushEndpoint } from './push-connection.js';
export { fingerprintOfBlob, PushConnection } from './push-connection.js';
export { PushConnections } from './push-connections.js';
export type { PushedFile, PushFile } from './push-files.js';
export { PUSH_TEMP_SUFFIX, pushFiles } from './push-files.js';
