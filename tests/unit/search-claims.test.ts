import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrosscheckDatabase } from '../../src/db/crosscheck-database';
import { installPack } from '../../src/db/install-pack';
import { searchClaims } from '../../src/db/search-claims';
import { freshDatabase, smallPack } from './support/test-database';

let db: CrosscheckDatabase;
beforeEach(async () => {
  db = freshDatabase();
  await installPack(
    db,
    smallPack({
      id: 'search',
      claims: [
        {
          id: 'vaccines',
          statement: 'Vaccines cause autism',
          phrasings: ['the jab is behind the rise in autism'],
          verdict: 'false',
          tags: ['health'],
        },
        {
          id: 'moon',
          statement: 'The Moon landing was staged in a studio',
          phrasings: ['the Moon landing was filmed in a studio'],
          verdict: 'false',
          tags: ['space', 'hoax'],
        },
        {
          id: 'mars',
          statement: 'There is liquid water on Mars',
          phrasings: ['liquid water flows on Mars today'],
          verdict: 'mostly-true',
          tags: ['space'],
        },
        {
          id: 'tower',
          statement: 'The Eiffel Tower grows in summer',
          phrasings: ['the Eiffel Tower grows taller in summer'],
          verdict: 'mixed',
          tags: ['architecture'],
        },
      ],
    }),
  );
});
afterEach(() => db.delete());

const ids = async (query: string, limit?: number) =>
  (await searchClaims(db, query, limit)).map((claim) => claim.id).sort();

describe('searchClaims', () => {
  it('finds claims by a word of their statement or phrasings', async () => {
    expect(await ids('autism')).toEqual(['vaccines']);
    expect(await ids('jab')).toEqual(['vaccines']);
  });

  it('finds claims by tag', async () => {
    expect(await ids('space')).toEqual(['mars', 'moon']);
    expect(await ids('architecture')).toEqual(['tower']);
  });

  it('finds claims by verdict', async () => {
    expect(await ids('mostly-true')).toEqual(['mars']);
    expect(await ids('mixed')).toEqual(['tower']);
  });

  it('ignores case', async () => {
    expect(await ids('EIFFEL')).toEqual(['tower']);
    expect(await ids('SpAcE')).toEqual(await ids('space'));
  });

  it('requires every word of the query', async () => {
    expect(await ids('space water')).toEqual(['mars']);
    expect(await ids('space autism')).toEqual([]);
  });

  it('returns at most `limit` claims, also for an empty query', async () => {
    expect(await ids('false')).toHaveLength(2);
    expect(await ids('false', 1)).toHaveLength(1);
    expect(await ids('')).toHaveLength(4);
    expect(await ids('   ', 3)).toHaveLength(3);
  });
});
