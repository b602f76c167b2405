package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/snapcore/snapd/asserts"

	"modelservice/conformance/assertfile"
	"modelservice/conformance/device"
	"modelservice/conformance/device/devicetest"
	"modelservice/conformance/keyfile"
	"modelservice/conformance/teststore"
)

var shared *devicetest.World

func TestMain(m *testing.M) {
	devicetest.RunMain(m, func(w *devicetest.World) error {
		shared = w
		if err := assertfile.WriteOne(storeFile("gizmo.model"), w.Model); err != nil {
			return err
		}
		return assertfile.WriteOne(storeFile("serials.account-key"), w.AccountKey)
	})
}

// storeFile returns the path of a file in the shared store folder.
func storeFile(name string) string {
	return filepath.Join(shared.Store.Dir, name)
}

// register runs snapddevice register against the service with the usual
// flags plus extra.
func register(t *testing.T, s *devicetest.Service, extra ...string) *device.Result {
	t.Helper()
	args := append([]string{
		"-url", s.URL(),
		"-api-key", devicetest.APIKey,
		"-model", storeFile("gizmo.model"),
		"-trusted", storeFile(teststore.TrustedFile),
		"-known", storeFile(teststore.KnownFile),
		"-key-bits", "2048",
	}, extra...)
	opts, err := parseOptions(args)
	if err != nil {
		t.Fatalf("snapddevice register %s: %v", strings.Join(args, " "), err)
	}
	return run(opts)
}

func TestRegisterWritesSerialAndKey(t *testing.T) {
	s := devicetest.StartService(t, shared)
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "device.key")
	serialFile := filepath.Join(dir, "serial.assert")

	result := register(t, s, "-device-key", keyFile, "-serial", "G-7", "-out", serialFile)

	devicetest.AssertEqual(t, "outcome", result.Outcome, device.Registered)
	devicetest.AssertEqual(t, "serial-assertion-file", result.SerialAssertionFile, serialFile)
	key, err := keyfile.Read(keyFile)
	if err != nil {
		t.Fatalf("the device key was not saved: %v", err)
	}
	devicetest.AssertEqual(t, "device key id", result.DeviceKeyID, key.ID())
	serial, err := assertfile.ReadOne(serialFile, asserts.SerialType)
	if err != nil {
		t.Fatalf("the serial was not saved: %v", err)
	}
	devicetest.AssertEqual(t, "saved serial", serial.HeaderString("serial"), "G-7")
	devicetest.AssertEqual(t, "saved device key", serial.HeaderString("device-key-sha3-384"), key.ID())
}

func TestRegisterRemodelFromSerialFile(t *testing.T) {
	s := devicetest.StartService(t, shared)
	dir := t.TempDir()
	keyFile := filepath.Join(dir, "device.key")
	serialFile := filepath.Join(dir, "serial.assert")
	first := register(t, s, "-device-key", keyFile, "-out", serialFile)
	newModel, err := shared.Store.SignModel(teststore.ModelOptions{Model: "gizmo-2"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	modelFile := filepath.Join(dir, "gizmo-2.model")
	if err := assertfile.WriteOne(modelFile, newModel); err != nil {
		t.Fatal(err)
	}

	result := register(t, s, "-device-key", keyFile, "-model", modelFile, "-remodel-from", serialFile)

	devicetest.AssertEqual(t, "outcome", result.Outcome, device.Registered)
	devicetest.AssertEqual(t, "device key id", result.DeviceKeyID, first.DeviceKeyID)
	stream := s.LastStream(t)
	devicetest.AssertEqual(t, "stream length", len(stream), 3)
	devicetest.AssertEqual(t, "original-serial", stream[0].HeaderString("original-serial"), first.Serial)
	devicetest.AssertEqual(t, "model", stream[1].HeaderString("model"), "gizmo-2")
}

func TestRegisterWithoutStreamWithKnownKey(t *testing.T) {
	s := devicetest.StartService(t, shared)

	result := register(t, s, "-stream=false", "-known", storeFile("serials.account-key"))

	devicetest.AssertEqual(t, "outcome", result.Outcome, device.Registered)
	devicetest.AssertEqual(t, "Snap-Device-Capabilities", s.LastRequest(t, "/serial").Header.Get("Snap-Device-Capabilities"), "")
	devicetest.AssertEqual(t, "stream types", result.StreamTypes, []string{"serial"})
}

func TestRegisterSignWithOtherKey(t *testing.T) {
	s := devicetest.StartService(t, shared)

	result := register(t, s, "-sign-with-other-key")

	devicetest.AssertEqual(t, "outcome", result.Outcome, device.Rejected)
	devicetest.AssertEqual(t, "message", result.Message, "cannot deliver device serial request: invalid serial-request signature")
}

func TestRegisterFixedRequestID(t *testing.T) {
	s := devicetest.StartService(t, shared)

	result := register(t, s, "-request-id", "forged-request-id")

	devicetest.AssertEqual(t, "outcome", result.Outcome, device.Rejected)
	devicetest.AssertEqual(t, "request-id", result.RequestID, "forged-request-id")
	devicetest.AssertEqual(t, "requests", s.Paths(), []string{"POST /serial"})
}

func TestRegisterExtraHeaderAndPaths(t *testing.T) {
	s := devicetest.StartService(t, shared)

	result := register(t, s, "-paths", "proxy", "-header", "X-Factory-Line=3")

	devicetest.AssertEqual(t, "outcome", result.Outcome, device.Registered)
	devicetest.AssertEqual(t, "X-Factory-Line", s.LastRequest(t, "/devices").Header.Get("X-Factory-Line"), "3")
}

func TestRegisterSetupErrorForMissingModel(t *testing.T) {
	s := devicetest.StartService(t, shared)

	result := register(t, s, "-model", filepath.Join(t.TempDir(), "missing.model"))

	devicetest.AssertEqual(t, "outcome", result.Outcome, device.Error)
	devicetest.AssertEqual(t, "stage", result.Stage, device.StageSetup)
	devicetest.AssertEqual(t, "requests", s.Paths(), []string{})
}

func TestParseOptionsRequiresURL(t *testing.T) {
	_, err := parseOptions([]string{"-model", "m", "-trusted", "t"})

	if err == nil || err.Error() != "missing -url" {
		t.Errorf("error %v, expected missing -url", err)
	}
}

func TestParseOptionsRejectsBadHeader(t *testing.T) {
	opts, err := parseOptions([]string{"-url", "http://127.0.0.1:1/", "-model", storeFile("gizmo.model"), "-trusted", storeFile(teststore.TrustedFile), "-header", "novalue"})
	if err != nil {
		t.Fatal(err)
	}

	result := run(opts)

	devicetest.AssertEqual(t, "message", result.Message, `invalid -header "novalue": write NAME=VALUE`)
}
