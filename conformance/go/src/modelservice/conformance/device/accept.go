package device

import (
	"fmt"

	"github.com/snapcore/snapd/asserts"
)

// OpenDatabase opens the device's assertion database as it is before
// registration: trusted is its root of trust (Canonical's root on a real
// device), known holds what it has from its seed or its store (accounts,
// account-keys), and model is its model, which must check.
func OpenDatabase(trusted, known []asserts.Assertion, model *asserts.Model) (*asserts.Database, error) {
	db, err := asserts.OpenDatabase(&asserts.DatabaseConfig{
		Backstore: asserts.NewMemoryBackstore(),
		Trusted:   trusted,
	})
	if err != nil {
		return nil, fmt.Errorf("cannot open an assertion database with the trusted assertions: %v", err)
	}

	batch := asserts.NewBatch(nil)
	for _, a := range known {
		if err := batch.Add(a); err != nil {
			return nil, fmt.Errorf("cannot add the known %v: %v", a.Ref(), err)
		}
	}
	if err := batch.CommitTo(db, &asserts.CommitOptions{Precheck: true}); err != nil {
		return nil, fmt.Errorf("the known assertions do not chain to the trusted ones: %v", err)
	}

	if err := db.Add(model); err != nil {
		return nil, fmt.Errorf("the model %s/%s does not check against the trusted and known assertions, so no device could boot with it: %v", model.BrandID(), model.Model(), err)
	}
	return db, nil
}

// accept does what devicestate does with a serial from the service: it
// checks that the serial names the device's brand, model and key and an
// authority the model allows, then adds it to the database. With other
// assertions in the response it commits them and the serial as one batch with
// a precheck (acceptSerialPlusBatch). Without them a device fetches the
// signing key's account-key from its store (acceptSerialOnly), which here
// must be among the known assertions.
func (c *Config) accept(serial *asserts.Serial, others []asserts.Assertion) error {
	keyID := c.DeviceKey.PublicKey().ID()
	if serial.BrandID() != c.Model.BrandID() || serial.Model() != c.Model.Model() || serial.DeviceKey().ID() != keyID {
		return fmt.Errorf("obtained serial assertion does not match provided device identity information (brand, model, key id): %s / %s / %s != %s / %s / %s",
			serial.BrandID(), serial.Model(), serial.DeviceKey().ID(), c.Model.BrandID(), c.Model.Model(), keyID)
	}
	if serial.AuthorityID() != serial.BrandID() && !contains(c.Model.SerialAuthority(), serial.AuthorityID()) {
		return fmt.Errorf("obtained serial assertion is signed by authority %q different from brand %q without model assertion with serial-authority set to allow for them",
			serial.AuthorityID(), serial.BrandID())
	}

	if len(others) == 0 {
		if err := c.Database.Add(serial); err != nil {
			return fmt.Errorf("cannot add the serial to the device's assertion database: %v", err)
		}
		return nil
	}

	batch := asserts.NewBatch(nil)
	for _, a := range append(others, serial) {
		if err := batch.Add(a); err != nil {
			return fmt.Errorf("cannot accept stream of assertions from device service: %v", err)
		}
	}
	if err := batch.CommitTo(c.Database, &asserts.CommitOptions{Precheck: true}); err != nil {
		return fmt.Errorf("cannot accept stream of assertions from device service: %v", err)
	}
	return nil
}

func contains(list []string, item string) bool {
	for _, s := range list {
		if s == item {
			return true
		}
	}
	return false
}
