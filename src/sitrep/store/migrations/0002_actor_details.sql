-- 0002_actor_details: how each mention was found, its sector and tense; roles learned from text;
-- the publication date's range and confidence (the dating cascade of the time stage).

ALTER TABLE mentions ADD COLUMN how VARCHAR;          -- kb | ner | role | agent | coref
ALTER TABLE mentions ADD COLUMN sector VARCHAR;
ALTER TABLE mentions ADD COLUMN historical BOOLEAN;
ALTER TABLE mentions ADD COLUMN sentence INTEGER;

CREATE TABLE actor_roles (
    actor_id    VARCHAR NOT NULL,
    role        VARCHAR NOT NULL,
    org_code    VARCHAR,
    start       VARCHAR,                 -- the article's date: the role is attested then
    "end"       VARCHAR,
    source      VARCHAR NOT NULL,        -- text
    evidence    VARCHAR,                 -- the sentence that gives the role
    article_id  VARCHAR NOT NULL,
    PRIMARY KEY (actor_id, role, article_id)
);

ALTER TABLE articles ADD COLUMN published_earliest VARCHAR;
ALTER TABLE articles ADD COLUMN published_latest VARCHAR;
ALTER TABLE articles ADD COLUMN published_confidence DOUBLE;
