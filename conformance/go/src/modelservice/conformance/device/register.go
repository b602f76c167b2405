package device

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/snapcore/snapd/asserts"
)

// endpoints are the URLs of one registration, resolved as devicestate's
// serialRequestConfig.setURLs resolves them.
type endpoints struct {
	// proxy is the store proxy's URL, checked with HEAD; empty without one.
	proxy     string
	requestID string
	serial    string
	// serviceHeader is the X-Snap-Device-Service-URL value; empty without a
	// proxy.
	serviceHeader string
}

func (c *Config) endpoints() (endpoints, error) {
	base, err := parseBaseURL(c.BaseURL)
	if err != nil {
		return endpoints{}, err
	}

	switch c.Paths {
	case "", PathsDirect, PathsV1:
		service := withSlash(base)
		if c.Paths == PathsV1 {
			service = service.ResolveReference(&url.URL{Path: "v1/"})
		}
		return endpoints{
			requestID: service.ResolveReference(&url.URL{Path: "request-id"}).String(),
			serial:    service.ResolveReference(&url.URL{Path: "serial"}).String(),
		}, nil
	case PathsProxy:
		serviceURL := c.ServiceURL
		if serviceURL == "" {
			serviceURL = c.BaseURL
		}
		service, err := parseBaseURL(serviceURL)
		if err != nil {
			return endpoints{}, err
		}
		auth := base.ResolveReference(&url.URL{Path: "api/v1/snaps/auth/"})
		return endpoints{
			proxy:         base.String(),
			requestID:     auth.ResolveReference(&url.URL{Path: "request-id"}).String(),
			serial:        auth.ResolveReference(&url.URL{Path: "devices"}).String(),
			serviceHeader: withSlash(service).String(),
		}, nil
	default:
		return endpoints{}, fmt.Errorf("invalid paths %q: use %q, %q or %q", c.Paths, PathsDirect, PathsV1, PathsProxy)
	}
}

func parseBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("invalid URL %q: %v", raw, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("invalid URL %q: give an absolute http or https URL such as http://127.0.0.1:8443/", raw)
	}
	return u, nil
}

// withSlash returns u with "/" appended to its path unless it ends with one,
// as devicestate does with device-service.url.
func withSlash(u *url.URL) *url.URL {
	copied := *u
	if !strings.HasSuffix(copied.Path, "/") {
		copied.Path += "/"
	}
	return &copied
}

// registration is the state of one Register call.
type registration struct {
	config    *Config
	client    *http.Client
	endpoints endpoints
	result    *Result
}

// Register runs one registration attempt. It never returns nil, and every
// failure is described in the result.
func Register(c *Config) *Result {
	r := &registration{config: c, client: c.Client, result: &Result{StreamTypes: []string{}}}
	if r.client == nil {
		r.client = &http.Client{Timeout: requestTimeout, Transport: &http.Transport{}}
	}
	r.result.DeviceKeyID = c.DeviceKey.PublicKey().ID()

	var err error
	if r.endpoints, err = c.endpoints(); err != nil {
		return r.fail(Error, StageSetup, err.Error())
	}

	if r.endpoints.proxy != "" {
		if message := r.checkProxy(); message != "" {
			return r.fail(Error, StageProxy, message)
		}
	}

	requestID := c.RequestID
	if requestID == "" {
		if requestID = r.fetchRequestID(); requestID == "" {
			return r.result
		}
	}
	r.result.RequestID = requestID

	serial, others := r.submitSerialRequest(requestID)
	if serial == nil {
		return r.result
	}
	r.result.Serial = serial.Serial()

	if err := c.accept(serial, others); err != nil {
		return r.fail(Error, StageVerify, err.Error())
	}
	r.result.Outcome = Registered
	r.result.Stage = StageDone
	r.result.SerialAssertion = serial
	return r.result
}

func (r *registration) fail(outcome, stage, message string) *Result {
	r.result.Outcome = outcome
	r.result.Stage = stage
	r.result.Message = message
	return r.result
}

func (r *registration) newRequest(method, target string, body []byte) (*http.Request, error) {
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, target, reader)
	if err != nil {
		return nil, fmt.Errorf("cannot create the %s request for %s: %v", method, target, err)
	}
	req.Header.Set("User-Agent", userAgent)
	return req, nil
}

// applyHeaders sets the configured headers, and the device service's URL for
// a proxy, as devicestate's applyHeaders does after its own headers.
func (r *registration) applyHeaders(req *http.Request) {
	for name, value := range r.config.Headers {
		req.Header.Set(name, value)
	}
	if r.endpoints.serviceHeader != "" {
		req.Header.Set("X-Snap-Device-Service-URL", r.endpoints.serviceHeader)
	}
}

// checkProxy sends HEAD to the proxy, as devicestate's newEnoughProxy does,
// and returns why the proxy is not used, or "" when it is. devicestate would
// then bypass the proxy. This client reports an error instead, so a test of
// the proxy paths cannot pass on the direct ones.
func (r *registration) checkProxy() string {
	req, err := r.newRequest(http.MethodHead, r.endpoints.proxy, nil)
	if err != nil {
		return err.Error()
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return fmt.Sprintf("cannot check whether the proxy store supports a custom device service: %v", err)
	}
	resp.Body.Close()
	r.result.Status = resp.StatusCode
	r.result.ContentType = resp.Header.Get("Content-Type")

	if resp.StatusCode != 200 {
		return fmt.Sprintf("HEAD %s returned status %d, expected 200: snapd would ignore the proxy", r.endpoints.proxy, resp.StatusCode)
	}
	version := resp.Header.Get("Snap-Store-Version")
	number, err := strconv.Atoi(version)
	if err != nil || number < 6 {
		return fmt.Sprintf("HEAD %s returned Snap-Store-Version %q, expected 6 or more: snapd would ignore the proxy", r.endpoints.proxy, version)
	}
	return ""
}

