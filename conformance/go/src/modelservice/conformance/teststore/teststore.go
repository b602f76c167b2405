// Package teststore plays Canonical's store for the device registration
// tests: a test root of trust, a brand account below it, the brand's key for
// models, and the account-keys the store signs for registered keys. Every
// assertion is signed by snapd's own asserts package.
//
// A store lives in a folder:
//
//	root.assert    the root account and its self-signed account-key, the trusted set
//	root.key       the root's private key
//	brand.account  the brand's account, signed by the root
//	known.assert   the brand's account and the account-key of its models key,
//	               the chain a device needs besides the serial's account-key
//	models.key     the private key that signs the brand's models
//
// Private keys are PKCS#8 PEM files (package keyfile).
package teststore

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/snapcore/snapd/asserts"

	"modelservice/conformance/assertfile"
	"modelservice/conformance/keyfile"
)

// File names inside a store folder.
const (
	TrustedFile      = "root.assert"
	RootKeyFile      = "root.key"
	BrandAccountFile = "brand.account"
	KnownFile        = "known.assert"
	ModelsKeyFile    = "models.key"
)

// RootID is the account id of the test root, which signs accounts and
// account-keys as Canonical's root does.
const RootID = "conformance-root"

// ModelsKeyName is the name of the brand's account-key for its models key.
const ModelsKeyName = "models"

// keyValidityMargin back-dates the since of the account-keys that init
// writes, so an assertion signed in the same second is within the key's
// validity even when clocks differ slightly.
const keyValidityMargin = time.Hour

// Store is an open store folder.
type Store struct {
	Dir     string
	BrandID string

	rootKey   keyfile.Key
	modelsKey keyfile.Key

	trusted []asserts.Assertion
	known   []asserts.Assertion

	// signer holds the private keys and signs with them; it checks nothing.
	signer *asserts.Database
}

// Init creates a store in dir for brand brandID with new keys of keyBits bits
// and writes its files, which must not exist yet.
func Init(dir, brandID string, keyBits int, now time.Time) (*Store, error) {
	if err := checkNotInitialized(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}

	rootKey, err := keyfile.Generate(keyBits)
	if err != nil {
		return nil, err
	}
	modelsKey, err := keyfile.Generate(keyBits)
	if err != nil {
		return nil, err
	}
	s, err := newStore(dir, brandID, rootKey, modelsKey)
	if err != nil {
		return nil, err
	}

	if err := s.makeChain(now.UTC().Truncate(time.Second)); err != nil {
		return nil, err
	}
	if err := s.write(); err != nil {
		return nil, err
	}
	return s, nil
}

func checkNotInitialized(dir string) error {
	for _, name := range []string{TrustedFile, RootKeyFile, BrandAccountFile, KnownFile, ModelsKeyFile} {
		path := filepath.Join(dir, name)
		if _, err := os.Stat(path); err == nil {
			return fmt.Errorf("%s already exists: give an empty folder to init, or use the store in %s as it is", path, dir)
		}
	}
	return nil
}

func newStore(dir, brandID string, rootKey, modelsKey keyfile.Key) (*Store, error) {
	signer, err := asserts.OpenDatabase(&asserts.DatabaseConfig{})
	if err != nil {
		return nil, err
	}
	for _, k := range []keyfile.Key{rootKey, modelsKey} {
		if err := signer.ImportKey(k.Private); err != nil {
			return nil, err
		}
	}
	return &Store{Dir: dir, BrandID: brandID, rootKey: rootKey, modelsKey: modelsKey, signer: signer}, nil
}

// makeChain signs the root's account and self-signed account-key, the
// brand's account and the account-key of the brand's models key.
func (s *Store) makeChain(now time.Time) error {
	rootAccount, err := s.signAccount(RootID, "Conformance Root", now)
	if err != nil {
		return err
	}
	since := now.Add(-keyValidityMargin).Format(time.RFC3339)
	rootAccountKey, err := s.signAccountKeyFor(RootID, "root", s.rootKey, since)
	if err != nil {
		return err
	}
	brandAccount, err := s.signAccount(s.BrandID, s.BrandID, now)
	if err != nil {
		return err
	}
	modelsAccountKey, err := s.signAccountKeyFor(s.BrandID, ModelsKeyName, s.modelsKey, since)
	if err != nil {
		return err
	}

	s.trusted = []asserts.Assertion{rootAccount, rootAccountKey}
	s.known = []asserts.Assertion{brandAccount, modelsAccountKey}
	return nil
}

