// Package device is a device registration client that follows snapd 2.57.6's
// devicestate (overlord/devicestate/handlers_serial.go). It fetches a
// request-id and sends a serial-request signed by the device key, with the
// model assertion. It reads the response as devicestate reads it, and accepts
// the serial only when it matches the device and checks in the device's
// assertion database.
package device

import (
	"crypto/rsa"
	"net/http"
	"time"

	"github.com/snapcore/snapd/asserts"
)

// Path layouts of a device service.
const (
	// PathsDirect is a device service at the base URL: request-id and serial.
	PathsDirect = "direct"
	// PathsV1 is the base URL plus v1/, the paths of Canonical's Serial Vault.
	PathsV1 = "v1"
	// PathsProxy is a store proxy at the base URL: api/v1/snaps/auth/request-id
	// and api/v1/snaps/auth/devices, with the device service's URL in a header.
	PathsProxy = "proxy"
)

// Outcomes of a registration.
const (
	// Registered: the device got a serial that matches it and checks in its
	// assertion database.
	Registered = "registered"
	// Rejected: the service returned a status that devicestate treats as a
	// failure (any but 200, 201 and 202, up to 500 included).
	Rejected = "rejected"
	// Temporary: a status above 500, which devicestate retries soon, or 202,
	// after which it polls with the same serial-request.
	Temporary = "temporary"
	// Error: the exchange failed on the network, the response broke the
	// protocol, or the serial did not match the device or did not check.
	Error = "error"
)

// Stages at which a registration ends.
const (
	// StageSetup: the client's own inputs are invalid; nothing was sent.
	StageSetup     = "setup"
	StageProxy     = "proxy"
	StageRequestID = "request-id"
	StageSerial    = "serial"
	StageVerify    = "verify"
	StageDone      = "done"
)

// requestTimeout is devicestate's HTTP client timeout.
const requestTimeout = 30 * time.Second

// userAgent has the form of snapd's User-Agent and names the snapd version
// this client follows.
const userAgent = "snapd/2.57.6 (series 16; modelservice-conformance) linux/go"

// Config is one registration attempt. Model, DeviceKey and Database are
// required.
type Config struct {
	// BaseURL is the device service's URL (the gadget's device-service.url),
	// or the store proxy's URL when Paths is PathsProxy.
	BaseURL string
	// Paths is PathsDirect, PathsV1 or PathsProxy; empty means PathsDirect.
	Paths string
	// ServiceURL is the device service's URL sent to a proxy in
	// X-Snap-Device-Service-URL; empty means BaseURL.
	ServiceURL string
	// Headers are sent with both requests, as device-service.headers are
	// (for example "api-key").
	Headers map[string]string
	// SerialStream sends "Snap-Device-Capabilities: serial-stream", as snapd
	// always does.
	SerialStream bool

	// Model is the device's model, sent after the serial-request.
	Model *asserts.Model
	// DeviceKey signs the serial-request.
	DeviceKey asserts.PrivateKey
	// ProposedSerial becomes the serial-request's serial header, as
	// registration.proposed-serial does; empty leaves it out.
	ProposedSerial string
	// Body becomes the serial-request's body, as registration.body does.
	Body []byte

	// RequestID, when set, is used instead of asking the service for one.
	RequestID string
	// OtherSigningKey, when set, signs the serial-request in place of the
	// device key, so its signature does not verify.
	OtherSigningKey *rsa.PrivateKey
	// CurrentSerial, when set, makes the request a remodel: it adds the
	// original-brand-id, original-model and original-serial headers and sends
	// this serial after the model.
	CurrentSerial *asserts.Serial

	// Database is the device's assertion database: the trusted root, the
	// assertions already on the device, and its model. The response is
	// committed to it.
	Database *asserts.Database
	// Client sends the requests; nil means a client with devicestate's
	// timeout and no proxy from the environment.
	Client *http.Client
}

// Result is the outcome of a registration, as snapddevice prints it.
type Result struct {
	Outcome string `json:"outcome"`
	Stage   string `json:"stage"`
	// Status is the HTTP status of the last response, 0 when none came.
	Status      int    `json:"status"`
	ContentType string `json:"content-type"`
	// Message is the error as devicestate reports it, empty when registered.
	Message             string   `json:"message"`
	RequestID           string   `json:"request-id"`
	DeviceKeyID         string   `json:"device-key-sha3-384"`
	Serial              string   `json:"serial"`
	SerialAssertionFile string   `json:"serial-assertion-file"`
	StreamTypes         []string `json:"stream-types"`

	// SerialAssertion is the registered serial.
	SerialAssertion *asserts.Serial `json:"-"`
}
