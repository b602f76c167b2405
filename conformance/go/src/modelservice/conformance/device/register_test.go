package device_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/snapcore/snapd/asserts"

	"modelservice/conformance/device"
	"modelservice/conformance/device/devicetest"
	"modelservice/conformance/keyfile"
	"modelservice/conformance/teststore"
)

var shared *devicetest.World

func TestMain(m *testing.M) {
	devicetest.RunMain(m, func(w *devicetest.World) error {
		shared = w
		return nil
	})
}

// newConfig returns a registration of a new device of the shared model with
// the service, as snapd sends it by default.
func newConfig(t *testing.T, s *devicetest.Service, known ...asserts.Assertion) *device.Config {
	t.Helper()
	deviceKey, err := keyfile.Generate(keyfile.MinBits)
	if err != nil {
		t.Fatal(err)
	}
	db, err := device.OpenDatabase(shared.Store.Trusted(), append(shared.Store.Known(), known...), shared.Model)
	if err != nil {
		t.Fatal(err)
	}
	return &device.Config{
		BaseURL:      s.URL(),
		Headers:      map[string]string{"api-key": devicetest.APIKey},
		SerialStream: true,
		Model:        shared.Model,
		DeviceKey:    deviceKey.Private,
		Database:     db,
	}
}

func assertOutcome(t *testing.T, result *device.Result, outcome, stage string) {
	t.Helper()
	if result.Outcome != outcome {
		t.Errorf("outcome %q (message %q), expected %q", result.Outcome, result.Message, outcome)
	}
	if result.Stage != stage {
		t.Errorf("stage %q, expected %q", result.Stage, stage)
	}
}

func TestRegisterDirectPaths(t *testing.T) {
	s := devicetest.StartService(t, shared)
	config := newConfig(t, s)

	result := device.Register(config)

	assertOutcome(t, result, device.Registered, device.StageDone)
	devicetest.AssertEqual(t, "requests", s.Paths(), []string{"POST /request-id", "POST /serial"})
	devicetest.AssertEqual(t, "status", result.Status, 200)
	devicetest.AssertEqual(t, "content type", result.ContentType, asserts.MediaType)
	devicetest.AssertEqual(t, "stream types", result.StreamTypes, []string{"serial", "account-key"})
	devicetest.AssertEqual(t, "serial", result.Serial, "G-"+result.RequestID[:8])
	devicetest.AssertEqual(t, "device key id", result.SerialAssertion.DeviceKey().ID(), config.DeviceKey.PublicKey().ID())
}

func TestRegisterSendsSnapdHeaders(t *testing.T) {
	s := devicetest.StartService(t, shared)

	device.Register(newConfig(t, s))

	for _, path := range []string{"/request-id", "/serial"} {
		header := s.LastRequest(t, path).Header
		if !strings.HasPrefix(header.Get("User-Agent"), "snapd/") {
			t.Errorf("%s User-Agent is %q, expected snapd's", path, header.Get("User-Agent"))
		}
		devicetest.AssertEqual(t, path+" api-key", header.Get("api-key"), devicetest.APIKey)
	}
	header := s.LastRequest(t, "/serial").Header
	devicetest.AssertEqual(t, "Content-Type", header.Get("Content-Type"), asserts.MediaType)
	devicetest.AssertEqual(t, "Snap-Device-Capabilities", header.Get("Snap-Device-Capabilities"), "serial-stream")
}

func TestRegisterSendsRequestThenModel(t *testing.T) {
	s := devicetest.StartService(t, shared)
	config := newConfig(t, s)

	device.Register(config)

	stream := s.LastStream(t)
	devicetest.AssertEqual(t, "stream length", len(stream), 2)
	request := stream[0].(*asserts.SerialRequest)
	devicetest.AssertEqual(t, "brand-id", request.BrandID(), devicetest.Brand)
	devicetest.AssertEqual(t, "model", request.Model(), "gizmo")
	devicetest.AssertEqual(t, "device key", request.DeviceKey().ID(), config.DeviceKey.PublicKey().ID())
	devicetest.AssertEqual(t, "serial header", request.Header("serial"), nil)
	devicetest.AssertEqual(t, "second assertion", stream[1].Type(), asserts.ModelType)
}

