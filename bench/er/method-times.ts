// Times an object's methods in place: each call's duration (until its promise settles, for async
// ones) is added to its method's total, and, as `self`, the same less the timed calls it made (a
// call made by another timed method counts in both totals, and in its own `self` only). A
// benchmark-only probe, for code that awaits one call at a time.

export type MethodTimes = Record<string, { ms: number; self: number; calls: number }>;

export function timeMethods(target: object): MethodTimes {
  const times: MethodTimes = {};
  // The calls under way, innermost last, each with the time its own timed calls took.
  const open: { nested: number }[] = [];
  const proto = Object.getPrototypeOf(target) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method = proto[name];
    if (name === 'constructor' || typeof method !== 'function' || method.constructor.name === 'AsyncGeneratorFunction') continue;
    const record = (started: number, frame: { nested: number }): void => {
      const ms = performance.now() - started;
      const t = (times[name] ??= { ms: 0, self: 0, calls: 0 });
      t.ms += ms;
      t.self += ms - frame.nested;
      t.calls += 1;
      const at = open.lastIndexOf(frame);
      if (at >= 0) open.splice(at, 1);
      const parent = open.at(-1);
      if (parent !== undefined) parent.nested += ms;
    };
    Object.defineProperty(target, name, {
      configurable: true,
      value(this: unknown, ...args: unknown[]): unknown {
        const frame = { nested: 0 };
        open.push(frame);
        const started = performance.now();
        const result = (method as (...a: unknown[]) => unknown).apply(this, args);
        if (result instanceof Promise) return result.finally(() => record(started, frame));
        record(started, frame);
        return result;
      },
    });
  }
  return times;
}
