-- A model may let a serial that another device already has be signed again, as a
-- new revision of the serial assertion, instead of rejecting the request. Existing
-- models keep rejecting it.
ALTER TABLE models ADD COLUMN allows_serial_revisions BOOLEAN DEFAULT FALSE NOT NULL;

-- A device key has at most one serial per model, so a device that sends a second
-- request gets the serial it was given and two concurrent requests cannot give it two.
ALTER TABLE signing_log ADD CONSTRAINT uq_signing_log_device_key
    UNIQUE (brand_account_id, model_name, device_key_id);
