/**
 * Every name the API uses in Redis, for one deployment. Redis is often shared (by several
 * deployments, or by test runs copying the same seeded database, whose people, organisations and
 * networks have the same ids): each deployment prefixes its channels with its own namespace, so
 * none hears another's wake-ups, rights changes or presence. Instances of one deployment share it.
 */
export interface RedisChannels {
  /** "New activity in the outbox" (a wake-up, no payload). */
  readonly activity: string;
  /** Subjects whose rights may have ended (a JSON array). */
  readonly rights: string;
  /** `LivePubSub` triggers (presence and typing) are this prefix plus the trigger's name. */
  readonly live: string;
}

export function redisChannels(namespace: string): RedisChannels {
  const prefix = `convene:${namespace}:`;
  return { activity: `${prefix}activity`, rights: `${prefix}rights`, live: `${prefix}live:` };
}

/**
 * The namespace when REDIS_NAMESPACE is unset: the name of the database the instance serves. Two
 * deployments keep apart as long as their databases are named differently; instances of one
 * deployment, which share its database, share its channels.
 */
export function defaultRedisNamespace(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    // As libpq does: no database named means the user's name.
    return decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username) || 'postgres';
  } catch {
    return 'convene';
  }
}
