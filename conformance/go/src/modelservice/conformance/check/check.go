// Package check runs snapd's own asserts package over a conformance case
// folder, doing what a device (or, for self-signed requests, a serial
// service) does with each file.
package check

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"

	"github.com/snapcore/snapd/asserts"

	"modelservice/conformance/manifest"
)

// Result is snapd's verdict on one case file.
type Result struct {
	// Assertions holds what decoded, in file order; nil when decoding failed.
	Assertions []asserts.Assertion
	// Stage is the stage at which snapd rejected the file, empty when it
	// accepted it.
	Stage string
	// Err is snapd's reason for the rejection.
	Err error
}

// Accepted returns whether snapd decoded and verified the file.
func (r Result) Accepted() bool {
	return r.Err == nil
}

func rejected(stage string, assertions []asserts.Assertion, err error) Result {
	return Result{Assertions: assertions, Stage: stage, Err: err}
}

// OpenDatabase opens an in-memory assertion database whose root of trust is the
// trusted files, as snapd's compiled-in Canonical root is on a device, and adds
// the known files to it with the same prerequisite-ordered batch a device uses
// for a serial-stream response.
func OpenDatabase(dir string, m *manifest.Manifest) (*asserts.Database, error) {
	var trusted []asserts.Assertion
	for _, name := range m.Trusted {
		assertions, err := readStream(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("trusted file %s: %v", name, err)
		}
		trusted = append(trusted, assertions...)
	}

	db, err := asserts.OpenDatabase(&asserts.DatabaseConfig{
		Backstore: asserts.NewMemoryBackstore(),
		Trusted:   trusted,
	})
	if err != nil {
		return nil, fmt.Errorf("cannot open an assertion database with the trusted files: %v", err)
	}

	batch := asserts.NewBatch(nil)
	for _, name := range m.Known {
		assertions, err := readStream(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("known file %s: %v", name, err)
		}
		for _, a := range assertions {
			if err := batch.Add(a); err != nil {
				return nil, fmt.Errorf("known file %s: cannot add %v: %v", name, a.Ref(), err)
			}
		}
	}
	if err := batch.CommitTo(db, &asserts.CommitOptions{Precheck: true}); err != nil {
		return nil, fmt.Errorf("the known files do not check against the trusted ones: %v", err)
	}
	return db, nil
}

func readStream(path string) ([]asserts.Assertion, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	assertions, err := decodeStream(data)
	if err != nil {
		return nil, err
	}
	if len(assertions) == 0 {
		return nil, fmt.Errorf("the file contains no assertion")
	}
	return assertions, nil
}

func decodeStream(data []byte) ([]asserts.Assertion, error) {
	var assertions []asserts.Assertion
	decoder := asserts.NewDecoder(bytes.NewReader(data))
	for {
		a, err := decoder.Decode()
		if err == io.EOF {
			return assertions, nil
		}
		if err != nil {
			return nil, err
		}
		assertions = append(assertions, a)
	}
}

// Run decodes and verifies the file of case c. An error means the case itself
// is broken (a file is missing, the public key file does not decode), not that
// snapd rejected the assertion.
func Run(dir string, db *asserts.Database, c manifest.Case) (Result, error) {
	data, err := os.ReadFile(filepath.Join(dir, c.File))
	if err != nil {
		return Result{}, err
	}

	assertions, err := decodeFile(data)
	if err != nil {
		return rejected(manifest.StageDecode, nil, err), nil
	}

	switch c.Check {
	case manifest.CheckDatabase:
		err = checkWithDatabase(db, assertions)
	case manifest.CheckSelf:
		err = checkSelfSigned(db, assertions)
	case manifest.CheckPublicKey:
		var key asserts.PublicKey
		key, err = readPublicKey(filepath.Join(dir, c.PublicKeyFile))
		if err != nil {
			return Result{}, err
		}
		err = checkWithPublicKey(key, assertions)
	default:
		return Result{}, fmt.Errorf("unknown check %q", c.Check)
	}
	if err != nil {
		return rejected(manifest.StageVerify, assertions, err), nil
	}
	return Result{Assertions: assertions}, nil
}

// decodeFile decodes a file with the stream decoder that a device uses for a
// serial service's response. A file of one assertion is also decoded with
// asserts.Decode, which snapd uses for single stored assertions, and both
// decoders must accept it and agree on its bytes.
func decodeFile(data []byte) ([]asserts.Assertion, error) {
	stream, err := decodeStream(data)
	if err != nil {
		return nil, fmt.Errorf("asserts.NewDecoder: %v", err)
	}
	if len(stream) == 0 {
		return nil, fmt.Errorf("asserts.NewDecoder: the file contains no assertion")
	}
	if len(stream) > 1 {
		return stream, nil
	}

	single, err := asserts.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("asserts.Decode: %v", err)
	}
	if !bytes.Equal(asserts.Encode(single), asserts.Encode(stream[0])) {
		return nil, fmt.Errorf("asserts.Decode and asserts.NewDecoder read different assertions from the file")
	}
	return []asserts.Assertion{single}, nil
}

