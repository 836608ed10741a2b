-- The search vector stored with the post: filtering and ranking read it instead of re-parsing the text
-- of every candidate row, which at a million posts turned a common word's search into seconds.
DROP INDEX posts_text_search;
ALTER TABLE posts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('russian', text)) STORED;
CREATE INDEX posts_search_vector ON posts USING GIN (search_vector);
