-- eventwire store, schema v1. Documents and the events coded from them.
-- No key constraints: uniqueness of doc_id / id is kept by the writer, which replaces a document and its
-- events in one transaction (DuckDB indexes would slow bulk loads and reject delete+insert of a key).
CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR,
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id        VARCHAR NOT NULL,
    url           VARCHAR,
    title         VARCHAR,
    source        VARCHAR,
    author        VARCHAR,
    published     DATE,
    language      VARCHAR,
    raw_hash      VARCHAR NOT NULL,
    source_path   VARCHAR,
    text          VARCHAR NOT NULL,
    removed_spans JSON,
    dateline      VARCHAR,
    n_events      INTEGER,
    ingested_at   TIMESTAMP,
    note          VARCHAR     -- why a document was not coded (e.g. not English); NULL when it was
);
-- stores written before these columns existed get them here
ALTER TABLE documents ADD COLUMN IF NOT EXISTS note VARCHAR;
-- near-duplicates (the same wire story with small edits): MinHash of word 3-shingles, and the first copy
ALTER TABLE documents ADD COLUMN IF NOT EXISTS minhash BIGINT[];
ALTER TABLE documents ADD COLUMN IF NOT EXISTS duplicate_of VARCHAR;
-- where the story is (dateline, else the place it names most): incidents place events that name none there
ALTER TABLE documents ADD COLUMN IF NOT EXISTS place JSON;
-- the proper names the story gives (resolve/proper_names.py): reports that cannot be placed meet on them
ALTER TABLE documents ADD COLUMN IF NOT EXISTS names VARCHAR[];

CREATE TABLE IF NOT EXISTS events (
    id              VARCHAR NOT NULL,
    doc_id          VARCHAR NOT NULL,
    date            DATE,
    date_precision  VARCHAR,
    event           VARCHAR NOT NULL,
    mode            VARCHAR,
    aux_mode        VARCHAR,
    actor_codes     VARCHAR[],
    recipient_codes VARCHAR[],
    country_code    VARCHAR,
    lat             DOUBLE,
    lon             DOUBLE,
    dead            INTEGER,
    injured         INTEGER,
    arrested        INTEGER,
    quad_code       TINYINT,
    cameo           VARCHAR,
    confidence      DOUBLE,
    start_char      INTEGER,
    record          JSON NOT NULL
);

-- Incidents: events from different reports grouped as one real-world event (store/incidents.py); rebuilt
-- after every ingest. events.incident_id points here.
CREATE TABLE IF NOT EXISTS incidents (
    incident_id     VARCHAR NOT NULL,
    event           VARCHAR NOT NULL,
    date            DATE,
    place           VARCHAR,
    country_code    VARCHAR,
    lat             DOUBLE,
    lon             DOUBLE,
    resolution      TINYINT,
    dead            INTEGER,
    dead_high       INTEGER,
    injured         INTEGER,
    injured_high    INTEGER,
    arrested        INTEGER,
    arrested_high   INTEGER,
    actor_codes     VARCHAR[],
    recipient_codes VARCHAR[],
    n_events        INTEGER,
    n_documents     INTEGER,
    n_sources       INTEGER,
    event_ids       VARCHAR[]
);
ALTER TABLE events ADD COLUMN IF NOT EXISTS incident_id VARCHAR;
