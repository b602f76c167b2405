// Command snapddevice registers a device with a device service as snapd
// 2.57.6's devicestate does, and prints the outcome as one JSON object:
//
//	{"outcome": "registered"|"rejected"|"temporary"|"error", "stage": "...",
//	 "status": N, "content-type": "...", "message": "...", "request-id": "...",
//	 "device-key-sha3-384": "...", "serial": "...",
//	 "serial-assertion-file": "...", "stream-types": [...]}
//
// It exits 0 only when the device registered, 1 otherwise, and 2 on a usage
// error. Run "snapddevice register -h" for the flags.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/snapcore/snapd/asserts"

	"modelservice/conformance/assertfile"
	"modelservice/conformance/device"
	"modelservice/conformance/keyfile"
)

const usage = "usage: snapddevice register -url BASE -model FILE -trusted FILE [-known FILE]... [flags]\n" +
	"       snapddevice register -h    lists every flag"

// options are the register command's flags.
type options struct {
	url, serviceURL, paths  string
	apiKey                  string
	headers                 listFlag
	modelFile, trustedFile  string
	knownFiles              listFlag
	deviceKeyFile           string
	keyBits                 int
	proposedSerial, body    string
	stream                  bool
	requestID               string
	signWithOtherKey        bool
	remodelFrom, serialFile string
}

func main() {
	if len(os.Args) < 2 || os.Args[1] != "register" {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	opts, err := parseOptions(os.Args[2:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "snapddevice: %v\n%s\n", err, usage)
		os.Exit(2)
	}

	result := run(opts)
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(result); err != nil {
		fmt.Fprintf(os.Stderr, "snapddevice: %v\n", err)
		os.Exit(1)
	}
	if result.Outcome != device.Registered {
		os.Exit(1)
	}
}

func parseOptions(args []string) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("register", flag.ContinueOnError)
	fs.StringVar(&o.url, "url", "", "base URL of the device service (device-service.url), or of the store proxy with -paths proxy")
	fs.StringVar(&o.paths, "paths", device.PathsDirect, "path layout: direct (BASE/request-id, BASE/serial), v1 (BASE/v1/...) or proxy (HEAD BASE, BASE/api/v1/snaps/auth/request-id and .../devices)")
	fs.StringVar(&o.serviceURL, "service-url", "", "device service URL sent to a proxy in X-Snap-Device-Service-URL (default: -url)")
	fs.StringVar(&o.apiKey, "api-key", "", "value of the api-key header on both requests; empty sends none")
	fs.Var(&o.headers, "header", "further header NAME=VALUE on both requests, as in device-service.headers; repeatable")
	fs.StringVar(&o.modelFile, "model", "", "the device's model assertion; gives brand-id and model and is sent after the serial-request")
	fs.StringVar(&o.trustedFile, "trusted", "", "root of trust: account and self-signed account-key (snapdstore's root.assert)")
	fs.Var(&o.knownFiles, "known", "assertions on the device besides the root (snapdstore's known.assert, the serial signing key's account-key when the response carries none); repeatable")
	fs.StringVar(&o.deviceKeyFile, "device-key", "", "PEM file of the device key, created when absent (default: a new key that is not saved)")
	fs.IntVar(&o.keyBits, "key-bits", 4096, "size in bits of a new device key; snapd uses 4096, 2048 is faster")
	fs.StringVar(&o.proposedSerial, "serial", "", "proposed serial, the serial-request's serial header (registration.proposed-serial)")
	fs.StringVar(&o.body, "body", "", "serial-request body (registration.body)")
	fs.BoolVar(&o.stream, "stream", true, "send Snap-Device-Capabilities: serial-stream, as snapd does")
	fs.StringVar(&o.requestID, "request-id", "", "use this request-id instead of asking the service for one")
	fs.BoolVar(&o.signWithOtherKey, "sign-with-other-key", false, "sign the serial-request with a new key instead of the device key, so its signature does not verify")
	fs.StringVar(&o.remodelFrom, "remodel-from", "", "current serial assertion of the device: makes the request a remodel, with original-* headers and this serial in the stream")
	fs.StringVar(&o.serialFile, "out", "", "file to write the serial assertion to when the device registers")

	fs.SetOutput(os.Stderr)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() != 0 {
		return nil, fmt.Errorf("unexpected argument %q: every value is given with a flag", fs.Arg(0))
	}
	for _, required := range []struct{ name, value string }{{"url", o.url}, {"model", o.modelFile}, {"trusted", o.trustedFile}} {
		if required.value == "" {
			return nil, fmt.Errorf("missing -%s", required.name)
		}
	}
	return o, nil
}

