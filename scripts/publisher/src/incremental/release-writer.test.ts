import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalTarget } from '../deploy/local.ts';
import { IncrementalReleases, linkCopy, mirrorByLinks } from './release-writer.ts';

let work: string;
let target: LocalTarget;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cus-release-writer-'));
  target = new LocalTarget({ dir: work, keep: 3 });
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
const ino = (dir: string, file: string) => fs.statSync(path.join(dir, file)).ino;
const currentFiles = () => fs.readdirSync(target.current()!, { recursive: true }).map(String).sort();

async function firstRelease(releases: IncrementalReleases): Promise<string> {
  const draft = await releases.begin();
  expect(draft.base).toBeNull();
  await draft.write('index.html', Buffer.from('home v1'));
  await draft.write('wydarzenia/a/index.html', Buffer.from('a v1'));
  await draft.write('wydarzenia/b/index.html', Buffer.from('b v1'));
  return draft.commit();
}

describe('mirrorByLinks', () => {
  it('links in only the files that differ, unlinks the extra ones, and never writes into a shared inode', async () => {
    const from = path.join(work, 'base-2');
    const to = path.join(work, 'draft', 'pagefind');
    for (const [file, text] of [['entry.json', 'e1'], ['fragment/a.pf', 'a'], ['fragment/b.pf', 'b']]) {
      fs.mkdirSync(path.dirname(path.join(from, file!)), { recursive: true });
      fs.writeFileSync(path.join(from, file!), text!);
    }
    await linkCopy(from, to);
    const shared = ino(to, 'fragment/a.pf');
    expect(shared).toBe(ino(from, 'fragment/a.pf'));
    // The next base: entry.json and b.pf are new files (new inodes), a.pf stays, c.pf is added, the old b.pf's name goes.
    fs.rmSync(path.join(from, 'entry.json'));
    fs.writeFileSync(path.join(from, 'entry.json'), 'e2');
    fs.rmSync(path.join(from, 'fragment/b.pf'));
    fs.writeFileSync(path.join(from, 'fragment/c.pf'), 'c');
    const oldEntryIno = ino(to, 'entry.json');
    const r = await mirrorByLinks(from, to);
    expect(r).toEqual({ linked: 2, removed: 1 });
    expect(fs.readdirSync(to, { recursive: true }).map(String).filter((f) => f.includes('.')).sort()).toEqual(['entry.json', 'fragment/a.pf', 'fragment/c.pf']);
    expect(read(to, 'entry.json')).toBe('e2');
    expect(ino(to, 'fragment/a.pf')).toBe(shared);
    expect(ino(to, 'entry.json')).not.toBe(oldEntryIno);
    // Nothing else to do the second time.
    expect(await mirrorByLinks(from, to)).toEqual({ linked: 0, removed: 0 });
  });
});

