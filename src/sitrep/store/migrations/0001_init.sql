-- 0001_init: articles, their sources and paragraphs, runs; actor and event tables, empty until
-- their stages land. Column meanings are documented in docs/architecture.md ("The store").

CREATE TABLE articles (
    article_id        VARCHAR PRIMARY KEY,   -- sha256(fingerprint(text))[:16]
    doc               VARCHAR NOT NULL,      -- the first source's user-facing name
    title             VARCHAR,
    text              VARCHAR NOT NULL,      -- clean text; offsets of all later records point here
    outlet            VARCHAR,
    url               VARCHAR,
    author            VARCHAR,
    language          VARCHAR,
    published         VARCHAR,               -- YYYY-MM-DD | YYYY-MM | YYYY | NULL
    published_precision VARCHAR,             -- day | month | year | NULL
    published_method  VARCHAR,               -- metadata | text | inferred | NULL
    flags             VARCHAR[],
    meta              JSON,
    removed           JSON,                  -- [{kind, text}] the cleaner left out
    raw_text          VARCHAR,               -- the text as read, before cleaning
    source_format     VARCHAR,
    signature         UINTEGER[],            -- MinHash of word 3-shingles, for near-duplicates
    n_chars           INTEGER,
    run_id            VARCHAR,
    ingested_at       TIMESTAMP
);

CREATE TABLE sources (
    source_key  VARCHAR NOT NULL,            -- path#fragment: where the input was read
    article_id  VARCHAR NOT NULL,
    doc         VARCHAR NOT NULL,
    path        VARCHAR NOT NULL,            -- internal; never served by the API
    format      VARCHAR,
    fragment    VARCHAR,
    relation    VARCHAR NOT NULL,            -- primary | exact | near
    similarity  DOUBLE,
    run_id      VARCHAR,
    seen_at     TIMESTAMP,
    PRIMARY KEY (source_key, article_id)
);

CREATE TABLE paragraphs (
    article_id  VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    language    VARCHAR,
    english     BOOLEAN,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE runs (
    run_id      VARCHAR PRIMARY KEY,
    started_at  TIMESTAMP,
    finished_at TIMESTAMP,
    status      VARCHAR,                     -- running | completed | interrupted | failed
    inputs      VARCHAR[],
    report      JSON
);

CREATE TABLE skipped (
    run_id  VARCHAR NOT NULL,
    key     VARCHAR NOT NULL,
    label   VARCHAR,
    reason  VARCHAR,
    kind    VARCHAR                          -- skipped | repaired
);

CREATE TABLE actors (
    actor_id  VARCHAR PRIMARY KEY,           -- Wikidata QID when known, else a slug
    name      VARCHAR NOT NULL,
    kind      VARCHAR,                       -- state | government body | military | ... | person
    code      VARCHAR,                       -- principal: ISO3, or an organisation code (NATO, UN, ISIS)
    sector    VARCHAR,                       -- PLOVER sector: GOV, MIL, REB, ...
    aliases   VARCHAR[],
    roles     JSON                           -- [{role, org_code, start, end, source, evidence}]
);

CREATE TABLE mentions (
    article_id  VARCHAR NOT NULL,
    actor_id    VARCHAR NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        VARCHAR,
    code        VARCHAR,                     -- principal at the article's date
    role        VARCHAR,
    PRIMARY KEY (article_id, start, "end")
);

CREATE TABLE events (
    event_id          VARCHAR PRIMARY KEY,
    cluster_id        VARCHAR,
    article_id        VARCHAR NOT NULL,
    doc               VARCHAR,
    type              VARCHAR NOT NULL,      -- PLOVER event type
    mode              VARCHAR,
    context           VARCHAR[],
    modality          VARCHAR,               -- asserted | negated | hypothetical | future | historical
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
    cameo             VARCHAR
);