func run(o *options) *device.Result {
	config, err := o.config()
	if err != nil {
		fmt.Fprintf(os.Stderr, "snapddevice: %v\n", err)
		return &device.Result{Outcome: device.Error, Stage: device.StageSetup, Message: err.Error(), StreamTypes: []string{}}
	}

	result := device.Register(config)
	if result.Outcome == device.Registered && o.serialFile != "" {
		if err := assertfile.WriteOne(o.serialFile, result.SerialAssertion); err != nil {
			result.Outcome = device.Error
			result.Message = fmt.Sprintf("registered, but cannot write the serial to %s: %v", o.serialFile, err)
			return result
		}
		result.SerialAssertionFile = o.serialFile
	}
	return result
}

// config reads the files the flags name into a registration config.
func (o *options) config() (*device.Config, error) {
	c := &device.Config{
		BaseURL:        o.url,
		Paths:          o.paths,
		ServiceURL:     o.serviceURL,
		Headers:        map[string]string{},
		SerialStream:   o.stream,
		ProposedSerial: o.proposedSerial,
		Body:           []byte(o.body),
		RequestID:      o.requestID,
	}
	if err := o.readHeaders(c); err != nil {
		return nil, err
	}
	if err := o.readKeys(c); err != nil {
		return nil, err
	}

	model, err := assertfile.ReadOne(o.modelFile, asserts.ModelType)
	if err != nil {
		return nil, err
	}
	c.Model = model.(*asserts.Model)
	if o.remodelFrom != "" {
		current, err := assertfile.ReadOne(o.remodelFrom, asserts.SerialType)
		if err != nil {
			return nil, err
		}
		c.CurrentSerial = current.(*asserts.Serial)
	}

	trusted, err := assertfile.ReadAll(o.trustedFile)
	if err != nil {
		return nil, err
	}
	var known []asserts.Assertion
	for _, path := range o.knownFiles {
		assertions, err := assertfile.ReadAll(path)
		if err != nil {
			return nil, err
		}
		known = append(known, assertions...)
	}
	if c.Database, err = device.OpenDatabase(trusted, known, c.Model); err != nil {
		return nil, err
	}
	return c, nil
}

func (o *options) readHeaders(c *device.Config) error {
	for _, header := range o.headers {
		name, value, ok := strings.Cut(header, "=")
		if !ok || name == "" {
			return fmt.Errorf("invalid -header %q: write NAME=VALUE", header)
		}
		c.Headers[name] = value
	}
	if o.apiKey != "" {
		c.Headers["api-key"] = o.apiKey
	}
	return nil
}

func (o *options) readKeys(c *device.Config) error {
	var deviceKey keyfile.Key
	var err error
	if o.deviceKeyFile != "" {
		deviceKey, _, err = keyfile.ReadOrCreate(o.deviceKeyFile, o.keyBits)
	} else {
		deviceKey, err = keyfile.Generate(o.keyBits)
	}
	if err != nil {
		return err
	}
	c.DeviceKey = deviceKey.Private

	if o.signWithOtherKey {
		other, err := keyfile.Generate(keyfile.MinBits)
		if err != nil {
			return err
		}
		c.OtherSigningKey = other.RSA
	}
	return nil
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, " ") }

func (l *listFlag) Set(value string) error {
	*l = append(*l, value)
	return nil
}
