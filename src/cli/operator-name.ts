import os from 'node:os';

/** The operator's name recorded with a change: the login behind sudo, else the user. */
export function operatorName(): string {
  const sudoUser = process.env.SUDO_USER;
  if (sudoUser !== undefined && sudoUser !== '') return sudoUser;
  try {
    return os.userInfo().username;
  } catch {
    return 'operator';
  }
}
