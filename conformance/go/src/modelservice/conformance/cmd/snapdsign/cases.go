package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/snapcore/snapd/asserts"

	"modelservice/conformance/manifest"
)

// serialBody is a registration body with multi-byte UTF-8, so body-length
// (a count of bytes) differs from the count of characters, and a final newline
// right before the blank line that ends the body.
const serialBody = "factory: Zürich line 3\nstation: Prüfstand 7 ✓\n"

// maxLeadingZeroTries bounds the search for a signature whose RSA value starts
// with a zero byte. Each try has a 1 in 256 chance, so 4096 tries all miss with
// a probability of about 1e-7.
const maxLeadingZeroTries = 4096

// serialHeaders returns the headers of a serial for the series-16 model, signed
// by the brand, binding serial to the device key.
func (w *world) serialHeaders(serial string) (map[string]interface{}, error) {
	deviceKey, err := asserts.EncodePublicKey(w.deviceKey.private.PublicKey())
	if err != nil {
		return nil, err
	}
	return map[string]interface{}{
		"authority-id":        brandID,
		"brand-id":            brandID,
		"model":               "gizmo-16",
		"serial":              serial,
		"device-key":          string(deviceKey),
		"device-key-sha3-384": w.deviceKey.id(),
		"timestamp":           w.timestamp(0),
	}, nil
}

func (w *world) signSerial(headers map[string]interface{}, body string, k key) ([]byte, error) {
	var bodyBytes []byte
	if body != "" {
		bodyBytes = []byte(body)
	}
	a, err := w.sign(asserts.SerialType, headers, bodyBytes, k)
	if err != nil {
		return nil, err
	}
	return asserts.Encode(a), nil
}

// writeSerialCases writes serials as the service returns them, the ways a
// device must reject them, and tampered copies.
func writeSerialCases(w *world, cw *caseWriter) error {
	headers, err := w.serialHeaders("G16-000123")
	if err != nil {
		return err
	}
	withBody, err := w.signSerial(headers, serialBody, w.brand.key)
	if err != nil {
		return err
	}
	if err := cw.valid("serial-with-body", manifest.CheckDatabase, withBody); err != nil {
		return err
	}
	if err := writeTamperedSerials(cw, withBody); err != nil {
		return err
	}
	if err := cw.writePublicKey("brand.pub", w.brand.key); err != nil {
		return err
	}
	if err := cw.writePublicKey("factory.pub", w.factory.key); err != nil {
		return err
	}
	if err := writePublicKeyCase(cw, "serial-with-body-brand-key", "brand.pub", manifest.ExpectValid, withBody); err != nil {
		return err
	}
	if err := writePublicKeyCase(cw, "serial-with-body-other-key", "factory.pub", manifest.ExpectReject, withBody); err != nil {
		return err
	}

	headers, err = w.serialHeaders("G16-000124")
	if err != nil {
		return err
	}
	headers["revision"] = "3"
	withoutBody, err := w.signSerial(headers, "", w.brand.key)
	if err != nil {
		return err
	}
	if err := cw.valid("serial-without-body", manifest.CheckDatabase, withoutBody); err != nil {
		return err
	}
	reordered, err := replaceOnce(withoutBody, "brand-id: acme-devices\nmodel: gizmo-16\n", "model: gizmo-16\nbrand-id: acme-devices\n")
	if err != nil {
		return err
	}
	if err := cw.rejected("serial-headers-reordered", manifest.StageVerify, manifest.CheckDatabase, reordered); err != nil {
		return err
	}

	if err := writeLeadingZeroSerial(w, cw); err != nil {
		return err
	}
	if err := writeSerialAuthorityCases(w, cw); err != nil {
		return err
	}
	if err := writeSigningKeyCases(w, cw); err != nil {
		return err
	}
	return writeSerialStream(w, cw)
}

func writePublicKeyCase(cw *caseWriter, name, keyFile, expect string, data []byte) error {
	c := manifest.Case{
		Name:          name,
		Expect:        expect,
		Check:         manifest.CheckPublicKey,
		PublicKeyFile: keyFile,
	}
	decoded, err := asserts.Decode(data)
	if err != nil {
		return err
	}
	body := string(decoded.Body())
	c.Headers = decoded.Headers()
	c.Body = &body
	if expect == manifest.ExpectReject {
		c.Stage = manifest.StageVerify
	}
	return cw.add(c, data)
}

