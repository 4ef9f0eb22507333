import { Migration } from '@mikro-orm/migrations';

/**
 * `near_word(typed, word)`: whether a word a person typed is a small typo of a word of a row, for
 * the typo fallback of free-text search. Trigram closeness of the whole text lets in rows that
 * share only letters ("thu vien" near "tin học văn phòng"); each typed word must also be near a
 * word of the row: one edit for words up to four letters (or two neighbours swapped: "vein",
 * "viên"), two edits for longer ones. fuzzystrmatch ships with PostgreSQL and is a trusted
 * extension, so the application's own role may create it.
 */
export class Migration20261206040000_near_word extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists fuzzystrmatch;');
    this.addSql(
      `create or replace function near_word(typed text, word text) returns boolean language sql immutable parallel safe strict as $$
        select typed = word
          or (length(typed) between 3 and 4 and (
                public.levenshtein_less_equal(typed, word, 1) <= 1
                or (length(typed) = length(word) and public.levenshtein_less_equal(typed, word, 2) <= 2
                    and array(select unnest(string_to_array(typed, null)) order by 1) = array(select unnest(string_to_array(word, null)) order by 1))))
          or (length(typed) >= 5 and public.levenshtein_less_equal(typed, word, 2) <= 2)
      $$;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists near_word(text, text);');
  }
}
