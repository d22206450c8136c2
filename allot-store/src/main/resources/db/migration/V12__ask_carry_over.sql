-- Asks carry over from one cycle to the next: a copied ask is 'CARRIED' until its lead confirms or edits it.
-- Asks written before this migration were written by their leads: confirmed.
ALTER TABLE ask ADD COLUMN state VARCHAR(16) DEFAULT 'CONFIRMED' NOT NULL;

-- The date by which leads should have confirmed or written their asks; optional.
ALTER TABLE cycle ADD COLUMN ask_deadline DATE;