// writeTamperedSerials writes copies of a signed serial with one header byte,
// one body byte, the body's length or one signature bit changed, and with a
// repeated header.
func writeTamperedSerials(cw *caseWriter, signed []byte) error {
	header, err := replaceOnce(signed, "serial: G16-000123\n", "serial: G16-000124\n")
	if err != nil {
		return err
	}
	body, err := replaceOnce(signed, "line 3", "line 4")
	if err != nil {
		return err
	}
	longerBody, err := replaceOnce(signed, "line 3", "line 33")
	if err != nil {
		return err
	}
	signature, err := flipSignatureBit(signed)
	if err != nil {
		return err
	}
	repeated, err := replaceOnce(signed, "model: gizmo-16\n", "model: gizmo-16\nmodel: gizmo-16\n")
	if err != nil {
		return err
	}

	tampered := []struct {
		name  string
		stage string
		data  []byte
	}{
		{"serial-header-tampered", manifest.StageVerify, header},
		{"serial-body-tampered", manifest.StageVerify, body},
		{"serial-body-longer-than-body-length", manifest.StageDecode, longerBody},
		{"serial-signature-tampered", manifest.StageVerify, signature},
		{"serial-repeated-header", manifest.StageDecode, repeated},
	}
	for _, t := range tampered {
		if err := cw.rejected(t.name, t.stage, manifest.CheckDatabase, t.data); err != nil {
			return err
		}
	}
	return nil
}

// writeLeadingZeroSerial signs serials until the RSA signature value starts
// with a zero byte, which snapd keeps in the packet, and writes that serial.
func writeLeadingZeroSerial(w *world, cw *caseWriter) error {
	for try := 0; try < maxLeadingZeroTries; try++ {
		headers, err := w.serialHeaders(fmt.Sprintf("G16-Z%05d", try))
		if err != nil {
			return err
		}
		signed, err := w.signSerial(headers, "", w.brand.key)
		if err != nil {
			return err
		}
		leadingZero, err := signatureHasLeadingZero(signed, w.brand.key.rsa.Size())
		if err != nil {
			return err
		}
		if leadingZero {
			return cw.valid("serial-signature-leading-zero", manifest.CheckDatabase, signed)
		}
	}
	return fmt.Errorf("no signature with a leading zero byte in %d tries", maxLeadingZeroTries)
}

