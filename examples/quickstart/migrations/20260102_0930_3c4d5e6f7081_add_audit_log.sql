-- revision: 3c4d5e6f7081
-- down_revision: 1a2b3c4d5e6f
-- branch_labels: audit
-- depends_on:
-- message: add audit log

-- migrate:up
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  account_id INTEGER REFERENCES account (id),
  action TEXT NOT NULL
);
CREATE INDEX audit_log_account ON audit_log (account_id);

-- migrate:down
DROP INDEX audit_log_account;
DROP TABLE audit_log;
