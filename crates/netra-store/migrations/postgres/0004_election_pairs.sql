-- Each election's pairs: ballot number and the candidates' names (head
-- first, then deputy, as a JSON array of strings), so that cases can name
-- the pair a reviewer knows. Written with the election (`upsert_election`);
-- an election stored before this migration has no rows here until it is
-- stored again, and its cases show the ballot number alone.

CREATE TABLE election_pair (
    election_id TEXT NOT NULL REFERENCES election (id),
    number INTEGER NOT NULL,           -- ballot number
    names TEXT NOT NULL,               -- JSON array of the candidates' names
    PRIMARY KEY (election_id, number)
);
