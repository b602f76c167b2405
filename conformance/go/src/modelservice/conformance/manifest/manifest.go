// Package manifest reads and writes manifest.json, the contract between the
// Java and the Go half of the conformance suite: a folder of assertion files
// plus this manifest, which states for each file what snapd must conclude.
package manifest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// FileName is the manifest's name inside a case folder.
const FileName = "manifest.json"

// Expected outcomes of a case.
const (
	ExpectValid  = "valid"
	ExpectReject = "reject"
)

// Stages at which snapd rejects an assertion: Decode covers asserts.Decode and
// asserts.NewDecoder, Verify covers the signature and database checks.
const (
	StageDecode = "decode"
	StageVerify = "verify"
)

// Ways to verify a decoded assertion.
const (
	// CheckDatabase opens an assertion database with the trusted files,
	// adds the known files and runs the database's checks.
	CheckDatabase = "database"
	// CheckSelf verifies a self-signed serial-request or account-key-request
	// with the public key it carries.
	CheckSelf = "self"
	// CheckPublicKey verifies the signature with the key in PublicKeyFile.
	CheckPublicKey = "public-key"
)

// Manifest lists the root of trust, the further known assertions and the cases
// of one case folder. File names are relative to that folder.
type Manifest struct {
	Trusted []string `json:"trusted"`
	Known   []string `json:"known"`
	Cases   []Case   `json:"cases"`
}

// Case is one assertion file and snapd's expected verdict on it.
type Case struct {
	Name   string `json:"name"`
	File   string `json:"file"`
	Expect string `json:"expect"`
	// Stage is the stage at which a rejected case must fail, empty for valid
	// cases.
	Stage         string `json:"stage,omitempty"`
	Check         string `json:"check"`
	PublicKeyFile string `json:"public-key-file,omitempty"`
	// Headers, when present, must equal the decoded headers exactly: strings,
	// lists and maps nested as snapd's Assertion.Headers returns them.
	Headers map[string]interface{} `json:"headers,omitempty"`
	// Body, when present, must equal the decoded body.
	Body *string `json:"body,omitempty"`
}

// Load reads and validates the manifest in dir.
func Load(dir string) (*Manifest, error) {
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the conformance manifest: %v", err)
	}

	decoder := json.NewDecoder(bytes.NewReader(data))
	decoder.DisallowUnknownFields()
	var m Manifest
	if err := decoder.Decode(&m); err != nil {
		return nil, fmt.Errorf("invalid conformance manifest %s: %v", path, err)
	}

	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("invalid conformance manifest %s: %v", path, err)
	}
	return &m, nil
}

func (m *Manifest) validate() error {
	if len(m.Cases) == 0 {
		return fmt.Errorf("no cases: a conformance run needs at least one case")
	}

	seen := make(map[string]bool, len(m.Cases))
	for i, c := range m.Cases {
		if c.Name == "" || c.File == "" {
			return fmt.Errorf("case %d: \"name\" and \"file\" are required", i)
		}
		if seen[c.Name] {
			return fmt.Errorf("case %q: the name is used twice, names must be unique", c.Name)
		}
		seen[c.Name] = true

		if err := c.validate(); err != nil {
			return fmt.Errorf("case %q: %v", c.Name, err)
		}
	}
	return nil
}

func (c *Case) validate() error {
	switch c.Expect {
	case ExpectValid:
		if c.Stage != "" {
			return fmt.Errorf("\"stage\" is %q but only a rejected case has a stage", c.Stage)
		}
	case ExpectReject:
		if c.Stage != StageDecode && c.Stage != StageVerify {
			return fmt.Errorf("\"stage\" is %q, expected %q or %q", c.Stage, StageDecode, StageVerify)
		}
	default:
		return fmt.Errorf("\"expect\" is %q, expected %q or %q", c.Expect, ExpectValid, ExpectReject)
	}

	if c.Stage == StageDecode && (c.Headers != nil || c.Body != nil) {
		return fmt.Errorf("\"headers\" or \"body\" is set but an assertion rejected at decode has none to compare")
	}

	switch c.Check {
	case CheckDatabase, CheckSelf:
		if c.PublicKeyFile != "" {
			return fmt.Errorf("\"public-key-file\" is set but \"check\" is %q", c.Check)
		}
	case CheckPublicKey:
		if c.PublicKeyFile == "" {
			return fmt.Errorf("\"check\" is %q but \"public-key-file\" is missing", c.Check)
		}
	default:
		return fmt.Errorf("\"check\" is %q, expected %q, %q or %q", c.Check, CheckDatabase, CheckSelf, CheckPublicKey)
	}
	return nil
}

// Write stores m as dir/manifest.json, indented for people reading it.
func Write(dir string, m *Manifest) error {
	var buf bytes.Buffer
	encoder := json.NewEncoder(&buf)
	// Header values such as "<brand>" stay readable instead of \u003c escapes.
	encoder.SetEscapeHTML(false)
	encoder.SetIndent("", "  ")
	if err := encoder.Encode(m); err != nil {
		return fmt.Errorf("cannot encode the conformance manifest: %v", err)
	}
	return os.WriteFile(filepath.Join(dir, FileName), buf.Bytes(), 0o644)
}
