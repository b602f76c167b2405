package device

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/snapcore/snapd/asserts"
	"golang.org/x/crypto/openpgp/packet"
)

// serialRequestHeaders returns the serial-request headers that devicestate
// (prepareSerialRequest, snapd 2.57.6) sets, plus the remodel headers that
// its re-registration context adds.
func (c *Config) serialRequestHeaders(requestID string) (map[string]interface{}, error) {
	encodedKey, err := asserts.EncodePublicKey(c.DeviceKey.PublicKey())
	if err != nil {
		return nil, fmt.Errorf("cannot encode the device key: %v", err)
	}
	headers := map[string]interface{}{
		"brand-id":   c.Model.BrandID(),
		"model":      c.Model.Model(),
		"request-id": requestID,
		"device-key": string(encodedKey),
	}
	if c.ProposedSerial != "" {
		headers["serial"] = c.ProposedSerial
	}
	if c.CurrentSerial != nil {
		headers["original-brand-id"] = c.CurrentSerial.BrandID()
		headers["original-model"] = c.CurrentSerial.Model()
		headers["original-serial"] = c.CurrentSerial.Serial()
	}
	return headers, nil
}

// serialRequestStream returns the body of POST serial: the serial-request,
// the model and, on a remodel, the device's current serial.
func (c *Config) serialRequestStream(requestID string) ([]byte, error) {
	headers, err := c.serialRequestHeaders(requestID)
	if err != nil {
		return nil, err
	}
	request, err := asserts.SignWithoutAuthority(asserts.SerialRequestType, headers, c.Body, c.DeviceKey)
	if err != nil {
		return nil, fmt.Errorf("cannot sign the serial-request: %v", err)
	}
	if c.OtherSigningKey != nil {
		if request, err = resignWith(request, c.OtherSigningKey); err != nil {
			return nil, err
		}
	}

	stream := []asserts.Assertion{request, c.Model}
	if c.CurrentSerial != nil {
		stream = append(stream, c.CurrentSerial)
	}
	var buf bytes.Buffer
	encoder := asserts.NewEncoder(&buf)
	for _, a := range stream {
		if err := encoder.Encode(a); err != nil {
			return nil, fmt.Errorf("cannot encode the %s assertion: %v", a.Type().Name, err)
		}
	}
	return buf.Bytes(), nil
}

// resignWith replaces the signature of a by one that key makes over the same
// content, so the assertion still names its own sign-key-sha3-384 and decodes,
// but its signature does not verify. The signature packet is built as snapd's
// signer builds it (asserts/crypto.go in snapd 2.57.6): OpenPGP v4, RSA,
// SHA-512, a creation time as the only subpacket, in snapd's text form.
func resignWith(a asserts.Assertion, key *rsa.PrivateKey) (asserts.Assertion, error) {
	content, _ := a.Signature()

	signature := &packet.Signature{
		SigType:      packet.SigTypeBinary,
		PubKeyAlgo:   packet.PubKeyAlgoRSA,
		Hash:         crypto.SHA512,
		CreationTime: time.Now(),
	}
	digest := sha512.New()
	digest.Write(content)
	signer := packet.NewRSAPrivateKey(time.Date(2016, time.January, 1, 0, 0, 0, 0, time.UTC), key)
	if err := signature.Sign(digest, signer, &packet.Config{DefaultHash: crypto.SHA512}); err != nil {
		return nil, fmt.Errorf("cannot sign with the other key: %v", err)
	}

	var packetBytes bytes.Buffer
	packetBytes.WriteByte(0x01)
	if err := signature.Serialize(&packetBytes); err != nil {
		return nil, err
	}

	var encoded bytes.Buffer
	encoded.Write(content)
	encoded.WriteString("\n\n")
	encoded.Write(wrapBase64(packetBytes.Bytes()))
	encoded.WriteByte('\n')
	resigned, err := asserts.Decode(encoded.Bytes())
	if err != nil {
		return nil, fmt.Errorf("cannot decode the re-signed %s: %v", a.Type().Name, err)
	}
	return resigned, nil
}

// wrapBase64 encodes data in standard base64 wrapped at 76 characters, as
// snapd writes keys and signatures.
func wrapBase64(data []byte) []byte {
	const lineLength = 76
	flat := base64.StdEncoding.EncodeToString(data)
	var wrapped bytes.Buffer
	for len(flat) > lineLength {
		wrapped.WriteString(flat[:lineLength])
		wrapped.WriteByte('\n')
		flat = flat[lineLength:]
	}
	wrapped.WriteString(flat)
	return wrapped.Bytes()
}