func TestRegisterProposedSerialAndBody(t *testing.T) {
	s := devicetest.StartService(t, shared)
	config := newConfig(t, s)
	config.ProposedSerial = "G-0042"
	config.Body = []byte("line: 3\n")

	result := device.Register(config)

	assertOutcome(t, result, device.Registered, device.StageDone)
	devicetest.AssertEqual(t, "serial", result.Serial, "G-0042")
	devicetest.AssertEqual(t, "serial body", string(result.SerialAssertion.Body()), "line: 3\n")
	devicetest.AssertEqual(t, "request body", string(s.LastStream(t)[0].Body()), "line: 3\n")
}

func TestRegisterV1Paths(t *testing.T) {
	s := devicetest.StartService(t, shared)
	config := newConfig(t, s)
	config.Paths = device.PathsV1

	result := device.Register(config)

	assertOutcome(t, result, device.Registered, device.StageDone)
	devicetest.AssertEqual(t, "requests", s.Paths(), []string{"POST /v1/request-id", "POST /v1/serial"})
}

func TestRegisterProxyPaths(t *testing.T) {
	s := devicetest.StartService(t, shared)
	config := newConfig(t, s)
	config.Paths = device.PathsProxy
	config.ServiceURL = "http://127.0.0.1:9/devices"

	result := device.Register(config)

	assertOutcome(t, result, device.Registered, device.StageDone)
	devicetest.AssertEqual(t, "requests", s.Paths(), []string{"HEAD /", "POST /api/v1/snaps/auth/request-id", "POST /api/v1/snaps/auth/devices"})
	for _, path := range []string{"/request-id", "/devices"} {
		devicetest.AssertEqual(t, path+" X-Snap-Device-Service-URL", s.LastRequest(t, path).Header.Get("X-Snap-Device-Service-URL"), "http://127.0.0.1:9/devices/")
	}
}

func TestRegisterProxyTooOld(t *testing.T) {
	s := devicetest.StartService(t, shared)
	s.StoreVersion = "5"
	config := newConfig(t, s)
	config.Paths = device.PathsProxy

	result := device.Register(config)

	assertOutcome(t, result, device.Error, device.StageProxy)
	devicetest.AssertEqual(t, "requests", s.Paths(), []string{"HEAD /"})
}

func TestRegisterWithoutStreamKnownKey(t *testing.T) {
	s := devicetest.StartService(t, shared)
	config := newConfig(t, s, shared.AccountKey)
	config.SerialStream = false

	result := device.Register(config)

	assertOutcome(t, result, device.Registered, device.StageDone)
	devicetest.AssertEqual(t, "Snap-Device-Capabilities", s.LastRequest(t, "/serial").Header.Get("Snap-Device-Capabilities"), "")
	devicetest.AssertEqual(t, "stream types", result.StreamTypes, []string{"serial"})
}

func TestRegisterWithoutStreamUnknownKey(t *testing.T) {
	s := devicetest.StartService(t, shared)
	config := newConfig(t, s)
	config.SerialStream = false

	result := device.Register(config)

	assertOutcome(t, result, device.Error, device.StageVerify)
	if !strings.Contains(result.Message, "no matching public key") {
		t.Errorf("message %q does not name the missing key", result.Message)
	}
}

func TestRegisterWrongAPIKey(t *testing.T) {
	s := devicetest.StartService(t, shared)
	config := newConfig(t, s)
	config.Headers["api-key"] = "wrong"

	result := device.Register(config)

	assertOutcome(t, result, device.Rejected, device.StageRequestID)
	devicetest.AssertEqual(t, "status", result.Status, http.StatusUnauthorized)
	devicetest.AssertEqual(t, "message", result.Message, "cannot retrieve request-id for making a request for a serial: invalid API key")
}

