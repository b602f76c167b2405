-- A model may give the serials that the service assigns a format of its own, such as
-- a factory prefix before random digits. NULL keeps the default: a random UUID.
ALTER TABLE models ADD COLUMN serial_format VARCHAR(128);

-- The brand's account assertion, as the store signed it, so that the device API can send
-- it with the serial to devices that cannot reach a store.
ALTER TABLE brand_accounts ADD COLUMN account_assertion VARCHAR(65536);
