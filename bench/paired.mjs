// Two tools' runs of the same commands, in turns, so a ratio between them compares runs of
// the same minutes: this machine's speed drifts by a third over minutes (other tenants,
// its own background work), and a ratio of figures taken minutes apart carries that drift.
import { ENV, median, run } from "./common.mjs";

/**
 * For each pair `{ mig, peer }` (process specs as measureInTurns takes them; either may be
 * undefined), runs rounds of: per pair, the peer once, then mig `perPeer` times with a
 * `floor` run (a spec, or undefined) after each. Rounds go on until the peer has `runs`
 * timed runs; `warm` untimed runs of each mig spec and of the floor come first, and
 * `peerWarm` untimed peer runs before the first pair's peer (its cache then serves all).
 *
 * A peer run slower than `slowMs` ends that peer's series, as in `measure` (its later
 * rounds run mig only); one stopped at `timeoutMs` ends it as `timedOut`. Each result is
 * shaped as `measure`'s: `{ ok, ms, cpu, faults, n, runs, stdout }`, or `{ ok: false, why }`,
 * or `{ ok: false, timedOut: true, ms }`.
 */
export function measurePaired(pairs, floor, options) {
  const { runs, perPeer, warm = 1, peerWarm = 1, slowMs = Infinity, timeoutMs } = options;
  const migs = pairs.map(() => series());
  const peers = pairs.map(() => series());
  const floors = series();
  const once = (spec, s, timed, isPeer = false) => {
    if (!spec || s.done) return;
    const limit = isPeer ? timeoutMs : undefined;
    const r = run(spec.cmd, spec.argv, spec.cwd, spec.env ?? ENV, limit);
    if (r.timedOut) {
      s.done = { ok: false, timedOut: true, ms: r.ms, cpu: r.cpu, why: r.why };
      return;
    }
    if (!r.ok) {
      s.done = { ok: false, why: r.why };
      return;
    }
    s.last = r;
    if (!timed) return;
    s.times.push(r.ms);
    if (r.cpu !== undefined) s.cpus.push(r.cpu);
    if (r.faults !== undefined) s.faults.push(r.faults);
    if (isPeer && r.ms > slowMs) s.stopped = true;
  };
  for (let i = 0; i < warm; i++) {
    for (const [k, pair] of pairs.entries()) once(pair.mig, migs[k], false);
    once(floor, floors, false);
  }
  const firstPeer = pairs.findIndex((pair) => pair.peer);
  for (let i = 0; i < peerWarm && firstPeer >= 0; i++) {
    once(pairs[firstPeer].peer, peers[firstPeer], false, true);
  }
  for (let round = 0; round < runs; round++) {
    for (const [k, pair] of pairs.entries()) {
      const peer = peers[k];
      if (!peer.stopped && peer.times.length < runs) once(pair.peer, peer, true, true);
      for (let m = 0; m < perPeer; m++) {
        once(pair.mig, migs[k], true);
        once(floor, floors, true);
      }
    }
  }
  return {
    mig: migs.map((s, k) => (pairs[k].mig ? result(s, runs * perPeer) : undefined)),
    peer: peers.map((s, k) => (pairs[k].peer ? result(s, runs) : undefined)),
    floor: floor ? result(floors, runs * perPeer * pairs.length) : undefined,
  };
}

function series() {
  return { times: [], cpus: [], faults: [], last: undefined, done: undefined, stopped: false };
}

function result(s, runs) {
  if (s.done) return s.done;
  return {
    ok: true,
    ms: median(s.times),
    cpu: s.cpus.length ? median(s.cpus) : undefined,
    faults: s.faults.length ? median(s.faults) : undefined,
    n: s.times.length,
    runs,
    stdout: s.last.stdout,
  };
}
