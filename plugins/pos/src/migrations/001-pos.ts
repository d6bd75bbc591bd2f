/**
 * Migration 001: products (price in minor units, tax rate in basis points, category, stock that cannot go negative),
 * sales with their lines (what was sold at what price, how much of it was refunded) and refunds.
 */
import type { Migration } from '@tessera/sdk'

export const posMigration001: Migration = {
  name: '001_pos',
  up: `
    CREATE TABLE products (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      sku text NOT NULL,
      name text NOT NULL,
      category text NOT NULL DEFAULT 'general',
      price bigint NOT NULL CHECK (price >= 0),
      tax_rate_bp integer NOT NULL DEFAULT 0 CHECK (tax_rate_bp BETWEEN 0 AND 10000),
      track_stock boolean NOT NULL DEFAULT true,
      stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
      active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, sku)
    );

    CREATE TABLE sales (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      method text NOT NULL CHECK (method IN ('account', 'card', 'cash')),
      payer_type text,
      payer_id uuid,
      status text NOT NULL DEFAULT 'completed' CHECK (status IN ('completed', 'partially_refunded', 'refunded')),
      net bigint NOT NULL,
      tax bigint NOT NULL,
      total bigint NOT NULL,
      refunded bigint NOT NULL DEFAULT 0,
      cash_tendered bigint,
      payment_intent_id text,
      sold_by text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (method <> 'account' OR payer_id IS NOT NULL)
    );
    CREATE INDEX sales_day ON sales (tenant_id, created_at);

    CREATE TABLE sale_lines (
      id bigserial PRIMARY KEY,
      tenant_id uuid NOT NULL,
      sale_id uuid NOT NULL REFERENCES sales (id),
      position integer NOT NULL,
      product_id uuid NOT NULL REFERENCES products (id),
      sku text NOT NULL,
      name text NOT NULL,
      category text NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      unit_price bigint NOT NULL,
      tax_rate_bp integer NOT NULL,
      net bigint NOT NULL,
      tax bigint NOT NULL,
      gross bigint NOT NULL,
      refunded_quantity integer NOT NULL DEFAULT 0,
      refunded_gross bigint NOT NULL DEFAULT 0,
      CHECK (refunded_quantity BETWEEN 0 AND quantity),
      UNIQUE (sale_id, position)
    );

    CREATE TABLE refunds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      sale_id uuid NOT NULL REFERENCES sales (id),
      amount bigint NOT NULL,
      lines jsonb NOT NULL,
      reason text,
      refunded_by text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX refunds_day ON refunds (tenant_id, created_at);
  `,
}
