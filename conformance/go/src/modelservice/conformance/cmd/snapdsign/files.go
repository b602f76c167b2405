package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"

	"github.com/snapcore/snapd/asserts"

	"modelservice/conformance/manifest"
)

// caseWriter writes assertion files into one folder and collects the manifest
// that describes them.
type caseWriter struct {
	dir      string
	manifest manifest.Manifest
}

func newCaseWriter(dir string) *caseWriter {
	return &caseWriter{
		dir: dir,
		manifest: manifest.Manifest{
			Trusted: []string{},
			Known:   []string{},
			Cases:   []manifest.Case{},
		},
	}
}

func (w *caseWriter) writeFile(name string, data []byte) error {
	return os.WriteFile(filepath.Join(w.dir, name), data, 0o644)
}

// writeStream writes assertions as one stream, as asserts.Encoder separates them.
func (w *caseWriter) writeStream(name string, assertions []asserts.Assertion) error {
	var buf bytes.Buffer
	encoder := asserts.NewEncoder(&buf)
	for _, a := range assertions {
		if err := encoder.Encode(a); err != nil {
			return err
		}
	}
	return w.writeFile(name, buf.Bytes())
}

// writePublicKey writes the text form of k's public key, as
// asserts.EncodePublicKey returns it, plus a final newline.
func (w *caseWriter) writePublicKey(name string, k key) error {
	encoded, err := asserts.EncodePublicKey(k.private.PublicKey())
	if err != nil {
		return err
	}
	return w.writeFile(name, append(encoded, '\n'))
}

// valid adds a case that snapd must accept, with the headers and body that
// asserts.Decode returns for the written bytes.
func (w *caseWriter) valid(name, check string, data []byte) error {
	decoded, err := asserts.Decode(data)
	if err != nil {
		return fmt.Errorf("case %s: snapd does not decode what it signed: %v", name, err)
	}
	body := string(decoded.Body())
	return w.add(manifest.Case{
		Name:    name,
		Expect:  manifest.ExpectValid,
		Check:   check,
		Headers: decoded.Headers(),
		Body:    &body,
	}, data)
}

// rejected adds a case that snapd must reject at stage. A case rejected at
// verify still decodes, so it states its decoded headers and body too.
func (w *caseWriter) rejected(name, stage, check string, data []byte) error {
	c := manifest.Case{
		Name:   name,
		Expect: manifest.ExpectReject,
		Stage:  stage,
		Check:  check,
	}
	if stage == manifest.StageVerify {
		decoded, err := asserts.Decode(data)
		if err != nil {
			return fmt.Errorf("case %s must fail at verify but snapd rejects it at decode: %v", name, err)
		}
		body := string(decoded.Body())
		c.Headers = decoded.Headers()
		c.Body = &body
	}
	return w.add(c, data)
}

func (w *caseWriter) add(c manifest.Case, data []byte) error {
	c.File = c.Name + ".assert"
	if err := w.writeFile(c.File, data); err != nil {
		return err
	}
	w.manifest.Cases = append(w.manifest.Cases, c)
	return nil
}

// replaceOnce returns data with the only occurrence of old replaced by
// replacement; a tampering that hits no place or several is a generator bug.
func replaceOnce(data []byte, old, replacement string) ([]byte, error) {
	if n := bytes.Count(data, []byte(old)); n != 1 {
		return nil, fmt.Errorf("cannot tamper: %q occurs %d times, expected once", old, n)
	}
	return bytes.Replace(data, []byte(old), []byte(replacement), 1), nil
}

// splitSignature splits an encoded assertion at the last blank line, as
// asserts.Decode does, into the signed content and the signature text without
// its final newline.
func splitSignature(encoded []byte) (content, signature []byte) {
	split := bytes.LastIndex(encoded, []byte("\n\n"))
	return encoded[:split], bytes.TrimSuffix(encoded[split+2:], []byte("\n"))
}

// decodeSignaturePacket returns the bytes behind a signature's text form: the
// format version 0x01, then the OpenPGP signature packet.
func decodeSignaturePacket(signature []byte) ([]byte, error) {
	// The standard decoder skips the line breaks of the 76-column wrapping.
	return base64.StdEncoding.DecodeString(string(signature))
}

// encodeSignaturePacket writes packet bytes back in snapd's text form: base64,
// wrapped at 76 characters (asserts/crypto.go, encodeV1).
func encodeSignaturePacket(packet []byte) []byte {
	const lineLength = 76
	flat := base64.StdEncoding.EncodeToString(packet)
	var wrapped bytes.Buffer
	for len(flat) > lineLength {
		wrapped.WriteString(flat[:lineLength])
		wrapped.WriteByte('\n')
		flat = flat[lineLength:]
	}
	wrapped.WriteString(flat)
	return wrapped.Bytes()
}

// flipSignatureBit returns encoded with the lowest bit of the RSA signature
// value flipped: the packet still parses, the signature no longer verifies.
func flipSignatureBit(encoded []byte) ([]byte, error) {
	content, signature := splitSignature(encoded)
	packet, err := decodeSignaturePacket(signature)
	if err != nil {
		return nil, err
	}
	packet[len(packet)-1] ^= 0x01

	var tampered bytes.Buffer
	tampered.Write(content)
	tampered.WriteString("\n\n")
	tampered.Write(encodeSignaturePacket(packet))
	tampered.WriteByte('\n')
	return tampered.Bytes(), nil
}

// signatureHasLeadingZero reports whether the RSA value that ends the signature
// packet starts with a zero byte. snapd's signer (golang.org/x/crypto/openpgp)
// keeps such a byte and declares the MPI as 8 times the modulus size in bits.
func signatureHasLeadingZero(encoded []byte, modulusBytes int) (bool, error) {
	_, signature := splitSignature(encoded)
	packet, err := decodeSignaturePacket(signature)
	if err != nil {
		return false, err
	}
	if len(packet) < modulusBytes {
		return false, fmt.Errorf("signature packet of %d bytes is shorter than the modulus", len(packet))
	}
	return packet[len(packet)-modulusBytes] == 0, nil
}