func TestRegisterRequestIDResponses(t *testing.T) {
	cases := []struct {
		name     string
		response http.HandlerFunc
		outcome  string
		message  string
	}{
		{"status 201", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusCreated)
			w.Write([]byte(`{"request-id": "abc"}`))
		}, device.Rejected, "cannot retrieve request-id for making a request for a serial: unexpected status 201"},
		{"status 503", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "5")
			devicetest.WriteError(w, http.StatusServiceUnavailable, "HSM unreachable")
		}, device.Temporary, "cannot retrieve request-id for making a request for a serial: unexpected status 503"},
		{"not JSON", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("request-id: abc"))
		}, device.Error, "cannot read response with request-id for making a request for a serial: invalid character 'r' looking for beginning of value"},
		{"no request-id", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte(`{"nonce": "abc"}`))
		}, device.Error, `the request-id response has no "request-id": snapd cannot sign a serial-request without one`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := devicetest.StartService(t, shared)
			s.RequestIDResponder = c.response

			result := device.Register(newConfig(t, s))

			assertOutcome(t, result, c.outcome, device.StageRequestID)
			devicetest.AssertEqual(t, "message", result.Message, c.message)
			devicetest.AssertEqual(t, "requests", s.Paths(), []string{"POST /request-id"})
		})
	}
}

// writeStatus responds with a status and a body of a content type.
func writeStatus(status int, contentType, body string) devicetest.SerialResponder {
	return func(_ *devicetest.Service, w http.ResponseWriter, _ *http.Request, _ *asserts.SerialRequest) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		w.Write([]byte(body))
	}
}

// writeSerialFor responds with a serial that sign makes for the request.
func writeSerialFor(sign func(s *devicetest.Service, request *asserts.SerialRequest) (asserts.Assertion, error), extra ...asserts.Assertion) devicetest.SerialResponder {
	return func(s *devicetest.Service, w http.ResponseWriter, _ *http.Request, request *asserts.SerialRequest) {
		serial, err := sign(s, request)
		if err != nil {
			devicetest.WriteError(w, http.StatusInternalServerError, err.Error())
			return
		}
		devicetest.WriteAssertions(w, http.StatusOK, append([]asserts.Assertion{serial}, extra...)...)
	}
}

