package main

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"strings"
	"time"

	"github.com/snapcore/snapd/asserts"
)

// Key sizes. Brand keys are RSA-4096 in production, so the brand's main key is
// too. The other keys are 2048 bits, because Go takes seconds per 4096-bit key
// and snapd accepts any RSA size from an in-memory key.
const (
	brandKeyBits = 4096
	testKeyBits  = 2048
)

// Account ids of the generated chain of trust.
const (
	rootID         = "conformance-root"
	brandID        = "acme-devices"
	factoryID      = "acme-factory"
	otherFactoryID = "other-factory"
)

// key is a generated RSA key pair in the two forms the generator needs: snapd's
// for signing, Go's for the modulus size.
type key struct {
	private asserts.PrivateKey
	rsa     *rsa.PrivateKey
}

func (k key) id() string {
	return k.private.PublicKey().ID()
}

// authority is an account that signs assertions with the key its account-key
// binds to it.
type authority struct {
	id         string
	key        key
	account    asserts.Assertion
	accountKey asserts.Assertion
}

// world holds every key, authority and model the cases are made from, and one
// in-memory snapd database that holds all private keys and signs with them.
type world struct {
	now    time.Time
	signer *asserts.Database

	root, brand, factory, otherFactory authority

	// brandStreamKey is a second brand key whose account-key travels only
	// inside a serial-stream case, as a serial service sends it.
	brandStreamKey key
	// brandRetiredKey has an account-key that expired a day ago.
	brandRetiredKey key
	// unknownKey has no account-key anywhere.
	unknownKey key
	deviceKey  key
	// requestKey is the key of the account-key-request cases.
	requestKey key

	modelSeries16, modelGrade asserts.Assertion
	retiredAccountKey         asserts.Assertion
	streamAccountKey          asserts.Assertion
}

func newWorld(now time.Time) (*world, error) {
	signer, err := asserts.OpenDatabase(&asserts.DatabaseConfig{})
	if err != nil {
		return nil, err
	}
	w := &world{now: now, signer: signer}

	keys := []struct {
		target *key
		bits   int
	}{
		{&w.root.key, testKeyBits},
		{&w.brand.key, brandKeyBits},
		{&w.factory.key, testKeyBits},
		{&w.otherFactory.key, testKeyBits},
		{&w.brandStreamKey, testKeyBits},
		{&w.brandRetiredKey, testKeyBits},
		{&w.unknownKey, testKeyBits},
		{&w.deviceKey, testKeyBits},
		{&w.requestKey, testKeyBits},
	}
	for _, k := range keys {
		if *k.target, err = w.generateKey(k.bits); err != nil {
			return nil, err
		}
	}

	if err := w.makeAuthorities(); err != nil {
		return nil, err
	}
	if err := w.makeBrandKeys(); err != nil {
		return nil, err
	}
	if err := w.makeModels(); err != nil {
		return nil, err
	}
	return w, nil
}

func (w *world) generateKey(bits int) (key, error) {
	private, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		return key{}, fmt.Errorf("cannot generate an RSA-%d key: %v", bits, err)
	}
	k := key{private: asserts.RSAPrivateKey(private), rsa: private}
	if err := w.signer.ImportKey(k.private); err != nil {
		return key{}, err
	}
	return k, nil
}

func (w *world) timestamp(offset time.Duration) string {
	return w.now.Add(offset).Format(time.RFC3339)
}

// sign signs with k as the authority named in headers["authority-id"].
func (w *world) sign(assertType *asserts.AssertionType, headers map[string]interface{}, body []byte, k key) (asserts.Assertion, error) {
	a, err := w.signer.Sign(assertType, headers, body, k.id())
	if err != nil {
		return nil, fmt.Errorf("cannot sign %s: %v", assertType.Name, err)
	}
	return a, nil
}

// makeAuthorities makes the root (its account-key self-signed) and the three
// accounts below it, each with an account-key signed by the root.
func (w *world) makeAuthorities() error {
	w.root.id = rootID
	w.brand.id = brandID
	w.factory.id = factoryID
	w.otherFactory.id = otherFactoryID

	for _, a := range []*authority{&w.root, &w.brand, &w.factory, &w.otherFactory} {
		var err error
		a.account, err = w.sign(asserts.AccountType, map[string]interface{}{
			"authority-id": rootID,
			"account-id":   a.id,
			"username":     a.id,
			"display-name": strings.ToUpper(a.id[:1]) + a.id[1:],
			"validation":   "verified",
			"timestamp":    w.timestamp(0),
		}, nil, w.root.key)
		if err != nil {
			return err
		}

		a.accountKey, err = w.accountKey(a.id, "signing", a.key, w.timestamp(-24*time.Hour), "")
		if err != nil {
			return err
		}
	}
	return nil
}

