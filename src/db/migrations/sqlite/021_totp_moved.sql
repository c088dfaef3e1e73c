-- Privacy (issue 14): a two-step login secret is sealed with the server's
-- key and stays behind when an organisation moves to another kring
-- (kring export): the person arrives with two-step login off and this mark,
-- so kring tells them, in Dutch, to set it up again. Cleared when they do.
ALTER TABLE persons ADD COLUMN totp_moved INTEGER NOT NULL DEFAULT 0;
