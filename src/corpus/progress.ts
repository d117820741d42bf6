// **progress** — how a build reports while it runs: one line redrawn in place on a terminal (done/total, articles/s,
// ETA, on stderr), a plain line on stdout every ten seconds otherwise (logs, CI: stderr stays for errors and
// warnings, and a short build prints no progress at all), nothing with --quiet.
import type { Progress } from './build.ts';

/** Seconds between plain lines when the output is not a terminal. */
const PLAIN_EVERY = 10;

export function progressReporter(terminal: NodeJS.WriteStream, log: NodeJS.WritableStream, quiet: boolean): { update: (p: Progress) => void; done: () => void } {
  if (quiet) return { update: () => {}, done: () => {} };
  const tty = Boolean(terminal.isTTY);
  const started = Date.now();
  let lastPlain = started;
  let lastDraw = 0;
  let drawn = false;
  const line = (p: Progress) => {
    const secs = (Date.now() - started) / 1000;
    const fresh = p.done - p.reused;
    const rate = secs > 0 ? fresh / secs : 0;
    const eta = rate > 0 ? (p.total - p.done) / rate : NaN;
    const reused = p.reused ? `, ${p.reused} reused` : '';
    return `${p.done}/${p.total} articles${reused}  ${rate.toFixed(1)} articles/s  ${Math.round(p.chars / Math.max(secs, 1e-3) / 1000)} k chars/s  ETA ${Number.isFinite(eta) ? formatSeconds(eta) : '?'}`;
  };
  return {
    update(p) {
      const now = Date.now();
      if (p.merging) {
        const what = `${p.total} articles extracted; merging the outputs…`;
        if (tty) terminal.write(`\r\x1b[2K${what}`);
        else if (now - started >= PLAIN_EVERY * 1000) log.write(what + '\n');
        drawn ||= tty;
        return;
      }
      if (tty) {
        if (now - lastDraw < 100 && p.done < p.total) return;
        lastDraw = now;
        terminal.write(`\r\x1b[2K${line(p)}`);
        drawn = true;
      } else if (now - lastPlain >= PLAIN_EVERY * 1000 && p.done < p.total) {
        lastPlain = now;
        log.write(line(p) + '\n');
      }
    },
    done() {
      if (tty && drawn) terminal.write('\n');
    },
  };
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${Math.round(s % 60)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
