/**
 * Who sets a status: the gateway itself (`platform`), the public entity receiving the invoice
 * (`entity`), the supplier who sent it (`supplier`) or a gateway support agent (`operator`)
 * acting on a written request.
 */
export const ACTORS = ['platform', 'entity', 'supplier', 'operator'] as const;

export type Actor = (typeof ACTORS)[number];

const ACTOR_SET: ReadonlySet<string> = new Set(ACTORS);

export function isActor(value: unknown): value is Actor {
  return typeof value === 'string' && ACTOR_SET.has(value);
}
