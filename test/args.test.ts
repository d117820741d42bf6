// **args.test** — the shared argument parser of the xckg commands: typed values, help, and usage errors.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { helpText, parseCommand, runCommand, UsageError, integerOption, type CommandSpec } from '../src/cli/args.ts';

const SPEC = {
  name: 'demo',
  synopsis: 'FILE… [options]',
  summary: 'A command for the tests.',
  positionals: [{ name: 'FILE', help: 'input files' }],
  minPositionals: 1,
  options: {
    out: { type: 'string', short: 'o', value: 'DIR', help: 'where to write' },
    format: { type: 'string', choices: ['ttl', 'nq'], default: 'ttl', help: 'output format' },
    quiet: { type: 'boolean', help: 'say nothing' },
  },
} as const satisfies CommandSpec;

function collect() {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c) => (text += c));
  return { out, text: () => text };
}

describe('args', () => {
  it('parses options, defaults and positionals in any order', () => {
    const r = parseCommand(SPEC, ['a.txt', '-o', 'out', 'b.txt', '--quiet']);
    expect(r).toEqual({ values: { out: 'out', format: 'ttl', quiet: true }, positionals: ['a.txt', 'b.txt'] });
    expect(parseCommand(SPEC, ['--out=x', '--format', 'nq', '--', '-odd-name'])).toEqual({ values: { out: 'x', format: 'nq' }, positionals: ['-odd-name'] });
  });

  it('turns mistakes into short usage errors', () => {
    expect(() => parseCommand(SPEC, ['a', '--bogus'])).toThrow(new UsageError('unknown option --bogus'));
    expect(() => parseCommand(SPEC, ['a', '--out'])).toThrow(new UsageError('--out needs a value'));
    expect(() => parseCommand(SPEC, ['a', '--quiet=yes'])).toThrow(new UsageError('--quiet takes no value'));
    expect(() => parseCommand(SPEC, ['a', '--format', 'xml'])).toThrow(/unknown format 'xml' \(expected ttl, nq\)/);
    expect(() => parseCommand(SPEC, [])).toThrow(new UsageError('missing FILE'));
    expect(() => integerOption('port', '8x', 0)).toThrow(/--port needs a whole number/);
    expect(integerOption('port', '8080', 0)).toBe(8080);
  });

  it('--help wins over other mistakes and lists every option', () => {
    expect(parseCommand(SPEC, ['--bogus', '--help'])).toEqual({ help: true });
    const help = helpText(SPEC);
    expect(help.split('\n')[0]).toBe('usage: xckg demo FILE… [options]');
    for (const flag of ['-o, --out DIR', '--format VALUE', '--quiet', '-h, --help', 'FILE']) expect(help).toContain(flag);
    expect(help).toContain('(ttl|nq)');
  });

  it('runCommand: help exits 0 on stdout, a usage error exits 2 with the hint on stderr, the body gets the values', async () => {
    const body = async ({ values }: { values: { out?: string } }) => (values.out ? 0 : (() => { throw new UsageError('--out is required'); })());
    let o = collect(), e = collect();
    expect(await runCommand(SPEC, ['-h'], body, { stdout: o.out, stderr: e.out })).toBe(0);
    expect(o.text()).toBe(helpText(SPEC));
    o = collect(); e = collect();
    expect(await runCommand(SPEC, ['a'], body, { stdout: o.out, stderr: e.out })).toBe(2);
    expect(e.text()).toBe("xckg demo: --out is required\nrun 'xckg demo --help' for usage\n");
    expect(o.text()).toBe('');
    expect(await runCommand(SPEC, ['a', '-o', 'd'], body, { stdout: o.out, stderr: e.out })).toBe(0);
  });
});
