-- A web session remembers the token it was derived from, so revoking the token ends its sessions at once;
-- last_used_at lets an admin see which tokens are still in use before revoking them.
ALTER TABLE api_token ADD COLUMN parent_hash CHAR(64);
ALTER TABLE api_token ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX api_token_parent ON api_token (parent_hash);
CREATE INDEX api_token_user ON api_token (user_name);