// accountKey signs, with the root key, an account-key for k; an empty until
// leaves the key valid forever.
func (w *world) accountKey(accountID, name string, k key, since, until string) (asserts.Assertion, error) {
	encoded, err := asserts.EncodePublicKey(k.private.PublicKey())
	if err != nil {
		return nil, err
	}
	headers := map[string]interface{}{
		"authority-id":        rootID,
		"account-id":          accountID,
		"name":                name,
		"public-key-sha3-384": k.id(),
		"since":               since,
	}
	if until != "" {
		headers["until"] = until
	}
	return w.sign(asserts.AccountKeyType, headers, encoded, w.root.key)
}

func (w *world) makeBrandKeys() error {
	var err error
	w.retiredAccountKey, err = w.accountKey(brandID, "retired", w.brandRetiredKey, w.timestamp(-72*time.Hour), w.timestamp(-24*time.Hour))
	if err != nil {
		return err
	}
	w.streamAccountKey, err = w.accountKey(brandID, "stream", w.brandStreamKey, w.timestamp(-24*time.Hour), "")
	return err
}

// makeModels signs a series-16 style model and a grade model. Next to snapd's
// own headers, the series-16 model carries extra headers, which snapd decodes
// and ignores, to cover multi-line text, empty and padded values, and nested
// lists and maps.
func (w *world) makeModels() error {
	var err error
	w.modelSeries16, err = w.sign(asserts.ModelType, map[string]interface{}{
		"authority-id":     brandID,
		"series":           "16",
		"brand-id":         brandID,
		"model":            "gizmo-16",
		"display-name":     "Gizmo 16 — Zürich edition",
		"architecture":     "amd64",
		"gadget":           "gizmo-gadget",
		"kernel":           "gizmo-kernel=20",
		"required-snaps":   []interface{}{"gizmo-agent", "network-manager"},
		"serial-authority": []interface{}{brandID, factoryID},
		"timestamp":        w.timestamp(0),
		"notes":            "first line\n\n  indented after a blank line\n- not a list item\nkey: not a map entry\nends with a newline\n",
		"empty-note":       "",
		"padded-note":      "  two leading spaces and one trailing ",
		"factory-lines": map[string]interface{}{
			"line-2":  "offline\nfor repairs",
			"line-1":  map[string]interface{}{"station": "A", "tests": []interface{}{"boot", "wifi"}},
			"a-first": "sorts before line-1",
		},
		"matrix": []interface{}{
			"a",
			[]interface{}{"b", "c"},
			map[string]interface{}{"d": "e"},
			"multi\nline",
		},
	}, nil, w.brand.key)
	if err != nil {
		return err
	}

	w.modelGrade, err = w.sign(asserts.ModelType, map[string]interface{}{
		"authority-id":   brandID,
		"series":         "16",
		"brand-id":       brandID,
		"model":          "gizmo-20",
		"display-name":   "Gizmo 20",
		"architecture":   "arm64",
		"base":           "core20",
		"grade":          "signed",
		"storage-safety": "prefer-encrypted",
		"snaps": []interface{}{
			modelSnap("gizmo-kernel", "kernel", "20", nil),
			modelSnap("gizmo-gadget", "gadget", "20/stable", nil),
			modelSnap("core20", "base", "", nil),
			modelSnap("snapd", "snapd", "", nil),
			modelSnap("gizmo-agent", "app", "2.0", map[string]interface{}{
				"modes":    []interface{}{"run", "ephemeral"},
				"presence": "optional",
			}),
		},
		"timestamp": w.timestamp(0),
	}, nil, w.brand.key)
	return err
}

// modelSnap returns one entry of a grade model's "snaps" header, with a made-up
// snap id of 32 letters derived from the name.
func modelSnap(name, snapType, channel string, extra map[string]interface{}) map[string]interface{} {
	letters := strings.ReplaceAll(name, "-", "") + strings.Repeat("x", 32)
	entry := map[string]interface{}{
		"name": name,
		"id":   letters[:32],
		"type": snapType,
	}
	if channel != "" {
		entry["default-channel"] = channel
	}
	for k, v := range extra {
		entry[k] = v
	}
	return entry
}

// trusted returns the root of trust: the root account and its self-signed
// account-key.
func (w *world) trusted() []asserts.Assertion {
	return []asserts.Assertion{w.root.account, w.root.accountKey}
}

// known returns what a device learns besides the root: the accounts and
// account-keys below the root, and the models.
func (w *world) known() []asserts.Assertion {
	known := []asserts.Assertion{}
	for _, a := range []authority{w.brand, w.factory, w.otherFactory} {
		known = append(known, a.account, a.accountKey)
	}
	return append(known, w.retiredAccountKey, w.modelSeries16, w.modelGrade)
}
