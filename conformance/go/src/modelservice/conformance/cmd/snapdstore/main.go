// Command snapdstore plays Canonical's store for the device registration
// tests, with snapd's own asserts package and a test root of trust.
//
// Usage:
//
//	snapdstore init -dir DIR [-brand ID] [-key-bits N]
//	snapdstore sign-model -dir DIR -model NAME [-serial-authority ID,...] [-revision N] -out FILE
//	snapdstore sign-account-key -dir DIR -request FILE -out FILE
//
// Each command prints one JSON object describing what it wrote, and exits 1
// on a failure and 2 on a usage error.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/snapcore/snapd/asserts"

	"modelservice/conformance/assertfile"
	"modelservice/conformance/teststore"
)

const usage = `usage:
  snapdstore init -dir DIR [-brand ID] [-key-bits N]
  snapdstore sign-model -dir DIR -model NAME [-serial-authority ID,...] [-revision N] -out FILE
  snapdstore sign-account-key -dir DIR -request FILE -out FILE`

// usageError is a command line mistake: exit status 2 and the usage text.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}

	var result interface{}
	var err error
	switch os.Args[1] {
	case "init":
		result, err = runInit(os.Args[2:])
	case "sign-model":
		result, err = runSignModel(os.Args[2:])
	case "sign-account-key":
		result, err = runSignAccountKey(os.Args[2:])
	default:
		err = usageError{fmt.Sprintf("unknown command %q", os.Args[1])}
	}

	if _, ok := err.(usageError); ok {
		fmt.Fprintf(os.Stderr, "snapdstore: %v\n%s\n", err, usage)
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "snapdstore %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(result); err != nil {
		fmt.Fprintf(os.Stderr, "snapdstore: %v\n", err)
		os.Exit(1)
	}
}

// requiredFlag is a string flag that must not be empty.
type requiredFlag struct {
	name  string
	value *string
}

// parseFlags parses args and checks that every flag in required is set.
func parseFlags(fs *flag.FlagSet, args []string, required ...requiredFlag) error {
	fs.SetOutput(os.Stderr)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() != 0 {
		return usageError{fmt.Sprintf("unexpected argument %q: every value is given with a flag", fs.Arg(0))}
	}
	for _, f := range required {
		if *f.value == "" {
			return usageError{fmt.Sprintf("missing -%s", f.name)}
		}
	}
	return nil
}

func runInit(args []string) (interface{}, error) {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	dir := fs.String("dir", "", "store folder to create; must not hold a store yet")
	brand := fs.String("brand", "conformance-brand", "account id of the brand")
	keyBits := fs.Int("key-bits", 4096, "size in bits of the root and models keys (2048 is faster, brand keys are 4096 in production)")
	if err := parseFlags(fs, args, requiredFlag{"dir", dir}, requiredFlag{"brand", brand}); err != nil {
		return nil, err
	}

	s, err := teststore.Init(*dir, *brand, *keyBits, time.Now())
	if err != nil {
		return nil, err
	}
	models := s.Known()[1].(*asserts.AccountKey)
	return map[string]interface{}{
		"dir":                 *dir,
		"root-id":             teststore.RootID,
		"brand-id":            s.BrandID,
		"trusted-file":        filepath.Join(*dir, teststore.TrustedFile),
		"known-file":          filepath.Join(*dir, teststore.KnownFile),
		"brand-account-file":  filepath.Join(*dir, teststore.BrandAccountFile),
		"models-key-sha3-384": models.PublicKeyID(),
	}, nil
}

func runSignModel(args []string) (interface{}, error) {
	fs := flag.NewFlagSet("sign-model", flag.ContinueOnError)
	dir := fs.String("dir", "", "store folder written by init")
	model := fs.String("model", "", "model name")
	var authorities listFlag
	fs.Var(&authorities, "serial-authority", "account id allowed to sign the model's serials besides the brand; comma-separated or repeated")
	revision := fs.Int("revision", 0, "assertion revision, 0 for the first")
	out := fs.String("out", "", "file to write the model assertion to")
	if err := parseFlags(fs, args, requiredFlag{"dir", dir}, requiredFlag{"model", model}, requiredFlag{"out", out}); err != nil {
		return nil, err
	}

	s, err := teststore.Open(*dir)
	if err != nil {
		return nil, err
	}
	a, err := s.SignModel(teststore.ModelOptions{Model: *model, SerialAuthority: authorities, Revision: *revision}, time.Now())
	if err != nil {
		return nil, err
	}
	if err := assertfile.WriteOne(*out, a); err != nil {
		return nil, err
	}
	return map[string]interface{}{
		"file":              *out,
		"brand-id":          s.BrandID,
		"model":             *model,
		"sign-key-sha3-384": a.SignKeyID(),
	}, nil
}

func runSignAccountKey(args []string) (interface{}, error) {
	fs := flag.NewFlagSet("sign-account-key", flag.ContinueOnError)
	dir := fs.String("dir", "", "store folder written by init")
	request := fs.String("request", "", "account-key-request file, as model-admin register-key writes it")
	out := fs.String("out", "", "file to write the account-key assertion to")
	if err := parseFlags(fs, args, requiredFlag{"dir", dir}, requiredFlag{"request", request}, requiredFlag{"out", out}); err != nil {
		return nil, err
	}

	s, err := teststore.Open(*dir)
	if err != nil {
		return nil, err
	}
	req, err := assertfile.ReadOne(*request, asserts.AccountKeyRequestType)
	if err != nil {
		return nil, err
	}
	a, err := s.SignAccountKey(req)
	if err != nil {
		return nil, fmt.Errorf("%s rejected: %v", *request, err)
	}
	if err := assertfile.WriteOne(*out, a); err != nil {
		return nil, err
	}
	accountKey := a.(*asserts.AccountKey)
	return map[string]interface{}{
		"file":                *out,
		"account-id":          accountKey.AccountID(),
		"name":                accountKey.Name(),
		"public-key-sha3-384": accountKey.PublicKeyID(),
		"since":               accountKey.HeaderString("since"),
	}, nil
}

// listFlag is a flag of comma-separated values that may also be repeated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(value string) error {
	for _, item := range strings.Split(value, ",") {
		if item = strings.TrimSpace(item); item != "" {
			*l = append(*l, item)
		}
	}
	return nil
}
