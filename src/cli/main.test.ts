import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toFhirBundle } from '../interop/fhir/bundle';
import { generatePractice } from '../testing/generator';
import { cliSandbox, type CliSandbox } from './test-support';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** A usage error: exit 2, a `[referwell]` message and the hint to --help, nothing on stdout. */
function expectUsageError(run: { code: number; stdout: string; stderr: string }, text: string | RegExp) {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^\[referwell\] error: /);
  expect(run.stderr).toMatch(text);
  expect(run.stderr).toContain('--help');
}

/** Bad input: exit 1, the message, no stack trace. */
function expectBadInput(run: { code: number; stdout: string; stderr: string }, ...texts: string[]) {
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/^\[referwell\] /);
  for (const text of texts) expect(run.stderr).toContain(text);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('usage', () => {
  let sandbox: CliSandbox;
  beforeAll(() => void (sandbox = cliSandbox()));
  afterAll(() => sandbox.remove());

  it('prints the version from package.json', async () => {
    for (const flag of ['--version', '-V']) {
      const run = await sandbox.run([flag]);
      expect(run).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
    }
  });

  it.each([
    [['--help'], 'Usage: referwell [options] [command]'],
    [['demo', '--help'], 'Usage: referwell demo'],
    [['init', '--help'], 'Usage: referwell init'],
    [['import', '--help'], 'Usage: referwell import [options] <file>'],
    [['log', '--help'], 'Usage: referwell log'],
    [['log', 'touchpoint', '--help'], 'Usage: referwell log touchpoint'],
    [['log', 'referral', '--help'], 'Usage: referwell log referral'],
    [['log', 'thank-you', '--help'], 'Usage: referwell log thank-you'],
    [['log', 'transition', '--help'], 'Usage: referwell log transition'],
    [['plan', '--help'], 'Usage: referwell plan'],
    [['sources', '--help'], 'Usage: referwell sources'],
    [['office', '--help'], 'Usage: referwell office [options] <id>'],
    [['report', '--help'], 'Usage: referwell report'],
    [['help', 'plan'], 'Usage: referwell plan'],
  ])('%j prints help and exits 0', async (argv, usage) => {
    const run = await sandbox.run(argv);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(usage);
    expect(run.stderr).toBe('');
  });

  it('lists every command, the exit codes and REFERWELL_DEBUG in the main help', async () => {
    const { stdout } = await sandbox.run(['--help']);
    for (const command of ['demo', 'init', 'import', 'log', 'plan', 'sources', 'office', 'report']) {
      expect(stdout).toMatch(new RegExp(`\\n  ${command} `));
    }
    expect(stdout).toContain('Exit codes: 0 success, 1 bad input');
    expect(stdout).toContain('REFERWELL_DEBUG=1');
  });

  it('shows every shared option on a command', async () => {
    const { stdout } = await sandbox.run(['sources', '--help']);
    for (const option of ['--db <path>', '--as-of <moment>', '--playbook <file>', '--tenant <id>', '--json']) expect(stdout).toContain(option);
  });

  it.each([
    [['plna'], /unknown command 'plna'[\s\S]*Did you mean plan\?/],
    [['plan', '--frobnicate'], "unknown option '--frobnicate'"],
    [['office'], "missing required argument 'id'"],
    [['import'], "missing required argument 'file'"],
    [['report'], "required option '--html <file>' not specified"],
    [['demo', '--seed', 'seven'], "option '--seed <n>' argument 'seven' is invalid"],
    [['demo', '--offices', '-3'], "argument '-3' is invalid"],
    [['plan', '--as-of', 'yesterday'], "option '--as-of <moment>' argument 'yesterday' is invalid"],
    [['plan', '--as-of', '2026-02-30'], 'is invalid'],
    [['plan', '--limit', '0'], 'expected a whole number ≥ 1'],
    [['import', 'x.csv', '--kind', 'doctors'], 'Allowed choices are offices, contacts, bundle'],
    [['plan', 'extra'], 'too many arguments'],
  ])('%j is a usage error (exit 2)', async (argv, text) => {
    expectUsageError(await sandbox.run(argv), text);
  });

  it('exits 2 with the help on standard error when no command is given', async () => {
    const run = await sandbox.run([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: referwell');
  });

  it('prints an unexpected error without a stack trace, unless REFERWELL_DEBUG=1', async () => {
    const failing = { stdout: () => { throw new TypeError('the terminal went away'); } };
    const quiet = await sandbox.run(['--version'], failing);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe('[referwell] unexpected error: the terminal went away\n(set REFERWELL_DEBUG=1 to print the stack trace)\n');
    const debug = await sandbox.run(['--version'], { ...failing, env: { REFERWELL_DEBUG: '1' } });
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^\[referwell\] unexpected error: the terminal went away\nTypeError: the terminal went away\n\s+at /);
  });
});

describe('init', () => {
  let sandbox: CliSandbox;
  beforeEach(() => void (sandbox = cliSandbox()));
  afterEach(() => sandbox.remove());

  it('needs --name for a new practice, and creates no file without it', async () => {
    expectBadInput(await sandbox.run(['init']), '[referwell] invalid practice: --name is required');
    expect(existsSync(join(sandbox.dir, 'referwell.db'))).toBe(false);
  });

  it('creates the file and records the practice, then changes nothing when run again', async () => {
    const first = await sandbox.run(['init', '--name', 'Northside Counseling', '--time-zone', 'America/Chicago']);
    expect(first).toEqual({
      code: 0,
      stdout: 'Created ./referwell.db; recorded the practice "Northside Counseling" (America/Chicago) for tenant default.\n',
      stderr: '',
    });
    const again = await sandbox.run(['init']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('is already recorded. Nothing changed.');
    const update = await sandbox.run(['init', '--time-zone', 'America/Denver', '--holiday', '2026-12-25,2026-12-26']);
    expect(update.stdout).toContain('updated the practice "Northside Counseling": timeZone, holidays.');
  });

  it('names the flag of an invalid value', async () => {
    const run = await sandbox.run(['init', '--name', 'N', '--time-zone', 'Mars/Olympus', '--holiday', '2026-13-01']);
    expectBadInput(run, '[referwell] invalid practice (2 problems):', '  --time-zone must be an IANA time zone', '  --holiday');
  });

  it('keeps tenants apart', async () => {
    await sandbox.run(['init', '--name', 'A', '--time-zone', 'UTC']);
    await sandbox.run(['init', '--name', 'B', '--time-zone', 'UTC', '--tenant', 'second']);
    const run = await sandbox.run(['plan', '--tenant', 'third']);
    expectBadInput(run, 'has no practice for tenant "third"', 'referwell init');
  });
});

describe('read commands without a database', () => {
  let sandbox: CliSandbox;
  beforeAll(() => void (sandbox = cliSandbox()));
  afterAll(() => sandbox.remove());

  it.each([['plan'], ['sources'], ['office', 'off-1'], ['report', '--html', 'r.html'], ['log', 'touchpoint']])(
    '%s says there is no database and how to make one',
    async (...argv) => {
      const run = await sandbox.run([...argv, '--db', 'missing.db']);
      expectBadInput(run, `no database at ${join(sandbox.dir, 'missing.db')}`, 'referwell init', 'referwell demo');
      expect(existsSync(join(sandbox.dir, 'missing.db'))).toBe(false);
    },
  );
});

describe('a --db that is not usable', () => {
  let sandbox: CliSandbox;
  beforeAll(() => void (sandbox = cliSandbox()));
  afterAll(() => sandbox.remove());

  it('quotes a path with a space in the command it suggests', async () => {
    const run = await sandbox.run(['plan', '--db', 'my practice/referwell.db']);
    expectBadInput(run, `referwell init --db '${join(sandbox.dir, 'my practice', 'referwell.db')}' --name`);
  });

  it.each([['plan'], ['init', '--name', 'X']])('%s names a file that is not SQLite', async (...argv) => {
    writeFileSync(join(sandbox.dir, 'notes.db'), 'hello, not a database\n');
    const run = await sandbox.run([...argv, '--db', 'notes.db']);
    expectBadInput(run, `${join(sandbox.dir, 'notes.db')}: file is not a database (it is not a SQLite database: check --db)`);
  });
});

describe('with a practice', () => {
  let sandbox: CliSandbox;
  const office = 'off-elm';
  beforeAll(async () => {
    sandbox = cliSandbox();
    await sandbox.run(['init', '--name', 'Northside Counseling', '--time-zone', 'America/New_York']);
    writeFileSync(
      join(sandbox.dir, 'offices.csv'),
      `ID,Office Name,Type,Status\n${office},Elm Street Pediatrics,Peds,active\noff-oak,Oak Family Medicine,Family Medicine,active\n`,
    );
    writeFileSync(join(sandbox.dir, 'contacts.csv'), `Name,Role,Office ID\nDr. Ana Lee,Physician,${office}\nSam Ortiz,Receptionist,${office}\n`);
    expect((await sandbox.run(['import', 'offices.csv'])).code).toBe(0);
    expect((await sandbox.run(['import', 'contacts.csv'])).code).toBe(0);
  });
  afterAll(() => sandbox.remove());

  describe('log', () => {
    it('records a touchpoint and prints its id; --json prints the record', async () => {
      const run = await sandbox.run([
        'log', 'touchpoint', '--office', office, '--channel', 'in-person', '--purpose', 'introduction,ask', '--minutes', '45',
        '--at', '2026-02-20T10:30', '--cards', '25',
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^tp-[0-9a-f-]{36}\n$/);
      const json = await sandbox.run(['log', 'touchpoint', '--json', '--id', 'tp-1', '--office', office, '--channel', 'phone', '--purpose', 'follow-up', '--at', '2026-02-25']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual({
        id: 'tp-1',
        tenantId: 'default',
        officeId: office,
        contactIds: [],
        at: '2026-02-25T14:00:00.000Z', // 09:00 in New York
        channel: 'phone',
        purposes: ['follow-up'],
        minutes: 0,
      });
      const again = await sandbox.run(['log', 'touchpoint', '--id', 'tp-1', '--office', office, '--channel', 'phone', '--purpose', 'follow-up']);
      expect(again.code).toBe(0);
      expect(again.stderr).toContain('was already recorded; nothing changed');
    });

    it('says a missing choice flag is required, listing the choices', async () => {
      const run = await sandbox.run(['log', 'touchpoint', '--office', office, '--purpose', 'ask']);
      expectBadInput(run, '[referwell] invalid touchpoint: --channel is required (one of in-person, video, phone, email, letter, fax, portal)\n');
    });

    it('names every flag that is missing or wrong', async () => {
      const run = await sandbox.run(['log', 'touchpoint', '--channel', 'pigeon', '--minutes', 'lots', '--purpose', 'chat']);
      expectBadInput(
        run,
        '[referwell] invalid touchpoint (4 problems):',
        '  --office is required\n',
        '  --channel must be one of in-person, video, phone, email, letter, fax, portal\n',
        '  --purpose must be one of introduction, ask,',
        '  --minutes must be a number\n',
      );
      expect(run.stdout).toBe('');
      expectBadInput(
        await sandbox.run(['log', 'touchpoint', '--office', office, '--channel', 'phone', '--purpose', 'ask', '--at', 'noon']),
        '--at must be a date like 2026-03-02',
      );
      expectBadInput(
        await sandbox.run(['log', 'touchpoint', '--office', 'off-nope', '--channel', 'phone', '--purpose', 'ask']),
        '[referwell] invalid touchpoint: --office: no office "off-nope" in this store',
      );
      expectBadInput(await sandbox.run(['log', 'thank-you', '--office', office, '--medium', 'email']), '--contact: thank at least one contact');
    });

    it("refuses a checklist item the playbook does not know, and stores nothing", async () => {
      const run = await sandbox.run([
        'log', 'referral', '--id', 'ref-typo', '--office', office, '--via', 'fax', '--patient', 'pt-9', '--checked', 'warm-handof',
      ]);
      expectBadInput(run, `[referwell] invalid referral: --checked has "warm-handof", not in the playbook's strength checklist (`, 'warm-handoff');
      expectBadInput(await sandbox.run(['log', 'transition', '--referral', 'ref-typo', '--to', 'accepted']), 'no referral "ref-typo"');
    });

    it('moves a referral through its intake, and refuses an illegal step', async () => {
      const logged = await sandbox.run([
        'log', 'referral', '--id', 'ref-1', '--office', office, '--via', 'prescription-pad', '--patient', 'pt-17',
        '--checked', 'prescription-pad', '--received-at', '2026-02-26T15:00:00Z',
      ]);
      expect(logged).toMatchObject({ code: 0, stdout: 'ref-1\n' });
      const accepted = await sandbox.run(['log', 'transition', '--referral', 'ref-1', '--to', 'accepted', '--at', '2026-02-27', '--json']);
      expect(accepted.code).toBe(0);
      expect(JSON.parse(accepted.stdout).intake).toEqual([{ status: 'accepted', at: '2026-02-27T14:00:00.000Z' }]);
      const contacted = await sandbox.run(['log', 'transition', '--referral', 'ref-1', '--to', 'patient-contacted', '--at', '2026-02-27']);
      expect(contacted.code).toBe(0);
      expectBadInput(
        await sandbox.run(['log', 'transition', '--referral', 'ref-1', '--to', 'received']),
        '--to must be one of accepted, declined',
      );
      expectBadInput(
        await sandbox.run(['log', 'transition', '--referral', 'ref-1', '--to', 'first-visit-completed', '--at', '2026-02-28']),
        '[referwell] referral "ref-1" cannot go from "accepted" to "first-visit-completed"',
      );
      expectBadInput(await sandbox.run(['log', 'transition', '--referral', 'ref-404', '--to', 'accepted']), 'no referral "ref-404"');
      expectBadInput(await sandbox.run(['log', 'transition', '--to', 'accepted']), '--referral is required');
    });
  });

  describe('plan, sources and office', () => {
    it('plan --json prints the actions', async () => {
      const run = await sandbox.run(['plan', '--json', '--as-of', '2026-03-02']);
      expect(run.code).toBe(0);
      const actions = JSON.parse(run.stdout) as { id: string; play: string; officeId: string; due: string; explanation: { summary: string } }[];
      expect(actions.length).toBeGreaterThan(0);
      for (const action of actions) {
        expect(action).toMatchObject({ id: expect.any(String), play: expect.any(String), due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
        expect(['off-elm', 'off-oak']).toContain(action.officeId);
      }
      expect(actions.some((action) => action.play === 'thank-you' && action.officeId === office)).toBe(true);
    });

    it('plan prints a table with office names', async () => {
      const run = await sandbox.run(['plan', '--as-of', '2026-03-02']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Plan for Northside Counseling, Monday 2026-03-02 \(America\/New_York\): \d+ actions/);
      expect(run.stdout).toMatch(/│ Due\s+│ Office\s+│ Play\s+│ What\s+│ Why\s+│/);
      expect(run.stdout).toContain('Oak Family');
      expect(run.stdout.split('\n').every((line) => line.length <= 100)).toBe(true);
    });

    it('plan --ics writes iCalendar to a file or standard output', async () => {
      const toFile = await sandbox.run(['plan', '--ics', 'plan.ics', '--as-of', '2026-03-02']);
      expect(toFile.code).toBe(0);
      expect(toFile.stdout).toMatch(/^Wrote \d+ actions to .*plan\.ics\n$/);
      const text = readFileSync(join(sandbox.dir, 'plan.ics'), 'utf8');
      expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
      expect(text).toContain('BEGIN:VTODO');
      const toStdout = await sandbox.run(['plan', '--ics', '--as-of', '2026-03-02']);
      expect(toStdout.stdout).toBe(text);
    });

    it('sources --json prints the ranking; the table ranks both offices', async () => {
      const json = await sandbox.run(['sources', '--json', '--as-of', '2026-03-02']);
      expect(json.code).toBe(0);
      const ranking = JSON.parse(json.stdout) as { offices: { officeId: string; rank: number }[]; contacts: unknown[]; periods: { today: string } };
      expect(ranking.offices.map((source) => source.officeId).sort()).toEqual(['off-elm', 'off-oak']);
      expect(ranking.periods.today).toBe('2026-03-02');
      expect(ranking.contacts).toHaveLength(2);
      const text = await sandbox.run(['sources', '--as-of', '2026-03-02']);
      expect(text.stdout).toContain('Referral sources of Northside Counseling, 2025-03-03 to 2026-03-02');
      expect(text.stdout).toMatch(/│\s+1 │ Elm Street\s/);
      expect(text.stdout.split('\n').every((line) => line.length <= 100)).toBe(true);
    });

    it('office shows one office, --json its parts, and names an unknown id', async () => {
      const text = await sandbox.run(['office', office, '--as-of', '2026-03-02']);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^Elm Street Pediatrics \(off-elm\)\npediatrics, active; 2 contacts/);
      expect(text.stdout).toMatch(/Follow-up: too-soon; last contact 2026-02-25 \(5 days ago\)/);
      expect(text.stdout).toMatch(/Relationship score: [\d.]+ \/ 100/);
      const json = await sandbox.run(['office', office, '--json', '--as-of', '2026-03-02']);
      const view = JSON.parse(json.stdout) as Record<string, unknown>;
      expect(Object.keys(view)).toEqual(['office', 'followUp', 'score', 'actions']);
      expect(view['followUp']).toMatchObject({ status: 'too-soon', daysSince: 5, lastContactId: 'tp-1' });
      expectBadInput(await sandbox.run(['office', 'off-404']), '[referwell] no office "off-404"');
    });
  });

  describe('--playbook', () => {
    it('uses a valid playbook, and lists every problem of an invalid one with its JSON pointer', async () => {
      writeFileSync(
        join(sandbox.dir, 'good.json'),
        JSON.stringify({ version: 2, extends: 'referwell:default', plays: { 'thank-you': { enabled: false } } }),
      );
      const good = await sandbox.run(['plan', '--json', '--as-of', '2026-03-02', '--playbook', 'good.json']);
      expect(good.code).toBe(0);
      expect((JSON.parse(good.stdout) as { play: string }[]).some((action) => action.play === 'thank-you')).toBe(false);

      writeFileSync(
        join(sandbox.dir, 'bad.json'),
        JSON.stringify({ version: 2, extends: 'referwell:default', plays: { 'follow-up': { targetDays: -1, nuisanceDays: 'x' } } }),
      );
      const bad = await sandbox.run(['plan', '--playbook', 'bad.json']);
      expectBadInput(bad, '[referwell] invalid playbook bad.json (', '/plays/follow-up/targetDays: ', '/plays/follow-up/nuisanceDays: ');
      expectBadInput(await sandbox.run(['plan', '--playbook', 'nope.json']), `${join(sandbox.dir, 'nope.json')} does not exist`);
      writeFileSync(join(sandbox.dir, 'broken.json'), '{ version: 2');
      expectBadInput(await sandbox.run(['plan', '--playbook', 'broken.json']), 'is not JSON');
    });
  });
});

describe('import', () => {
  let sandbox: CliSandbox;
  beforeEach(async () => {
    sandbox = cliSandbox();
    await sandbox.run(['init', '--name', 'Northside', '--time-zone', 'UTC']);
  });
  afterEach(() => sandbox.remove());

  const offices = async () =>
    (JSON.parse((await sandbox.run(['sources', '--json'])).stdout) as { offices: { name: string }[] }).offices.map((o) => o.name).sort();

  it('writes nothing when a row is bad, naming the row and column', async () => {
    writeFileSync(join(sandbox.dir, 'o.csv'), 'Office Name,Type\nElm,Peds\nLake Dental,Dentist\n,Peds\n');
    const run = await sandbox.run(['import', 'o.csv']);
    expectBadInput(run, '[referwell] invalid offices CSV (2 problems):', '  row 3, column "Type": "Dentist" is not one of', '  row 4');
    expect(run.stdout).toBe('');
    expect(await offices()).toEqual([]);
  });

  it('--skip-invalid imports the good rows and lists the bad ones', async () => {
    writeFileSync(join(sandbox.dir, 'o.csv'), 'Office Name,Type\nElm,Peds\nLake Dental,Dentist\nOak,PCP\n');
    const run = await sandbox.run(['import', 'o.csv', '--skip-invalid']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Imported 2 offices from o.csv into ./referwell.db; skipped 1 invalid row (listed on standard error).\n');
    expect(run.stderr).toContain('  row 3, column "Type": "Dentist" is not one of');
    expect(await offices()).toEqual(['Elm', 'Oak']);
  });

  it('tells contacts from offices by the header, or by --kind', async () => {
    writeFileSync(join(sandbox.dir, 'o.csv'), 'ID,Name,Type\noff-1,Elm,Peds\n');
    writeFileSync(join(sandbox.dir, 'people.csv'), 'First Name,Last Name,Title,Office\nAna,Lee,Physician,Elm\n');
    expect((await sandbox.run(['import', 'o.csv'])).stdout).toContain('Imported 1 offices');
    expect((await sandbox.run(['import', 'people.csv'])).stdout).toContain('Imported 1 contacts');
    const forced = await sandbox.run(['import', 'o.csv', '--kind', 'contacts']);
    expectBadInput(forced, 'invalid contacts CSV');
  });

  it('imports a FHIR referral Bundle, and reports a bad one with its resources', async () => {
    const practice = generatePractice({ seed: 3, offices: 2, now: '2026-03-02T14:00:00Z', tenantId: 'default' });
    const bundle = toFhirBundle({ offices: practice.offices, contacts: practice.contacts, referrals: practice.referrals }, { type: 'transaction' });
    writeFileSync(join(sandbox.dir, 'bundle.json'), JSON.stringify(bundle));
    const run = await sandbox.run(['import', 'bundle.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Imported ${practice.referrals.length} referrals, 2 offices and ${practice.contacts.length} contacts from bundle.json`);
    writeFileSync(join(sandbox.dir, 'bad.json'), JSON.stringify({ resourceType: 'Bundle', entry: 'nope' }));
    expectBadInput(await sandbox.run(['import', 'bad.json']), '[referwell] invalid FHIR bundle');
    writeFileSync(join(sandbox.dir, 'text.json'), 'not json');
    expectBadInput(await sandbox.run(['import', 'text.json']), 'text.json is not JSON');
  });

  it('refuses a --tenant without a practice, writing nothing', async () => {
    writeFileSync(join(sandbox.dir, 'offices.csv'), 'ID,Office Name,Type\noff-1,Elm,primary-care\n');
    expectBadInput(await sandbox.run(['import', 'offices.csv', '--tenant', 'nortside']), 'has no practice for tenant "nortside"');
    const init = await sandbox.run(['init', '--tenant', 'nortside', '--name', 'Typo', '--time-zone', 'UTC']);
    expect(init.code).toBe(0);
    expect((await sandbox.run(['sources', '--tenant', 'nortside', '--json'])).stdout).not.toContain('off-1');
  });

  it('names a missing file', async () => {
    expectBadInput(await sandbox.run(['import', 'nope.csv']), `[referwell] invalid import file: ${join(sandbox.dir, 'nope.csv')} does not exist`);
  });
});