// checkWithDatabase runs the database's checks as a device does: one assertion
// with Database.Check, a stream as a batch committed with a full precheck, as
// snapd commits a serial-stream response.
func checkWithDatabase(db *asserts.Database, assertions []asserts.Assertion) error {
	if len(assertions) == 1 {
		return db.Check(assertions[0])
	}

	batch := asserts.NewBatch(nil)
	for _, a := range assertions {
		if err := batch.Add(a); err != nil {
			return err
		}
	}
	// Committing to a stacked database keeps the stream's assertions out of
	// the cases that follow.
	isolated := db.WithStackedBackstore(asserts.NewMemoryBackstore())
	return batch.CommitTo(isolated, &asserts.CommitOptions{Precheck: true})
}

// checkSelfSigned verifies a self-signed request the way its receiver does in
// snapd 2.57.6. A serial service calls asserts.SignatureCheck with the
// serial-request's device key (snapd's tests/lib/fakedevicesvc). The database
// checks an account-key-request with the key in its body, and needs the
// request's account for that.
func checkSelfSigned(db *asserts.Database, assertions []asserts.Assertion) error {
	if len(assertions) != 1 {
		return fmt.Errorf("check %q needs exactly one assertion, the file contains %d", manifest.CheckSelf, len(assertions))
	}

	switch request := assertions[0].(type) {
	case *asserts.SerialRequest:
		return asserts.SignatureCheck(request, request.DeviceKey())
	case *asserts.AccountKeyRequest:
		key, err := asserts.DecodePublicKey(request.Body())
		if err != nil {
			return err
		}
		if err := asserts.SignatureCheck(request, key); err != nil {
			return err
		}
		return checkAccountKeyRequestInDatabase(db, request)
	default:
		return fmt.Errorf("check %q applies to serial-request and account-key-request, not to %s", manifest.CheckSelf, request.Type().Name)
	}
}

// checkAccountKeyRequestInDatabase adds the database's own check when the
// request's account is known. Without the account, only the signature is
// checked.
func checkAccountKeyRequestInDatabase(db *asserts.Database, request *asserts.AccountKeyRequest) error {
	_, err := db.Find(asserts.AccountType, map[string]string{"account-id": request.AccountID()})
	if asserts.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return db.Check(request)
}

func readPublicKey(path string) (asserts.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	key, err := asserts.DecodePublicKey(bytes.TrimSpace(data))
	if err != nil {
		return nil, fmt.Errorf("public key file %s: %v", path, err)
	}
	return key, nil
}

// checkWithPublicKey also requires the key's id in sign-key-sha3-384, which a
// database enforces by looking the key up under that id.
func checkWithPublicKey(key asserts.PublicKey, assertions []asserts.Assertion) error {
	if len(assertions) != 1 {
		return fmt.Errorf("check %q needs exactly one assertion, the file contains %d", manifest.CheckPublicKey, len(assertions))
	}

	a := assertions[0]
	if a.SignKeyID() != key.ID() {
		return fmt.Errorf("sign-key-sha3-384 is %q but the public key's id is %q", a.SignKeyID(), key.ID())
	}
	return asserts.SignatureCheck(a, key)
}

// CompareHeaders lists every header whose decoded value differs from the
// expected one, or is missing on either side.
func CompareHeaders(expected, decoded map[string]interface{}) []string {
	names := make(map[string]bool, len(expected)+len(decoded))
	for name := range expected {
		names[name] = true
	}
	for name := range decoded {
		names[name] = true
	}
	sorted := make([]string, 0, len(names))
	for name := range names {
		sorted = append(sorted, name)
	}
	sort.Strings(sorted)

	var differences []string
	for _, name := range sorted {
		want, wanted := expected[name]
		got, present := decoded[name]
		switch {
		case !present:
			differences = append(differences, fmt.Sprintf("header %q: expected %s, missing after decoding", name, toJSON(want)))
		case !wanted:
			differences = append(differences, fmt.Sprintf("header %q: not expected, decoded as %s", name, toJSON(got)))
		case !reflect.DeepEqual(want, got):
			differences = append(differences, fmt.Sprintf("header %q: expected %s, decoded as %s", name, toJSON(want), toJSON(got)))
		}
	}
	return differences
}

func toJSON(v interface{}) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%#v", v)
	}
	return string(data)
}
