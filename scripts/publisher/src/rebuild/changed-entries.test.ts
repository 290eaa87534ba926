import { describe, expect, it } from 'vitest';
import { changedEntries } from './changed-entries.ts';
import type { Trigger } from './scheduler.ts';

// The webhooks of a batch → the entries a publish of named entries reads.

const hook = (model: string, documentId: string): Trigger => ({ reason: `entry.update ${model} ${documentId}`, at: 0, entry: { model, documentId } });

describe('changedEntries', () => {
  it('groups the named entries by the collection of their model', () => {
    expect(changedEntries([hook('event', 'e1'), hook('speaker', 's1'), hook('event', 'e2'), hook('gallery', 'g1'), hook('institution', 'i1'), hook('site-setting', 'x')])).toEqual({
      events: ['e1', 'e2'],
      speakers: ['s1'],
      galleries: ['g1'],
      institutions: ['i1'],
      settings: ['x'],
    });
  });

  it('is undefined (a full publish) when one change names no entry of the site, or there is none', () => {
    expect(changedEntries([hook('event', 'e1'), { reason: 'media.create zdjecie.jpg', at: 0 }])).toBeUndefined();
    expect(changedEntries([hook('event', 'e1'), { reason: 'reconcile', at: 0 }])).toBeUndefined();
    expect(changedEntries([hook('event', 'e1'), hook('user', 'u1')])).toBeUndefined();
    expect(changedEntries([])).toBeUndefined();
  });
});
