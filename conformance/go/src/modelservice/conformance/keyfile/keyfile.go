// Package keyfile stores the RSA private keys of the test store and the
// device client as PEM files in PKCS#8 form ("PRIVATE KEY"), which OpenSSL,
// Go and Java's KeyFactory all read.
package keyfile

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/snapcore/snapd/asserts"
)

// MinBits is the smallest key size accepted, because Go's RSA signer and
// snapd accept smaller keys but no real deployment uses them.
const MinBits = 2048

// Key is an RSA private key in the two forms the programs need: snapd's for
// signing assertions and Go's for writing the file.
type Key struct {
	Private asserts.PrivateKey
	RSA     *rsa.PrivateKey
}

// ID returns the SHA3-384 key id of the public key.
func (k Key) ID() string {
	return k.Private.PublicKey().ID()
}

// Generate generates an RSA key of bits bits.
func Generate(bits int) (Key, error) {
	if bits < MinBits {
		return Key{}, fmt.Errorf("invalid key size %d bits: use %d bits or more", bits, MinBits)
	}
	private, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		return Key{}, fmt.Errorf("cannot generate an RSA-%d key: %v", bits, err)
	}
	return FromRSA(private), nil
}

// FromRSA wraps an RSA private key.
func FromRSA(private *rsa.PrivateKey) Key {
	return Key{Private: asserts.RSAPrivateKey(private), RSA: private}
}

// Read reads a PEM file holding one RSA private key in PKCS#8 or PKCS#1 form.
func Read(path string) (Key, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Key{}, err
	}
	block, _ := pem.Decode(data)
	if block == nil {
		return Key{}, fmt.Errorf("invalid key file %s: no PEM block found", path)
	}

	switch block.Type {
	case "PRIVATE KEY":
		parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return Key{}, fmt.Errorf("invalid key file %s: %v", path, err)
		}
		private, ok := parsed.(*rsa.PrivateKey)
		if !ok {
			return Key{}, fmt.Errorf("invalid key file %s: a %T, expected an RSA private key", path, parsed)
		}
		return FromRSA(private), nil
	case "RSA PRIVATE KEY":
		private, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return Key{}, fmt.Errorf("invalid key file %s: %v", path, err)
		}
		return FromRSA(private), nil
	default:
		return Key{}, fmt.Errorf("invalid key file %s: PEM block %q, expected \"PRIVATE KEY\" or \"RSA PRIVATE KEY\"", path, block.Type)
	}
}

// Write writes k to path in PKCS#8 PEM form, readable by the owner only.
func Write(path string, k Key) error {
	der, err := x509.MarshalPKCS8PrivateKey(k.RSA)
	if err != nil {
		return fmt.Errorf("cannot encode the private key for %s: %v", path, err)
	}
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), 0o600)
}

// ReadOrCreate reads the key at path, or generates one of bits bits and
// writes it there when the file does not exist; created reports which.
func ReadOrCreate(path string, bits int) (k Key, created bool, err error) {
	k, err = Read(path)
	if err == nil {
		return k, false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return Key{}, false, err
	}

	k, err = Generate(bits)
	if err != nil {
		return Key{}, false, err
	}
	if err := Write(path, k); err != nil {
		return Key{}, false, err
	}
	return k, true, nil
}