func (s *Store) signAccount(accountID, displayName string, now time.Time) (asserts.Assertion, error) {
	return s.sign(asserts.AccountType, map[string]interface{}{
		"authority-id": RootID,
		"account-id":   accountID,
		"username":     accountID,
		"display-name": displayName,
		"validation":   "verified",
		"timestamp":    now.Format(time.RFC3339),
	}, nil, s.rootKey)
}

func (s *Store) signAccountKeyFor(accountID, name string, k keyfile.Key, since string) (asserts.Assertion, error) {
	encoded, err := asserts.EncodePublicKey(k.Private.PublicKey())
	if err != nil {
		return nil, err
	}
	return s.sign(asserts.AccountKeyType, map[string]interface{}{
		"authority-id":        RootID,
		"account-id":          accountID,
		"name":                name,
		"public-key-sha3-384": k.ID(),
		"since":               since,
	}, encoded, s.rootKey)
}

func (s *Store) sign(assertType *asserts.AssertionType, headers map[string]interface{}, body []byte, k keyfile.Key) (asserts.Assertion, error) {
	a, err := s.signer.Sign(assertType, headers, body, k.ID())
	if err != nil {
		return nil, fmt.Errorf("cannot sign the %s assertion: %v", assertType.Name, err)
	}
	return a, nil
}

func (s *Store) write() error {
	if err := keyfile.Write(filepath.Join(s.Dir, RootKeyFile), s.rootKey); err != nil {
		return err
	}
	if err := keyfile.Write(filepath.Join(s.Dir, ModelsKeyFile), s.modelsKey); err != nil {
		return err
	}
	if err := assertfile.WriteStream(filepath.Join(s.Dir, TrustedFile), s.trusted); err != nil {
		return err
	}
	if err := assertfile.WriteOne(filepath.Join(s.Dir, BrandAccountFile), s.known[0]); err != nil {
		return err
	}
	return assertfile.WriteStream(filepath.Join(s.Dir, KnownFile), s.known)
}

// Open opens the store that Init wrote into dir.
func Open(dir string) (*Store, error) {
	rootKey, err := keyfile.Read(filepath.Join(dir, RootKeyFile))
	if err != nil {
		return nil, fmt.Errorf("cannot open the store in %s (run init first): %v", dir, err)
	}
	modelsKey, err := keyfile.Read(filepath.Join(dir, ModelsKeyFile))
	if err != nil {
		return nil, fmt.Errorf("cannot open the store in %s (run init first): %v", dir, err)
	}
	brandAccount, err := assertfile.ReadOne(filepath.Join(dir, BrandAccountFile), asserts.AccountType)
	if err != nil {
		return nil, err
	}

	s, err := newStore(dir, brandAccount.(*asserts.Account).AccountID(), rootKey, modelsKey)
	if err != nil {
		return nil, err
	}
	if s.trusted, err = assertfile.ReadAll(filepath.Join(dir, TrustedFile)); err != nil {
		return nil, err
	}
	if s.known, err = assertfile.ReadAll(filepath.Join(dir, KnownFile)); err != nil {
		return nil, err
	}
	return s, nil
}

// Trusted returns the root of trust: the root's account and self-signed
// account-key.
func (s *Store) Trusted() []asserts.Assertion {
	return s.trusted
}

// Known returns the brand's account and the account-key of its models key.
func (s *Store) Known() []asserts.Assertion {
	return s.known
}

