-- The words of each case (subject, description, messages, notes) in the search form the domain
-- makes (`ccms_domain::search::Words`), separated by single spaces. PostgreSQL has no Bangla
-- text-search configuration, so it never parses them: the GIN index holds them as a tsvector
-- made word for word (`array_to_tsvector`; a case without words holds an empty string, which
-- `array_remove` keeps out), and a search is a tsquery of whole words.
CREATE TABLE complaint_search (
    doc bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id uuid NOT NULL UNIQUE REFERENCES complaints (id),
    words text NOT NULL
);
CREATE INDEX complaint_search_words ON complaint_search
    USING gin (array_to_tsvector(array_remove(string_to_array(words, ' '), '')));
-- Staff find a case by the complainant's phone number.
CREATE INDEX complaints_phone ON complaints (consumer_phone, id);
