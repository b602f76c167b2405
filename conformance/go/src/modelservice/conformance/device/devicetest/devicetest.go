// Package devicetest provides a test world (a test store, a model, a device
// service signing key registered with the store) and a fake device service
// built on snapd's asserts package, for the device client's tests.
package devicetest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/snapcore/snapd/asserts"

	"modelservice/conformance/assertfile"
	"modelservice/conformance/keyfile"
	"modelservice/conformance/teststore"
)

// Brand is the brand of the test store.
const Brand = "gizmo-brand"

// APIKey is the API key the fake device service accepts.
const APIKey = "model-api-key-1"

// World is the setup every test shares: a test store, a model, and the device
// service's signing key with the account-key the store signed for it.
type World struct {
	Store      *teststore.Store
	Model      *asserts.Model
	SigningKey keyfile.Key
	AccountKey asserts.Assertion
	// OtherKey signs serials that no account-key covers.
	OtherKey keyfile.Key
	// Signer holds the service's keys.
	Signer *asserts.Database
}

// NewWorld builds a world with a store in dir; 2048-bit keys keep it fast.
func NewWorld(dir string) (*World, error) {
	now := time.Now()
	store, err := teststore.Init(dir, Brand, keyfile.MinBits, now)
	if err != nil {
		return nil, err
	}
	model, err := store.SignModel(teststore.ModelOptions{Model: "gizmo"}, now)
	if err != nil {
		return nil, err
	}

	w := &World{Store: store, Model: model.(*asserts.Model)}
	if w.SigningKey, err = keyfile.Generate(keyfile.MinBits); err != nil {
		return nil, err
	}
	if w.OtherKey, err = keyfile.Generate(keyfile.MinBits); err != nil {
		return nil, err
	}
	if w.AccountKey, err = registerKey(store, w.SigningKey, now); err != nil {
		return nil, err
	}

	if w.Signer, err = asserts.OpenDatabase(&asserts.DatabaseConfig{}); err != nil {
		return nil, err
	}
	for _, k := range []keyfile.Key{w.SigningKey, w.OtherKey} {
		if err := w.Signer.ImportKey(k.Private); err != nil {
			return nil, err
		}
	}
	return w, nil
}

// RunMain runs the tests of a test binary in a new world whose store lives
// in a temporary folder, and exits with their status. setup receives the
// world before any test runs.
func RunMain(m *testing.M, setup func(w *World) error) {
	dir, err := os.MkdirTemp("", "devicetest-")
	if err != nil {
		fmt.Fprintf(os.Stderr, "cannot create the test store folder: %v\n", err)
		os.Exit(1)
	}
	w, err := NewWorld(dir)
	if err == nil {
		err = setup(w)
	}
	if err != nil {
		os.RemoveAll(dir)
		fmt.Fprintf(os.Stderr, "cannot set up the test store in %s: %v\n", dir, err)
		os.Exit(1)
	}

	status := m.Run()
	os.RemoveAll(dir)
	os.Exit(status)
}

// AssertEqual reports a test error naming what when got differs from
// expected.
func AssertEqual(t testing.TB, what string, got, expected interface{}) {
	t.Helper()
	if !reflect.DeepEqual(got, expected) {
		t.Errorf("%s is %#v, expected %#v", what, got, expected)
	}
}

// registerKey does what register-key and the store do for a service's
// signing key: a self-signed account-key-request, then the store's
// account-key.
func registerKey(store *teststore.Store, k keyfile.Key, now time.Time) (asserts.Assertion, error) {
	encoded, err := asserts.EncodePublicKey(k.Private.PublicKey())
	if err != nil {
		return nil, err
	}
	request, err := asserts.SignWithoutAuthority(asserts.AccountKeyRequestType, map[string]interface{}{
		"account-id":          Brand,
		"name":                "serials",
		"public-key-sha3-384": k.ID(),
		"since":               now.UTC().Add(-time.Minute).Format(time.RFC3339),
	}, encoded, k.Private)
	if err != nil {
		return nil, err
	}
	return store.SignAccountKey(request)
}

// SeenRequest is one request as the fake service received it.
type SeenRequest struct {
	Method string
	Path   string
	Header http.Header
	Body   []byte
}

// SerialResponder writes the response to a serial-request that passed the checks.
type SerialResponder func(s *Service, w http.ResponseWriter, r *http.Request, request *asserts.SerialRequest)

// Service is a minimal correct device service built on snapd's asserts
// package, whose responses a test can replace with wrong ones.
type Service struct {
	World *World
	// Respond responds to a valid serial-request; nil signs the serial.
	Respond SerialResponder
	// RequestIDResponder, when set, responds to POST request-id instead.
	RequestIDResponder http.HandlerFunc
	// StoreVersion is the Snap-Store-Version that HEAD / returns.
	StoreVersion string

	mu       sync.Mutex
	nonces   map[string]bool
	requests []SeenRequest
	// streams holds the decoded body of each valid POST serial.
	streams [][]asserts.Assertion

	server *httptest.Server
}

// StartService starts the service on a loopback port until the test ends.
func StartService(t testing.TB, w *World) *Service {
	s := &Service{World: w, nonces: map[string]bool{}, StoreVersion: "7"}
	s.server = httptest.NewServer(s)
	t.Cleanup(s.server.Close)
	return s
}

// URL returns the service's base URL.
func (s *Service) URL() string {
	return s.server.URL
}

