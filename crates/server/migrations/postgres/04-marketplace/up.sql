-- The public marketplace's read model: one row per listing, rewritten in the same transaction
-- as any change to the listing or its commune (postgres/market.rs), so that the pages search
-- 50,000 products without reading the cells column by column. `words` holds the name and the
-- text folded without diacritics, as langso_core::search folds them.
CREATE TABLE market_listings (
    id               text PRIMARY KEY,
    commune_id       text    NOT NULL,
    live             boolean NOT NULL,
    name             text,
    price_dong       bigint,
    unit             text,
    pack_size        text,
    ocop_stars       bigint,
    photos           jsonb   NOT NULL,
    category         text,
    available_from   text,
    commune_name     text,
    commune_district text,
    province         text,
    words            tsvector NOT NULL
);
CREATE INDEX market_listings_words ON market_listings USING gin (words) WHERE live;
CREATE INDEX market_listings_photos ON market_listings USING gin (photos jsonb_path_ops) WHERE live;
CREATE INDEX market_listings_newest ON market_listings (id DESC) WHERE live;
CREATE INDEX market_listings_category ON market_listings (category, id DESC) WHERE live;
CREATE INDEX market_listings_province ON market_listings (province, id DESC) WHERE live;
CREATE INDEX market_listings_commune_newest ON market_listings (commune_id, id DESC) WHERE live;
