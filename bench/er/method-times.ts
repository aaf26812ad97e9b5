// Times an object's methods in place: each call's duration (until its promise settles, for async
// ones) is added to its method's total. A benchmark-only probe; a call made by another timed method
// counts in both.

export type MethodTimes = Record<string, { ms: number; calls: number }>;

export function timeMethods(target: object): MethodTimes {
  const times: MethodTimes = {};
  const proto = Object.getPrototypeOf(target) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method = proto[name];
    if (name === 'constructor' || typeof method !== 'function' || method.constructor.name === 'AsyncGeneratorFunction') continue;
    const record = (started: number): void => {
      const t = (times[name] ??= { ms: 0, calls: 0 });
      t.ms += performance.now() - started;
      t.calls += 1;
    };
    Object.defineProperty(target, name, {
      configurable: true,
      value(this: unknown, ...args: unknown[]): unknown {
        const started = performance.now();
        const result = (method as (...a: unknown[]) => unknown).apply(this, args);
        if (result instanceof Promise) return result.finally(() => record(started));
        record(started);
        return result;
      },
    });
  }
  return times;
}