// writeSerialAuthorityCases writes serials signed by an authority other than
// the brand: one the model lists in serial-authority, one it does not.
func writeSerialAuthorityCases(w *world, cw *caseWriter) error {
	for _, signer := range []authority{w.factory, w.otherFactory} {
		headers, err := w.serialHeaders("F-000001")
		if err != nil {
			return err
		}
		headers["authority-id"] = signer.id
		signed, err := w.signSerial(headers, "", signer.key)
		if err != nil {
			return err
		}
		if signer.id == factoryID {
			err = cw.valid("serial-by-serial-authority", manifest.CheckDatabase, signed)
		} else {
			err = cw.rejected("serial-by-unlisted-authority", manifest.StageVerify, manifest.CheckDatabase, signed)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// writeSigningKeyCases writes serials that fail the database's checks of the
// signing key: unknown, expired, not yet valid at the serial's timestamp, and
// a format newer than snapd supports.
func writeSigningKeyCases(w *world, cw *caseWriter) error {
	headers, err := w.serialHeaders("K-000001")
	if err != nil {
		return err
	}
	unknown, err := w.signSerial(headers, "", w.unknownKey)
	if err != nil {
		return err
	}

	headers["timestamp"] = w.timestamp(-48 * time.Hour)
	expired, err := w.signSerial(headers, "", w.brandRetiredKey)
	if err != nil {
		return err
	}
	beforeSince, err := w.signSerial(headers, "", w.brand.key)
	if err != nil {
		return err
	}

	headers["timestamp"] = w.timestamp(0)
	headers["format"] = "1"
	restore := asserts.MockMaxSupportedFormat(asserts.SerialType, 1)
	newerFormat, err := w.signSerial(headers, "", w.brand.key)
	restore()
	if err != nil {
		return err
	}

	rejected := []struct {
		name string
		data []byte
	}{
		{"serial-by-unknown-key", unknown},
		{"serial-by-expired-key", expired},
		{"serial-timestamp-before-key-since", beforeSince},
		{"serial-format-1-unsupported", newerFormat},
	}
	for _, r := range rejected {
		if err := cw.rejected(r.name, manifest.StageVerify, manifest.CheckDatabase, r.data); err != nil {
			return err
		}
	}
	return nil
}

// writeSerialStream writes a serial-stream response: the serial, signed by a
// brand key the device does not know yet, followed by that key's account-key.
func writeSerialStream(w *world, cw *caseWriter) error {
	headers, err := w.serialHeaders("S-000001")
	if err != nil {
		return err
	}
	serial, err := w.sign(asserts.SerialType, headers, []byte(serialBody), w.brandStreamKey)
	if err != nil {
		return err
	}

	const name = "serial-stream"
	if err := cw.writeStream(name+".assert", []asserts.Assertion{serial, w.streamAccountKey}); err != nil {
		return err
	}
	decoded, err := asserts.Decode(asserts.Encode(serial))
	if err != nil {
		return err
	}
	body := string(decoded.Body())
	cw.manifest.Cases = append(cw.manifest.Cases, manifest.Case{
		Name:    name,
		File:    name + ".assert",
		Expect:  manifest.ExpectValid,
		Check:   manifest.CheckDatabase,
		Headers: decoded.Headers(),
		Body:    &body,
	})
	return nil
}

// writeRequestCases writes self-signed serial-requests and an
// account-key-request, valid and tampered.
func writeRequestCases(w *world, cw *caseWriter) error {
	deviceKey, err := asserts.EncodePublicKey(w.deviceKey.private.PublicKey())
	if err != nil {
		return err
	}
	headers := map[string]interface{}{
		"brand-id":   brandID,
		"model":      "gizmo-16",
		"request-id": "REQ-7f3a9c",
		"device-key": string(deviceKey),
		"serial":     "G16-PROPOSED-1",
	}
	full, err := asserts.SignWithoutAuthority(asserts.SerialRequestType, headers, []byte("mac: 00:11:22:33:44:55\n"), w.deviceKey.private)
	if err != nil {
		return err
	}

	delete(headers, "serial")
	minimal, err := asserts.SignWithoutAuthority(asserts.SerialRequestType, headers, nil, w.deviceKey.private)
	if err != nil {
		return err
	}

	if err := cw.valid("serial-request", manifest.CheckSelf, asserts.Encode(full)); err != nil {
		return err
	}
	if err := cw.valid("serial-request-without-serial-or-body", manifest.CheckSelf, asserts.Encode(minimal)); err != nil {
		return err
	}
	if err := writeTamperedSerialRequests(w, cw, asserts.Encode(full)); err != nil {
		return err
	}
	return writeAccountKeyRequests(w, cw)
}

func writeTamperedSerialRequests(w *world, cw *caseWriter, signed []byte) error {
	header, err := replaceOnce(signed, "request-id: REQ-7f3a9c\n", "request-id: REQ-7f3a9d\n")
	if err != nil {
		return err
	}
	signature, err := flipSignatureBit(signed)
	if err != nil {
		return err
	}
	if err := cw.rejected("serial-request-header-tampered", manifest.StageVerify, manifest.CheckSelf, header); err != nil {
		return err
	}
	if err := cw.rejected("serial-request-signature-tampered", manifest.StageVerify, manifest.CheckSelf, signature); err != nil {
		return err
	}

	// snapd's decoder requires the device key to be the signing key.
	deviceKey, err := asserts.EncodePublicKey(w.deviceKey.private.PublicKey())
	if err != nil {
		return err
	}
	otherKey, err := asserts.EncodePublicKey(w.unknownKey.private.PublicKey())
	if err != nil {
		return err
	}
	swapped, err := replaceOnce(signed, indentMultiline(deviceKey), indentMultiline(otherKey))
	if err != nil {
		return err
	}
	return cw.rejected("serial-request-device-key-not-signing-key", manifest.StageDecode, manifest.CheckSelf, swapped)
}

// indentMultiline returns text as snapd writes a multi-line header value: each
// line indented by 4 spaces.
func indentMultiline(text []byte) string {
	return "    " + strings.ReplaceAll(string(text), "\n", "\n    ")
}

func writeAccountKeyRequests(w *world, cw *caseWriter) error {
	encoded, err := asserts.EncodePublicKey(w.requestKey.private.PublicKey())
	if err != nil {
		return err
	}
	request, err := asserts.SignWithoutAuthority(asserts.AccountKeyRequestType, map[string]interface{}{
		"account-id":          brandID,
		"name":                "line-3-key",
		"public-key-sha3-384": w.requestKey.id(),
		"since":               w.timestamp(0),
	}, encoded, w.requestKey.private)
	if err != nil {
		return err
	}
	signed := asserts.Encode(request)
	if err := cw.valid("account-key-request", manifest.CheckSelf, signed); err != nil {
		return err
	}

	tampered, err := replaceOnce(signed, "name: line-3-key\n", "name: line-4-key\n")
	if err != nil {
		return err
	}
	return cw.rejected("account-key-request-header-tampered", manifest.StageVerify, manifest.CheckSelf, tampered)
}

// writeModelCases writes both models and tampered copies of the series-16 one,
// which carries the multi-line, list and map headers.
func writeModelCases(w *world, cw *caseWriter) error {
	series16 := asserts.Encode(w.modelSeries16)
	if err := cw.valid("model-series-16", manifest.CheckDatabase, series16); err != nil {
		return err
	}
	if err := cw.valid("model-grade-signed", manifest.CheckDatabase, asserts.Encode(w.modelGrade)); err != nil {
		return err
	}

	multiline, err := replaceOnce(series16, "for repairs\n", "for repairz\n")
	if err != nil {
		return err
	}
	if err := cw.rejected("model-multiline-value-tampered", manifest.StageVerify, manifest.CheckDatabase, multiline); err != nil {
		return err
	}

	mapValue, err := replaceOnce(series16, "\n    station: A\n", "\n    station: B\n")
	if err != nil {
		return err
	}
	if err := cw.rejected("model-map-value-tampered", manifest.StageVerify, manifest.CheckDatabase, mapValue); err != nil {
		return err
	}

	badIndent, err := replaceOnce(series16, "\n    - not a list item\n", "\n   - not a list item\n")
	if err != nil {
		return err
	}
	return cw.rejected("model-multiline-bad-indentation", manifest.StageDecode, manifest.CheckDatabase, badIndent)
}
