/**
 * Migration 002: a revision per booking and an issuer per feed token.
 *
 * `revision` starts at 0 and grows by one whenever the booking's schedule changes (moved, resized, moved to another
 * resource, cancelled, released). The iCal feed writes it as `SEQUENCE` (RFC 5545 §3.8.7.4), and the
 * `bookings.booking.moved` event carries it, so that billing re-prices each revision once.
 *
 * Feed tokens get an issuer (`self`: the person's own link from `/feeds/me`; `staff`: a link staff issued for a person
 * or a resource). One token per subject and issuer: staff issuing a person's link no longer revokes the link that
 * person made for themselves (and the other way round).
 */
import type { Migration } from '@tessera/sdk'

export const bookingsMigration002: Migration = {
  name: '002_revisions_and_feed_issuers',
  up: `
    ALTER TABLE bookings ADD COLUMN revision integer NOT NULL DEFAULT 0 CHECK (revision >= 0);

    ALTER TABLE feed_tokens ADD COLUMN issued_by text NOT NULL DEFAULT 'self' CHECK (issued_by IN ('self', 'staff'));
    UPDATE feed_tokens SET issued_by = 'staff' WHERE subject_kind = 'resource';
    ALTER TABLE feed_tokens DROP CONSTRAINT feed_tokens_tenant_id_subject_kind_subject_id_key;
    ALTER TABLE feed_tokens ADD CONSTRAINT feed_tokens_subject_issuer_key UNIQUE (tenant_id, subject_kind, subject_id, issued_by);
  `,
}
