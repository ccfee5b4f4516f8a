-- 0004_child_keys: the tables of what an article holds (its sources, paragraphs, mentions, roles
-- and events) lose their PRIMARY KEYs. Their rows are unique through their article instead:
-- Store.commit writes them only for articles new in that transaction, and a source only when
-- its (source_key, article_id) pair is new. A key index is an ART that every writer connection
-- loads and keeps: over a long run it grew with the store (docs/benchmarks.md, "Memory").
-- DuckDB cannot drop a primary key in place, so each table is rebuilt, columns in their order.

CREATE TABLE sources_0004 (
    source_key  VARCHAR NOT NULL,
    article_id  VARCHAR NOT NULL,
    doc         VARCHAR NOT NULL,
    path        VARCHAR NOT NULL,
    format      VARCHAR,
    fragment    VARCHAR,
    relation    VARCHAR NOT NULL,
    similarity  DOUBLE,
    run_id      VARCHAR,
    seen_at     TIMESTAMP
);
INSERT INTO sources_0004 BY NAME SELECT * FROM sources;
DROP TABLE sources;
ALTER TABLE sources_0004 RENAME TO sources;

CREATE TABLE paragraphs_0004 (
    article_id  VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    language    VARCHAR,
    english     BOOLEAN
);
INSERT INTO paragraphs_0004 BY NAME SELECT * FROM paragraphs;
DROP TABLE paragraphs;
ALTER TABLE paragraphs_0004 RENAME TO paragraphs;

CREATE TABLE mentions_0004 (
    article_id  VARCHAR NOT NULL,
    actor_id    VARCHAR NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR,
    code        VARCHAR,
    role        VARCHAR,
    how         VARCHAR,
    sector      VARCHAR,
    historical  BOOLEAN,
    sentence    INTEGER
);
INSERT INTO mentions_0004 BY NAME SELECT * FROM mentions;
DROP TABLE mentions;
ALTER TABLE mentions_0004 RENAME TO mentions;

CREATE TABLE actor_roles_0004 (
    actor_id    VARCHAR NOT NULL,
    role        VARCHAR NOT NULL,
    org_code    VARCHAR,
    start       VARCHAR,
    "end"       VARCHAR,
    source      VARCHAR NOT NULL,
    evidence    VARCHAR,
    article_id  VARCHAR NOT NULL
);
INSERT INTO actor_roles_0004 BY NAME SELECT * FROM actor_roles;
DROP TABLE actor_roles;
ALTER TABLE actor_roles_0004 RENAME TO actor_roles;

CREATE TABLE events_0004 (
    event_id          VARCHAR NOT NULL,      -- sha256 of article, type, actors, modality, sentence
    cluster_id        VARCHAR,
    article_id        VARCHAR NOT NULL,
    doc               VARCHAR,
    type              VARCHAR NOT NULL,
    mode              VARCHAR,
    context           VARCHAR[],
    modality          VARCHAR,
    source_actor_id   VARCHAR,
    source_name       VARCHAR,
    source_code       VARCHAR,
    source_sector     VARCHAR,
    target_actor_id   VARCHAR,
    target_name       VARCHAR,
    target_code       VARCHAR,
    target_sector     VARCHAR,
    date              VARCHAR,
    date_precision    VARCHAR,
    location_name     VARCHAR,
    location_country  VARCHAR,
    geonames_id       BIGINT,
    lat               DOUBLE,
    lon               DOUBLE,
    location_precision VARCHAR,
    quote             VARCHAR,
    start             INTEGER,
    "end"             INTEGER,
    confidence        DOUBLE,
    intensity         DOUBLE,
    cameo             VARCHAR,
    cue               VARCHAR,
    cue_start         INTEGER,
    mentions          INTEGER
);
INSERT INTO events_0004 BY NAME SELECT * FROM events;
DROP TABLE events;
ALTER TABLE events_0004 RENAME TO events;