// OpenDatabase opens an in-memory assertion database that trusts the root and
// holds the known assertions, as a device's database does after seeding.
func (s *Store) OpenDatabase() (*asserts.Database, error) {
	db, err := asserts.OpenDatabase(&asserts.DatabaseConfig{
		Backstore: asserts.NewMemoryBackstore(),
		Trusted:   s.trusted,
	})
	if err != nil {
		return nil, err
	}
	batch := asserts.NewBatch(nil)
	for _, a := range s.known {
		if err := batch.Add(a); err != nil {
			return nil, err
		}
	}
	if err := batch.CommitTo(db, &asserts.CommitOptions{Precheck: true}); err != nil {
		return nil, fmt.Errorf("the store's %s does not chain to its %s: %v", KnownFile, TrustedFile, err)
	}
	return db, nil
}

// ModelOptions are the variable parts of a model assertion.
type ModelOptions struct {
	// Model is the model name.
	Model string
	// SerialAuthority lists the accounts besides the brand that may sign the
	// model's serials; empty leaves the header out.
	SerialAuthority []string
	// Revision is the assertion's revision, 0 for the first.
	Revision int
}

// SignModel signs a series-16 style model assertion (no grade) with the
// brand's models key, valid for snapd 2.57.6.
func (s *Store) SignModel(opts ModelOptions, now time.Time) (asserts.Assertion, error) {
	if strings.TrimSpace(opts.Model) == "" {
		return nil, fmt.Errorf("missing model name: give the model's name")
	}
	headers := map[string]interface{}{
		"authority-id": s.BrandID,
		"series":       "16",
		"brand-id":     s.BrandID,
		"model":        opts.Model,
		"architecture": "amd64",
		"gadget":       "pc",
		"kernel":       "pc-kernel",
		"timestamp":    now.UTC().Format(time.RFC3339),
	}
	if len(opts.SerialAuthority) > 0 {
		authorities := make([]interface{}, len(opts.SerialAuthority))
		for i, id := range opts.SerialAuthority {
			authorities[i] = id
		}
		headers["serial-authority"] = authorities
	}
	if opts.Revision > 0 {
		headers["revision"] = fmt.Sprint(opts.Revision)
	}
	return s.sign(asserts.ModelType, headers, nil, s.modelsKey)
}

// SignAccountKey checks an account-key-request as the store does when a key
// is registered and returns the account-key for its key, signed by the root,
// with the request's name, since and until.
func (s *Store) SignAccountKey(request asserts.Assertion) (asserts.Assertion, error) {
	req, ok := request.(*asserts.AccountKeyRequest)
	if !ok {
		return nil, fmt.Errorf("a %s assertion, expected an account-key-request", request.Type().Name)
	}
	if err := s.checkAccountKeyRequest(req); err != nil {
		return nil, err
	}

	headers := map[string]interface{}{
		"authority-id":        RootID,
		"account-id":          req.AccountID(),
		"name":                req.Name(),
		"public-key-sha3-384": req.PublicKeyID(),
		"since":               req.HeaderString("since"),
	}
	if until := req.HeaderString("until"); until != "" {
		headers["until"] = until
	}
	return s.sign(asserts.AccountKeyType, headers, req.Body(), s.rootKey)
}

// checkAccountKeyRequest checks that the request is for the brand, is signed
// by the key it registers, and that its account exists.
func (s *Store) checkAccountKeyRequest(req *asserts.AccountKeyRequest) error {
	if req.AccountID() != s.BrandID {
		return fmt.Errorf("the account-key-request is for account %q but this store serves brand %q", req.AccountID(), s.BrandID)
	}
	if req.SignKeyID() != req.PublicKeyID() {
		return fmt.Errorf("the account-key-request is signed by key %s, not by the key %s it registers", req.SignKeyID(), req.PublicKeyID())
	}

	// The body is the key to register, and decoding already checked that its
	// id is public-key-sha3-384.
	key, err := asserts.DecodePublicKey(req.Body())
	if err != nil {
		return fmt.Errorf("invalid public key in the account-key-request: %v", err)
	}
	if err := asserts.SignatureCheck(req, key); err != nil {
		return fmt.Errorf("the account-key-request's signature does not verify with its own key %s: %v", req.PublicKeyID(), err)
	}

	db, err := s.OpenDatabase()
	if err != nil {
		return err
	}
	if err := db.Check(req); err != nil {
		return fmt.Errorf("the account-key-request does not check: %v", err)
	}
	return nil
}