func TestRegisterSerialResponses(t *testing.T) {
	const deliver = "cannot deliver device serial request: "
	policyError := `{"message": "model gizmo has no serial policy", "code": "no-policy", "error_list": [{"code": "no-policy", "message": "model gizmo has no serial policy"}]}`
	cases := []struct {
		name     string
		response devicetest.SerialResponder
		outcome  string
		stage    string
		status   int
		message  string
	}{
		{"400 with JSON message", writeStatus(400, "application/json", policyError),
			device.Rejected, device.StageSerial, 400, deliver + "model gizmo has no serial policy"},
		{"400 with error_list only", writeStatus(400, "application/json", `{"error_list": [{"message": "first"}, {"message": "second"}]}`),
			device.Rejected, device.StageSerial, 400, deliver + "first"},
		{"400 with JSON charset", writeStatus(400, "application/json; charset=utf-8", policyError),
			device.Rejected, device.StageSerial, 400, deliver + "unexpected status 400"},
		{"409 as text", writeStatus(409, "text/plain", "serial G-1 is taken"),
			device.Rejected, device.StageSerial, 409, deliver + "unexpected status 409"},
		{"500 with JSON message", writeStatus(500, "application/json", `{"message": "database failed"}`),
			device.Rejected, device.StageSerial, 500, deliver + "database failed"},
		{"503 with JSON message", writeStatus(503, "application/json", `{"message": "HSM unreachable"}`),
			device.Temporary, device.StageSerial, 503, deliver + "unexpected status 503"},
		{"202 accepted", writeStatus(202, "", ""),
			device.Temporary, device.StageSerial, 202, "serial-request accepted, poll later: snapd sends the same serial-request again in 60 seconds"},
		{"200 without assertions", writeStatus(200, asserts.MediaType, ""),
			device.Error, device.StageSerial, 200, "cannot proceed, received assertion stream from the device service missing device serial assertion"},
		{"200 with garbage", writeStatus(200, asserts.MediaType, "not an assertion\n\n"),
			device.Error, device.StageSerial, 200, "cannot read response to request for a serial: parsing assertion headers: "},
		{"account-key sent twice", writeSerialFor(signForDevice, shared.AccountKey, shared.AccountKey),
			device.Registered, device.StageDone, 200, ""},
		{"serial for another device key", writeSerialFor(signForOtherKey, shared.AccountKey),
			device.Error, device.StageVerify, 200, "obtained serial assertion does not match provided device identity information (brand, model, key id)"},
		{"serial of another model", writeSerialFor(signForOtherModel, shared.AccountKey),
			device.Error, device.StageVerify, 200, "obtained serial assertion does not match provided device identity information (brand, model, key id)"},
		{"serial by unregistered key", writeSerialFor(signWithUnregisteredKey, shared.AccountKey),
			device.Error, device.StageVerify, 200, "cannot accept stream of assertions from device service: "},
		{"serial by other authority", writeSerialFor(signAsOtherAuthority, shared.AccountKey),
			device.Error, device.StageVerify, 200, `obtained serial assertion is signed by authority "other-factory" different from brand "gizmo-brand"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := devicetest.StartService(t, shared)
			s.Respond = c.response

			result := device.Register(newConfig(t, s))

			assertOutcome(t, result, c.outcome, c.stage)
			devicetest.AssertEqual(t, "status", result.Status, c.status)
			if !strings.HasPrefix(result.Message, c.message) {
				t.Errorf("message %q, expected it to start with %q", result.Message, c.message)
			}
		})
	}
}

func signForDevice(s *devicetest.Service, request *asserts.SerialRequest) (asserts.Assertion, error) {
	return s.Sign(request, request.DeviceKey(), s.World.SigningKey)
}

func signForOtherKey(s *devicetest.Service, request *asserts.SerialRequest) (asserts.Assertion, error) {
	return s.Sign(request, s.World.OtherKey.Private.PublicKey(), s.World.SigningKey)
}

func signWithUnregisteredKey(s *devicetest.Service, request *asserts.SerialRequest) (asserts.Assertion, error) {
	return s.Sign(request, request.DeviceKey(), s.World.OtherKey)
}

func signForOtherModel(s *devicetest.Service, request *asserts.SerialRequest) (asserts.Assertion, error) {
	return signWithHeaders(s, request, map[string]interface{}{"model": "gadget-2"})
}

func signAsOtherAuthority(s *devicetest.Service, request *asserts.SerialRequest) (asserts.Assertion, error) {
	return signWithHeaders(s, request, map[string]interface{}{"authority-id": "other-factory"})
}

// signWithHeaders signs the correct serial with some headers replaced.
func signWithHeaders(s *devicetest.Service, request *asserts.SerialRequest, replaced map[string]interface{}) (asserts.Assertion, error) {
	correct, err := signForDevice(s, request)
	if err != nil {
		return nil, err
	}
	headers := correct.Headers()
	delete(headers, "sign-key-sha3-384")
	for name, value := range replaced {
		headers[name] = value
	}
	return s.World.Signer.Sign(asserts.SerialType, headers, correct.Body(), s.World.SigningKey.ID())
}

func TestRegisterTwoSerialsInResponse(t *testing.T) {
	s := devicetest.StartService(t, shared)
	s.Respond = func(s *devicetest.Service, w http.ResponseWriter, _ *http.Request, request *asserts.SerialRequest) {
		first, _ := signForDevice(s, request)
		second, _ := signForOtherKey(s, request)
		devicetest.WriteAssertions(w, http.StatusOK, first, second, s.World.AccountKey)
	}

	result := device.Register(newConfig(t, s))

	assertOutcome(t, result, device.Error, device.StageSerial)
	devicetest.AssertEqual(t, "message", result.Message, "cannot accept more than a single device serial assertion from the device service")
}

func TestRegisterStatus201(t *testing.T) {
	s := devicetest.StartService(t, shared)
	s.Respond = func(s *devicetest.Service, w http.ResponseWriter, _ *http.Request, request *asserts.SerialRequest) {
		serial, _ := signForDevice(s, request)
		devicetest.WriteAssertions(w, http.StatusCreated, serial, s.World.AccountKey)
	}

	result := device.Register(newConfig(t, s))

	assertOutcome(t, result, device.Registered, device.StageDone)
	devicetest.AssertEqual(t, "status", result.Status, http.StatusCreated)
}

func TestRegisterReusedRequestID(t *testing.T) {
	s := devicetest.StartService(t, shared)
	first := device.Register(newConfig(t, s))
	config := newConfig(t, s)
	config.RequestID = first.RequestID

	result := device.Register(config)

	assertOutcome(t, result, device.Rejected, device.StageSerial)
	devicetest.AssertEqual(t, "message", result.Message, "cannot deliver device serial request: unknown or used request-id")
	devicetest.AssertEqual(t, "requests", s.Paths(), []string{"POST /request-id", "POST /serial", "POST /serial"})
}

func TestRegisterSignedWithOtherKey(t *testing.T) {
	s := devicetest.StartService(t, shared)
	config := newConfig(t, s)
	config.OtherSigningKey = shared.OtherKey.RSA

	result := device.Register(config)

	assertOutcome(t, result, device.Rejected, device.StageSerial)
	devicetest.AssertEqual(t, "message", result.Message, "cannot deliver device serial request: invalid serial-request signature")
	sent, err := asserts.Decode(firstAssertion(s.LastRequest(t, "/serial").Body))
	if err != nil {
		t.Fatalf("the sent serial-request does not decode: %v", err)
	}
	devicetest.AssertEqual(t, "sign-key-sha3-384", sent.SignKeyID(), config.DeviceKey.PublicKey().ID())
}

// firstAssertion returns the first assertion of an encoded stream.
func firstAssertion(stream []byte) []byte {
	end := strings.Index(string(stream), "\n\n")
	signatureEnd := strings.Index(string(stream[end+2:]), "\n\n")
	if signatureEnd < 0 {
		return stream
	}
	return stream[:end+2+signatureEnd+1]
}

func TestRegisterRemodel(t *testing.T) {
	s := devicetest.StartService(t, shared)
	config := newConfig(t, s)
	first := device.Register(config)
	if first.Outcome != device.Registered {
		t.Fatalf("the first registration failed: %s", first.Message)
	}
	newModel, err := shared.Store.SignModel(teststore.ModelOptions{Model: "gizmo-2"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	remodel := newConfig(t, s)
	remodel.DeviceKey = config.DeviceKey
	remodel.Model = newModel.(*asserts.Model)
	remodel.CurrentSerial = first.SerialAssertion
	if remodel.Database, err = device.OpenDatabase(shared.Store.Trusted(), shared.Store.Known(), remodel.Model); err != nil {
		t.Fatal(err)
	}

	result := device.Register(remodel)

	assertOutcome(t, result, device.Registered, device.StageDone)
	devicetest.AssertEqual(t, "model", result.SerialAssertion.Model(), "gizmo-2")
	stream := s.LastStream(t)
	devicetest.AssertEqual(t, "stream length", len(stream), 3)
	request := stream[0]
	devicetest.AssertEqual(t, "original-brand-id", request.HeaderString("original-brand-id"), devicetest.Brand)
	devicetest.AssertEqual(t, "original-model", request.HeaderString("original-model"), "gizmo")
	devicetest.AssertEqual(t, "original-serial", request.HeaderString("original-serial"), first.Serial)
	devicetest.AssertEqual(t, "second assertion", stream[1].HeaderString("model"), "gizmo-2")
	devicetest.AssertEqual(t, "third assertion", string(asserts.Encode(stream[2])), string(asserts.Encode(first.SerialAssertion)))
}

func TestOpenDatabaseRejectsForeignModel(t *testing.T) {
	dir := t.TempDir()
	other, err := teststore.Init(dir, devicetest.Brand, keyfile.MinBits, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	foreign, err := other.SignModel(teststore.ModelOptions{Model: "gizmo"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}

	_, err = device.OpenDatabase(shared.Store.Trusted(), shared.Store.Known(), foreign.(*asserts.Model))

	if err == nil || !strings.Contains(err.Error(), "no device could boot with it") {
		t.Errorf("error %v, expected the model to be rejected", err)
	}
}