func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 4<<20))
	if err != nil {
		WriteError(w, http.StatusBadRequest, "cannot read the request body")
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, SeenRequest{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
	s.mu.Unlock()

	switch {
	case r.Method == http.MethodHead && r.URL.Path == "/":
		w.Header().Set("Snap-Store-Version", s.StoreVersion)
	case r.Method == http.MethodPost && isPath(r.URL.Path, "request-id"):
		if s.RequestIDResponder != nil {
			s.RequestIDResponder(w, r)
			return
		}
		s.serveRequestID(w, r)
	case r.Method == http.MethodPost && (isPath(r.URL.Path, "serial") || r.URL.Path == "/api/v1/snaps/auth/devices"):
		s.serveSerial(w, r, body)
	default:
		WriteError(w, http.StatusNotFound, fmt.Sprintf("no %s %s", r.Method, r.URL.Path))
	}
}

// isPath reports whether path is name under the root, under /v1/ or under
// the store proxy's /api/v1/snaps/auth/.
func isPath(path, name string) bool {
	return path == "/"+name || path == "/v1/"+name || path == "/api/v1/snaps/auth/"+name
}

// WriteError writes an error as the Model Service does: JSON with message,
// code and error_list.
func WriteError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]interface{}{
		"message":    message,
		"code":       "invalid-request",
		"error_list": []map[string]string{{"code": "invalid-request", "message": message}},
	})
}

func (s *Service) serveRequestID(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("api-key") != APIKey {
		WriteError(w, http.StatusUnauthorized, "invalid API key")
		return
	}
	random := make([]byte, 16)
	rand.Read(random)
	nonce := hex.EncodeToString(random)

	s.mu.Lock()
	s.nonces[nonce] = false
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"request-id": nonce})
}

func (s *Service) serveSerial(w http.ResponseWriter, r *http.Request, body []byte) {
	if r.Header.Get("Content-Type") != asserts.MediaType {
		WriteError(w, http.StatusUnsupportedMediaType, "expected "+asserts.MediaType)
		return
	}
	stream, err := assertfile.Decode(bytes.NewReader(body))
	if err != nil || len(stream) < 2 {
		WriteError(w, http.StatusBadRequest, "expected a serial-request and a model")
		return
	}
	request, ok := stream[0].(*asserts.SerialRequest)
	if !ok {
		WriteError(w, http.StatusBadRequest, "the stream must start with a serial-request")
		return
	}
	if err := asserts.SignatureCheck(request, request.DeviceKey()); err != nil {
		WriteError(w, http.StatusBadRequest, "invalid serial-request signature")
		return
	}
	if !s.useNonce(request.RequestID()) {
		WriteError(w, http.StatusBadRequest, "unknown or used request-id")
		return
	}
	s.mu.Lock()
	s.streams = append(s.streams, stream)
	s.mu.Unlock()

	if s.Respond != nil {
		s.Respond(s, w, r, request)
		return
	}
	signSerial(s, w, r, request)
}

func (s *Service) useNonce(nonce string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	used, known := s.nonces[nonce]
	if !known || used {
		return false
	}
	s.nonces[nonce] = true
	return true
}

// signSerial is the correct response: the serial signed by the service's key,
// followed by its account-key when the request has the serial-stream capability.
func signSerial(s *Service, w http.ResponseWriter, r *http.Request, request *asserts.SerialRequest) {
	serial, err := s.Sign(request, request.DeviceKey(), s.World.SigningKey)
	if err != nil {
		WriteError(w, http.StatusInternalServerError, err.Error())
		return
	}
	response := []asserts.Assertion{serial}
	if strings.Contains(r.Header.Get("Snap-Device-Capabilities"), "serial-stream") {
		response = append(response, s.World.AccountKey)
	}
	WriteAssertions(w, http.StatusOK, response...)
}

// Sign signs a serial for the request that binds deviceKey, with key k.
func (s *Service) Sign(request *asserts.SerialRequest, deviceKey asserts.PublicKey, k keyfile.Key) (asserts.Assertion, error) {
	encodedKey, err := asserts.EncodePublicKey(deviceKey)
	if err != nil {
		return nil, err
	}
	serial := request.Serial()
	if serial == "" {
		serial = "G-" + request.RequestID()[:8]
	}
	return s.World.Signer.Sign(asserts.SerialType, map[string]interface{}{
		"authority-id":        request.BrandID(),
		"brand-id":            request.BrandID(),
		"model":               request.Model(),
		"serial":              serial,
		"device-key":          string(encodedKey),
		"device-key-sha3-384": deviceKey.ID(),
		"timestamp":           time.Now().UTC().Format(time.RFC3339),
	}, request.Body(), k.ID())
}

// WriteAssertions writes a stream of assertions with status.
func WriteAssertions(w http.ResponseWriter, status int, assertions ...asserts.Assertion) {
	w.Header().Set("Content-Type", asserts.MediaType)
	w.WriteHeader(status)
	encoder := asserts.NewEncoder(w)
	for _, a := range assertions {
		encoder.Encode(a)
	}
}

// LastRequest returns the last request to a path ending in suffix.
func (s *Service) LastRequest(t testing.TB, suffix string) SeenRequest {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.requests) - 1; i >= 0; i-- {
		if strings.HasSuffix(s.requests[i].Path, suffix) {
			return s.requests[i]
		}
	}
	t.Fatalf("the service received no request for a path ending in %q", suffix)
	return SeenRequest{}
}

// Paths returns "METHOD PATH" of every request received, in order.
func (s *Service) Paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	paths := make([]string, len(s.requests))
	for i, r := range s.requests {
		paths[i] = r.Method + " " + r.Path
	}
	return paths
}

// LastStream returns the decoded body of the last valid POST serial.
func (s *Service) LastStream(t testing.TB) []asserts.Assertion {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.streams) == 0 {
		t.Fatal("the service received no valid serial-request")
	}
	return s.streams[len(s.streams)-1]
}
