// Package assertfile reads and writes assertion files: one assertion, or a
// stream of them as asserts.Encoder writes it.
package assertfile

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/snapcore/snapd/asserts"
)

// Decode decodes a stream of assertions with snapd's stream decoder, the one
// a device uses for a serial service's response.
func Decode(r io.Reader) ([]asserts.Assertion, error) {
	var assertions []asserts.Assertion
	decoder := asserts.NewDecoder(r)
	for {
		a, err := decoder.Decode()
		if err == io.EOF {
			return assertions, nil
		}
		if err != nil {
			return assertions, err
		}
		assertions = append(assertions, a)
	}
}

// ReadAll reads every assertion in the file at path and fails when there is
// none.
func ReadAll(path string) ([]asserts.Assertion, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	assertions, err := Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("invalid assertion file %s: %v", path, err)
	}
	if len(assertions) == 0 {
		return nil, fmt.Errorf("invalid assertion file %s: it contains no assertion", path)
	}
	return assertions, nil
}

// ReadOne reads the file at path, which must hold exactly one assertion of
// type want.
func ReadOne(path string, want *asserts.AssertionType) (asserts.Assertion, error) {
	assertions, err := ReadAll(path)
	if err != nil {
		return nil, err
	}
	if len(assertions) != 1 {
		return nil, fmt.Errorf("invalid assertion file %s: it contains %d assertions, expected one %s", path, len(assertions), want.Name)
	}
	if a := assertions[0]; a.Type() != want {
		return nil, fmt.Errorf("invalid assertion file %s: it contains a %s assertion, expected a %s", path, a.Type().Name, want.Name)
	}
	return assertions[0], nil
}

// WriteOne writes a as asserts.Encode returns it, with no blank line at the
// end, so asserts.Decode accepts the file as well as the stream decoder.
func WriteOne(path string, a asserts.Assertion) error {
	return os.WriteFile(path, asserts.Encode(a), 0o644)
}

// WriteStream writes assertions as one stream.
func WriteStream(path string, assertions []asserts.Assertion) error {
	var buf bytes.Buffer
	encoder := asserts.NewEncoder(&buf)
	for _, a := range assertions {
		if err := encoder.Encode(a); err != nil {
			return err
		}
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}
