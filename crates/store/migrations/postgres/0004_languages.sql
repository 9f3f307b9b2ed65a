-- The language a page was read in: its translation's tag (`de`), or NULL
-- for the guide as written. Lets the dashboard split figures by language.
ALTER TABLE events ADD COLUMN lang TEXT;
ALTER TABLE feedback ADD COLUMN lang TEXT;
