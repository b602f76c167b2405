package teststore_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/snapcore/snapd/asserts"

	"modelservice/conformance/keyfile"
	"modelservice/conformance/teststore"
)

const brand = "gizmo-brand"

func initStore(t *testing.T) *teststore.Store {
	t.Helper()
	s, err := teststore.Init(t.TempDir(), brand, keyfile.MinBits, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// accountKeyRequest returns an account-key-request for k, signed by signer.
func accountKeyRequest(t *testing.T, accountID string, k, signer keyfile.Key) asserts.Assertion {
	t.Helper()
	encoded, err := asserts.EncodePublicKey(k.Private.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	request, err := asserts.SignWithoutAuthority(asserts.AccountKeyRequestType, map[string]interface{}{
		"account-id":          accountID,
		"name":                "serials",
		"public-key-sha3-384": k.ID(),
		"since":               "2025-01-02T03:04:05Z",
	}, encoded, signer.Private)
	if err != nil {
		t.Fatal(err)
	}
	return request
}

func newKey(t *testing.T) keyfile.Key {
	t.Helper()
	k, err := keyfile.Generate(keyfile.MinBits)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestInitChainChecks(t *testing.T) {
	s := initStore(t)

	if _, err := s.OpenDatabase(); err != nil {
		t.Errorf("the known assertions do not chain to the root: %v", err)
	}
}

func TestInitRejectsExistingStore(t *testing.T) {
	s := initStore(t)

	_, err := teststore.Init(s.Dir, brand, keyfile.MinBits, time.Now())

	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("error %v, expected init to reject a folder that holds a store", err)
	}
}

func TestOpenReadsInit(t *testing.T) {
	s := initStore(t)

	opened, err := teststore.Open(s.Dir)

	if err != nil {
		t.Fatal(err)
	}
	if opened.BrandID != brand {
		t.Errorf("brand %q, expected %q", opened.BrandID, brand)
	}
}

func TestSignedModelChecks(t *testing.T) {
	s := initStore(t)
	db, err := s.OpenDatabase()
	if err != nil {
		t.Fatal(err)
	}

	model, err := s.SignModel(teststore.ModelOptions{Model: "gizmo", SerialAuthority: []string{"gizmo-factory"}}, time.Now())

	if err != nil {
		t.Fatal(err)
	}
	if err := db.Check(model); err != nil {
		t.Errorf("the model does not check: %v", err)
	}
	if got := model.Header("serial-authority"); !reflect.DeepEqual(got, []interface{}{"gizmo-factory"}) {
		t.Errorf("serial-authority %v, expected [gizmo-factory]", got)
	}
}

func TestSignAccountKey(t *testing.T) {
	s := initStore(t)
	k := newKey(t)
	db, err := s.OpenDatabase()
	if err != nil {
		t.Fatal(err)
	}

	accountKey, err := s.SignAccountKey(accountKeyRequest(t, brand, k, k))

	if err != nil {
		t.Fatal(err)
	}
	if err := db.Check(accountKey); err != nil {
		t.Errorf("the account-key does not check: %v", err)
	}
	if got := accountKey.(*asserts.AccountKey).PublicKeyID(); got != k.ID() {
		t.Errorf("public-key-sha3-384 %s, expected %s", got, k.ID())
	}
	if got := accountKey.HeaderString("since"); got != "2025-01-02T03:04:05Z" {
		t.Errorf("since %s, expected the request's", got)
	}
}

func TestSignAccountKeyRejectsOtherAccount(t *testing.T) {
	s := initStore(t)
	k := newKey(t)

	_, err := s.SignAccountKey(accountKeyRequest(t, "other-brand", k, k))

	if err == nil || !strings.Contains(err.Error(), `for account "other-brand"`) {
		t.Errorf("error %v, expected a rejection naming the account", err)
	}
}

func TestSignAccountKeyRejectsTamperedRequest(t *testing.T) {
	s := initStore(t)
	k := newKey(t)
	encoded := asserts.Encode(accountKeyRequest(t, brand, k, k))
	tampered, err := asserts.Decode(bytes.Replace(encoded, []byte("name: serials\n"), []byte("name: serialz\n"), 1))
	if err != nil {
		t.Fatal(err)
	}

	_, err = s.SignAccountKey(tampered)

	if err == nil || !strings.Contains(err.Error(), "signature does not verify") {
		t.Errorf("error %v, expected a signature failure", err)
	}
}

func TestSignAccountKeyRejectsOtherType(t *testing.T) {
	s := initStore(t)

	_, err := s.SignAccountKey(s.Known()[0])

	if err == nil || !strings.Contains(err.Error(), "expected an account-key-request") {
		t.Errorf("error %v, expected a rejection of the account assertion", err)
	}
}