describe('IncrementalReleases', () => {
  it('makes a release from the live one plus the changes, sharing unchanged files and never writing into them', async () => {
    const releases = new IncrementalReleases(target);
    const first = await firstRelease(releases);
    const firstDir = target.current()!;
    expect(path.basename(firstDir)).toBe(first);

    await releases.prepareSpare();
    const spares = fs.readdirSync(target.releasesDir).filter((n) => n.startsWith('.build-spare-'));
    expect(spares).toHaveLength(1);

    const draft = await releases.begin();
    expect(draft.base).toBe(first);
    // The spare was taken, not copied again.
    expect(fs.readdirSync(target.releasesDir).filter((n) => n.startsWith('.build-spare-'))).toHaveLength(0);
    await draft.write('index.html', Buffer.from('home v2'));
    await draft.write('wydarzenia/c/index.html', Buffer.from('c v1'));
    await draft.remove('wydarzenia/b/index.html');
    // Until the switch, visitors see the first release, whole.
    expect(read(target.current()!, 'index.html')).toBe('home v1');
    const second = await draft.commit();
    const secondDir = target.current()!;
    expect(path.basename(secondDir)).toBe(second);

    expect(read(secondDir, 'index.html')).toBe('home v2');
    expect(read(firstDir, 'index.html')).toBe('home v1');
    expect(read(firstDir, 'wydarzenia/b/index.html')).toBe('b v1');
    // Unchanged: the same inode; changed: a new one.
    expect(ino(secondDir, 'wydarzenia/a/index.html')).toBe(ino(firstDir, 'wydarzenia/a/index.html'));
    expect(ino(secondDir, 'index.html')).not.toBe(ino(firstDir, 'index.html'));
    // The removed page's folder went with it.
    expect(currentFiles()).toEqual(['index.html', 'wydarzenia', 'wydarzenia/a', 'wydarzenia/a/index.html', 'wydarzenia/c', 'wydarzenia/c/index.html']);
    // Rollback (deploy/local.ts) still works on these releases.
    expect(target.rollback()).toBe(first);
    expect(read(target.current()!, 'index.html')).toBe('home v1');
  });

  it('writes the first release in place, yet a file linked in from the cache and written again leaves the cache file as it was', async () => {
    const releases = new IncrementalReleases(target);
    const cacheFile = path.join(work, 'cached.png');
    fs.writeFileSync(cacheFile, 'cached');
    const draft = await releases.begin();
    await draft.link('media/x.png', cacheFile);
    await draft.write('media/x.png', Buffer.from('written'));
    await draft.write('index.html', Buffer.from('home'));
    await draft.commit();
    expect(read(target.current()!, 'media/x.png')).toBe('written');
    expect(fs.readFileSync(cacheFile, 'utf8')).toBe('cached');
    expect(currentFiles()).toEqual(['index.html', 'media', 'media/x.png']);
  });

  it('without a spare, or with a stale one (after a rollback), copies the live release at begin()', async () => {
    const releases = new IncrementalReleases(target);
    const first = await firstRelease(releases);
    const d2 = await releases.begin();
    await d2.write('index.html', Buffer.from('home v2'));
    await d2.commit();
    await releases.prepareSpare();
    target.rollback();
    const d3 = await releases.begin();
    expect(d3.base).toBe(first);
    expect(d3.read('index.html')?.toString()).toBe('home v1');
    expect(fs.readdirSync(target.releasesDir).filter((n) => n.startsWith('.build-spare-'))).toHaveLength(0);
    await d3.discard();
  });

  it('recycles the release the switch would prune as the next spare, caught up by replaying only the changed files; kept releases stay intact', async () => {
    // keep: 3. Releases 1–3 fill it; from the 4th switch on, the oldest is set aside, not deleted.
    const releases = new IncrementalReleases(target);
    await firstRelease(releases);
    const publish = async (edit: (d: Awaited<ReturnType<IncrementalReleases['begin']>>) => Promise<void>) => {
      await releases.prepareSpare();
      const d = await releases.begin();
      await edit(d);
      return d.commit();
    };
    await publish((d) => d.write('index.html', Buffer.from('home v2')));
    const third = await publish(async (d) => {
      await d.write('wydarzenia/c/index.html', Buffer.from('c v1'));
      await d.remove('wydarzenia/b/index.html');
    });
    const fourth = await publish(async (d) => {
      await d.write('index.html', Buffer.from('home v4'));
      // Search writes into the draft's folder directly: copied whole by a catch-up.
      fs.mkdirSync(path.join(d.dir, 'pagefind'), { recursive: true });
      fs.writeFileSync(path.join(d.dir, 'pagefind', 'pagefind.js'), 'index v4');
    });
    expect(target.releases()).toHaveLength(3);
    await releases.prepareSpare();
    expect(releases.lastSpare).toEqual(expect.objectContaining({ how: 'caught-up' }));
    // Release 1's tree caught up through releases 2–4: the files they changed (index.html, c, b), not a walk of the tree.
    expect(releases.lastSpare!.files).toBe(3);
    const spare = fs.readdirSync(target.releasesDir).find((n) => n.startsWith('.build-spare-'))!;
    const spareDir = path.join(target.releasesDir, spare);
    const files = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();
    expect(files(spareDir)).toEqual(currentFiles());
    for (const f of currentFiles().filter((f) => f.endsWith('.html') || f.endsWith('.js'))) {
      expect(ino(spareDir, f), f).toBe(ino(target.current()!, f));
    }
    // The kept releases are untouched: rollback still finds the third as it was.
    expect(path.basename(target.current()!)).toBe(fourth);
    expect(target.rollback()).toBe(third);
    expect(read(target.current()!, 'index.html')).toBe('home v2');
    expect(fs.existsSync(path.join(target.current()!, 'pagefind'))).toBe(false);
    target.switchTo(fourth);
    // The spare makes the next release, which equals the live one plus its own change.
    const fifth = await publish((d) => d.write('wydarzenia/a/index.html', Buffer.from('a v5')));
    expect(path.basename(target.current()!)).toBe(fifth);
    expect(releases.lastSpare!.how).toBe('caught-up');
    expect(currentFiles()).toEqual(['index.html', 'pagefind', 'pagefind/pagefind.js', 'wydarzenia', 'wydarzenia/a', 'wydarzenia/a/index.html', 'wydarzenia/c', 'wydarzenia/c/index.html']);
    expect(read(target.current()!, 'index.html')).toBe('home v4');
    expect(read(target.current()!, 'wydarzenia/a/index.html')).toBe('a v5');
    expect(read(target.current()!, 'pagefind/pagefind.js')).toBe('index v4');
    await releases.close();
  });

  it('copies made ahead never reject: a deploy folder removed under them is logged, and the next begin() still works', async () => {
    const releases = new IncrementalReleases(target);
    await firstRelease(releases);
    const lines: string[] = [];
    fs.rmSync(target.releasesDir, { recursive: true, force: true });
    await expect(releases.prepareReserves(() => true, (line) => lines.push(line))).resolves.toBeUndefined();
    expect(lines.join('\n')).toMatch(/^copies made ahead stopped: ENOENT/);
  });

  it('a fresh deploy folder: copies made ahead while idle become the spares until recycling starts, each caught up, never copied at a publish', async () => {
    // keep: 3. One release exists and no spare: the next three switches need a tree each (the
    // first to prune one, the fourth's, sets the oldest aside to be recycled).
    const releases = new IncrementalReleases(target);
    await firstRelease(releases);
    let idle = false;
    await releases.prepareReserves(() => idle);
    expect(releases.reserveCount).toBe(0);
    idle = true;
    await releases.prepareReserves(() => idle);
    expect(releases.reserveCount).toBe(3);
    // Asked again: nothing more to do.
    await releases.prepareReserves(() => idle);
    expect(releases.reserveCount).toBe(3);
    const hows: string[] = [];
    for (const [n, text] of [[2, 'home v2'], [3, 'home v3'], [4, 'home v4']] as const) {
      await releases.prepareSpare();
      hows.push(releases.lastSpare!.how);
      const d = await releases.begin();
      await d.write('index.html', Buffer.from(text));
      await d.write(`wydarzenia/n${n}/index.html`, Buffer.from(text));
      await d.commit();
      expect(read(target.current()!, 'index.html')).toBe(text);
    }
    // The reserves, made from release 1, caught up through the journals.
    expect(hows).toEqual(['caught-up', 'caught-up', 'caught-up']);
    expect(currentFiles()).toEqual(['index.html', 'wydarzenia', 'wydarzenia/a', 'wydarzenia/a/index.html', 'wydarzenia/b', 'wydarzenia/b/index.html', 'wydarzenia/n2', 'wydarzenia/n2/index.html', 'wydarzenia/n3', 'wydarzenia/n3/index.html', 'wydarzenia/n4', 'wydarzenia/n4/index.html']);
    expect(releases.reserveCount).toBe(0);
    // The next spare is the oldest release, recycled; once `keep` releases exist no copy is made ahead.
    await releases.prepareReserves(() => idle);
    expect(releases.reserveCount).toBe(0);
    await releases.prepareSpare();
    const d = await releases.begin();
    await d.write('index.html', Buffer.from('home v5'));
    await d.commit();
    await releases.prepareSpare();
    expect(releases.lastSpare!.how).toBe('caught-up');
    expect(read(target.current()!, 'index.html')).toBe('home v5');
    await releases.close();
    expect(fs.readdirSync(target.releasesDir).filter((n) => n.startsWith('.build-'))).toEqual([]);
  });

  it('copies made ahead are caught up while idle (a new search base too), so a spare taken from one has nothing left to link', async () => {
    const releases = new IncrementalReleases(target);
    await firstRelease(releases);
    await releases.prepareReserves(() => true);
    await releases.prepareSpare();
    const d = await releases.begin();
    await d.write('index.html', Buffer.from('home v2'));
    fs.mkdirSync(path.join(d.dir, 'pagefind'), { recursive: true });
    fs.writeFileSync(path.join(d.dir, 'pagefind', 'pagefind.js'), 'index v2');
    await d.commit();
    await releases.prepareReserves(() => true);
    await releases.prepareSpare();
    expect(releases.lastSpare).toEqual(expect.objectContaining({ how: 'caught-up', files: 0 }));
    const spare = path.join(target.releasesDir, fs.readdirSync(target.releasesDir).find((n) => n.startsWith('.build-spare-') && !n.includes('reserve'))!);
    expect(read(spare, 'index.html')).toBe('home v2');
    expect(read(spare, 'pagefind/pagefind.js')).toBe('index v2');
    await releases.close();
  });

  it('a caught-up spare holds the live release’s search base, whether the base stayed (left as it was) or changed (mirrored)', async () => {
    const releases = new IncrementalReleases(target);
    await firstRelease(releases);
    // Two base indexes as the search step makes them: folders whose files the releases link.
    const base = (name: string, files: Record<string, string>) => {
      const dir = path.join(work, name);
      for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      }
      return dir;
    };
    const b1 = base('base-1', { 'pagefind-entry.json': 'e1', 'fragment/a.pf': 'a' });
    const b2 = base('base-2', { 'pagefind-entry.json': 'e2', 'fragment/b.pf': 'b' });
    const publish = async (edit: (d: Awaited<ReturnType<IncrementalReleases['begin']>>) => Promise<void>) => {
      await releases.prepareSpare();
      const d = await releases.begin();
      await edit(d);
      return d.commit();
    };
    await publish((d) => mirrorByLinks(b1, path.join(d.dir, 'pagefind')).then(() => undefined));
    for (let i = 0; i < 4; i++) await publish((d) => d.write('index.html', Buffer.from(`home ${i}`)));
    // The recycled tree and the live release share base 1: the spare's search files are base 1's.
    await releases.prepareSpare();
    expect(releases.lastSpare?.how).toBe('caught-up');
    const spareDir = () => path.join(target.releasesDir, fs.readdirSync(target.releasesDir).find((n) => n.startsWith('.build-spare-'))!);
    expect(ino(spareDir(), 'pagefind/fragment/a.pf')).toBe(ino(b1, 'fragment/a.pf'));
    // A new base goes live: the next catch-up mirrors it (base 1's files gone, base 2's linked).
    await publish((d) => mirrorByLinks(b2, path.join(d.dir, 'pagefind')).then(() => undefined));
    for (let i = 0; i < 3; i++) await publish((d) => d.write('index.html', Buffer.from(`home again ${i}`)));
    await releases.prepareSpare();
    expect(releases.lastSpare?.how).toBe('caught-up');
    expect(fs.readdirSync(path.join(spareDir(), 'pagefind'), { recursive: true }).map(String).sort()).toEqual(['fragment', 'fragment/b.pf', 'pagefind-entry.json']);
    expect(ino(spareDir(), 'pagefind/pagefind-entry.json')).toBe(ino(b2, 'pagefind-entry.json'));
    await releases.close();
  });

  it('a draft that is discarded, or left behind by a crash, never touches the live release', async () => {
    const releases = new IncrementalReleases(target);
    await firstRelease(releases);
    const live = target.current()!;
    const draft = await releases.begin();
    await draft.write('index.html', Buffer.from('half'));
    await draft.remove('wydarzenia/a/index.html');
    // A crash here: the draft stays as a .build- folder, which the next start removes.
    expect(read(live, 'index.html')).toBe('home v1');
    expect(fs.existsSync(path.join(live, 'wydarzenia/a/index.html'))).toBe(true);
    expect(target.removeUnfinished()).toBe(1);
    expect(target.current()).toBe(live);
  });

  it('writes into a folder that its last file, or something else, removed after the draft made it', async () => {
    const releases = new IncrementalReleases(target);
    await firstRelease(releases);
    const draft = await releases.begin();
    // remove() takes the emptied folder with it; the search index clears folders of its own.
    await draft.remove('wydarzenia/a/index.html');
    expect(fs.existsSync(path.join(draft.dir, 'wydarzenia', 'a'))).toBe(false);
    await draft.write('wydarzenia/a/index.html', Buffer.from('a v2'));
    await draft.write('pagefind/delta/x.pf', Buffer.from('x'));
    fs.rmSync(path.join(draft.dir, 'pagefind', 'delta'), { recursive: true });
    await draft.write('pagefind/delta/y.pf', Buffer.from('y'));
    await draft.link('pagefind/delta/z.pf', path.join(draft.dir, 'wydarzenia', 'a', 'index.html'));
    expect([read(draft.dir, 'wydarzenia/a/index.html'), read(draft.dir, 'pagefind/delta/y.pf'), read(draft.dir, 'pagefind/delta/z.pf')]).toEqual(['a v2', 'y', 'a v2']);
    await draft.discard();
  });

  it('refuses to write outside the draft', async () => {
    const releases = new IncrementalReleases(target);
    const draft = await releases.begin();
    await expect(draft.write('../escape.html', Buffer.from('x'))).rejects.toThrow(/outside the release/);
    await expect(draft.link("/etc/passwd", import.meta.filename)).rejects.toThrow(/outside the release/);
    expect(fs.existsSync(path.join(target.releasesDir, 'escape.html'))).toBe(false);
    await draft.discard();
  });

  it('linkCopy links files, re-makes folders and symlinks', async () => {
    const from = path.join(work, 'from');
    fs.mkdirSync(path.join(from, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(from, 'a', 'b', 'x.txt'), 'x');
    fs.writeFileSync(path.join(from, 'y.txt'), 'y');
    fs.symlinkSync('y.txt', path.join(from, 'z.txt'));
    const to = path.join(work, 'to');
    expect(await linkCopy(from, to)).toBe(3);
    expect(ino(to, 'a/b/x.txt')).toBe(ino(from, 'a/b/x.txt'));
    expect(fs.readlinkSync(path.join(to, 'z.txt'))).toBe('y.txt');
  });
});
