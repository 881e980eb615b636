/**
 * In-page helpers shared by Petrel's probe (page-probe.ts) and Roundcube's
 * (peers/roundcube-probe.ts), as JavaScript source embedded in each probe's IIFE, so both
 * measure with the same clocks and the same "next frame after the DOM change" rule. They
 * expect a `pb` object in scope.
 */
export const PROBE_HELPERS = String.raw`
  const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));

  // Resolves with the mark get() returns once its paintAt is set (polled every 20 ms).
  const waitPainted = (get, what, timeoutMs) => new Promise((resolve, reject) => {
    const started = performance.now();
    const poll = () => {
      const mark = get();
      if (mark && mark.paintAt !== null) return resolve(mark);
      if (performance.now() - started > timeoutMs) return reject(new Error(what + ' not painted within ' + timeoutMs + ' ms'));
      setTimeout(poll, 20);
    };
    poll();
  });

  // Starts a wait now and collects its outcome later, so Node can be sure the observer is
  // in place before it causes the change.
  pb.armed = {};
  pb.arm = (key, fn, ...args) => {
    pb.armed[key] = pb[fn](...args).then((value) => ({ value }), (error) => ({ error: String(error) }));
    return true;
  };
  pb.collect = async (key) => {
    const outcome = await pb.armed[key];
    delete pb.armed[key];
    if (outcome.error) throw new Error(outcome.error);
    return outcome.value;
  };
`;