// fetchRequestID sends POST request-id and returns the request-id, or "" after
// recording the failure.
func (r *registration) fetchRequestID() string {
	const reason = "cannot retrieve request-id for making a request for a serial"

	req, err := r.newRequest(http.MethodPost, r.endpoints.requestID, nil)
	if err != nil {
		r.fail(Error, StageRequestID, err.Error())
		return ""
	}
	r.applyHeaders(req)

	resp, err := r.client.Do(req)
	if err != nil {
		r.fail(Error, StageRequestID, fmt.Sprintf("%s: %v", reason, err))
		return ""
	}
	defer resp.Body.Close()
	r.result.Status = resp.StatusCode
	r.result.ContentType = resp.Header.Get("Content-Type")

	// devicestate accepts 200 only, 201 included among the failures.
	if resp.StatusCode != 200 {
		outcome, message := classifyFailure(resp, reason)
		r.fail(outcome, StageRequestID, message)
		return ""
	}

	var response struct {
		RequestID string `json:"request-id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&response); err != nil {
		r.fail(Error, StageRequestID, fmt.Sprintf("cannot read response with request-id for making a request for a serial: %v", err))
		return ""
	}
	if response.RequestID == "" {
		r.fail(Error, StageRequestID, `the request-id response has no "request-id": snapd cannot sign a serial-request without one`)
		return ""
	}
	return response.RequestID
}

// classifyFailure turns a failure status into an outcome and the message
// devicestate reports (retryBadStatus): above 500 is temporary, and only an
// exactly "application/json" body lends its message.
func classifyFailure(resp *http.Response, reason string) (outcome, message string) {
	if resp.StatusCode > 500 {
		return Temporary, fmt.Sprintf("%s: unexpected status %d", reason, resp.StatusCode)
	}
	if resp.Header.Get("Content-Type") == "application/json" {
		var response serverError
		if err := json.NewDecoder(resp.Body).Decode(&response); err == nil {
			text := response.Message
			if text == "" && len(response.Errors) > 0 {
				text = response.Errors[0].Message
			}
			if text != "" {
				return Rejected, fmt.Sprintf("%s: %s", reason, text)
			}
		}
	}
	return Rejected, fmt.Sprintf("%s: unexpected status %d", reason, resp.StatusCode)
}

// serverError is the error body devicestate reads.
type serverError struct {
	Message string         `json:"message"`
	Errors  []*serverError `json:"error_list"`
}

// submitSerialRequest sends POST serial and returns the serial and the other
// assertions of the response, or a nil serial after recording the failure.
func (r *registration) submitSerialRequest(requestID string) (*asserts.Serial, []asserts.Assertion) {
	const reason = "cannot deliver device serial request"

	stream, err := r.config.serialRequestStream(requestID)
	if err != nil {
		r.fail(Error, StageSerial, err.Error())
		return nil, nil
	}
	req, err := r.newRequest(http.MethodPost, r.endpoints.serial, stream)
	if err != nil {
		r.fail(Error, StageSerial, err.Error())
		return nil, nil
	}
	if r.config.SerialStream {
		req.Header.Set("Snap-Device-Capabilities", "serial-stream")
	}
	r.applyHeaders(req)
	req.Header.Set("Content-Type", asserts.MediaType)

	resp, err := r.client.Do(req)
	if err != nil {
		r.fail(Error, StageSerial, fmt.Sprintf("%s: %v", reason, err))
		return nil, nil
	}
	defer resp.Body.Close()
	r.result.Status = resp.StatusCode
	r.result.ContentType = resp.Header.Get("Content-Type")

	switch resp.StatusCode {
	case 200, 201:
	case 202:
		r.fail(Temporary, StageSerial, "serial-request accepted, poll later: snapd sends the same serial-request again in 60 seconds")
		return nil, nil
	default:
		outcome, message := classifyFailure(resp, reason)
		r.fail(outcome, StageSerial, message)
		return nil, nil
	}

	return r.readSerialStream(resp.Body)
}

// readSerialStream decodes the response as devicestate's submitSerialRequest
// does: any number of assertions, exactly one of them a serial. It ignores
// the response's Content-Type, as devicestate does.
func (r *registration) readSerialStream(body io.Reader) (*asserts.Serial, []asserts.Assertion) {
	var serial *asserts.Serial
	var others []asserts.Assertion
	decoder := asserts.NewDecoder(body)
	for {
		a, err := decoder.Decode()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.fail(Error, StageSerial, fmt.Sprintf("cannot read response to request for a serial: %v", err))
			return nil, nil
		}
		r.result.StreamTypes = append(r.result.StreamTypes, a.Type().Name)

		if a.Type() != asserts.SerialType {
			others = append(others, a)
			continue
		}
		if serial != nil {
			r.fail(Error, StageSerial, "cannot accept more than a single device serial assertion from the device service")
			return nil, nil
		}
		serial = a.(*asserts.Serial)
	}

	if serial == nil {
		r.fail(Error, StageSerial, "cannot proceed, received assertion stream from the device service missing device serial assertion")
		return nil, nil
	}
	return serial, others
}
