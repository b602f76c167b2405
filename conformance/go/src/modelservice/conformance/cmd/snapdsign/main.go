// Command snapdsign writes a conformance case folder with snapd's own asserts
// package: a root of trust, a brand's chain of accounts, account-keys and
// models, then serials, self-signed requests and tampered copies, with the
// manifest.json that states snapd's verdict on each file. The Java codec's
// tests read the folder and must reach the same verdicts.
//
// Usage:
//
//	snapdsign -out DIR
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"modelservice/conformance/manifest"
)

const (
	trustedFile = "root.assert"
	knownFile   = "chain.assert"
)

func main() {
	out := flag.String("out", "", "folder to write the assertion files and "+manifest.FileName+" into; created when missing")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: snapdsign -out DIR")
		os.Exit(2)
	}

	if err := generate(*out); err != nil {
		fmt.Fprintf(os.Stderr, "snapdsign: %v\n", err)
		os.Exit(1)
	}
}

func generate(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}

	// Whole seconds, because assertion timestamps are RFC 3339 without fractions.
	w, err := newWorld(time.Now().UTC().Truncate(time.Second))
	if err != nil {
		return err
	}

	cw := newCaseWriter(dir)
	if err := cw.writeStream(trustedFile, w.trusted()); err != nil {
		return err
	}
	if err := cw.writeStream(knownFile, w.known()); err != nil {
		return err
	}
	cw.manifest.Trusted = append(cw.manifest.Trusted, trustedFile)
	cw.manifest.Known = append(cw.manifest.Known, knownFile)

	for _, write := range []func(*world, *caseWriter) error{writeSerialCases, writeRequestCases, writeModelCases} {
		if err := write(w, cw); err != nil {
			return err
		}
	}

	if err := manifest.Write(dir, &cw.manifest); err != nil {
		return err
	}
	fmt.Printf("snapdsign: wrote %d cases to %s\n", len(cw.manifest.Cases), dir)
	return nil
}
